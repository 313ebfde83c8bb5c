/** The md5 worker thread of the engine in Node: see ../md5/worker-md5-hashing.ts. */
import { parentPort } from 'node:worker_threads';
import { serveMd5Requests } from '../md5/md5-worker-protocol';

if (!parentPort) throw new Error('md5-worker.ts runs as a worker thread');
const port = parentPort;
const serve = serveMd5Requests((reply, transfer) => port.postMessage(reply, transfer));
port.on('message', serve);
