/** The md5 worker thread of the engine in Node: see ../md5/worker-md5-hashing.ts. */
import fs from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { serveMd5Requests } from '../md5/md5-worker-protocol';

/** 1 MiB reads: few calls, and little memory whatever the files. */
const READ_BYTES = 1024 * 1024;

async function* fileBytes(file: Blob | string, start: number, end: number): AsyncIterable<Uint8Array> {
  if (typeof file !== 'string') throw new Error('the worker thread reads files by their path');
  if (end <= start) return;
  yield* fs.createReadStream(file, { start, end: end - 1, highWaterMark: READ_BYTES }) as AsyncIterable<Buffer>;
}

if (!parentPort) throw new Error('md5-worker.ts runs as a worker thread');
const port = parentPort;
const serve = serveMd5Requests(fileBytes, (reply, transfer) => port.postMessage(reply, transfer));
port.on('message', serve);
