/** The md5 worker thread of the engine in Node: see ../md5/worker-md5-hashing.ts. */
import fs from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { serveMd5Requests } from '../md5/md5-worker-protocol';

/** 1 MiB reads: few calls, and little memory whatever the files. */
const READ_BYTES = 1024 * 1024;
/**
 * Every read goes into this one buffer: the worker hashes one range at a time (serveMd5Requests
 * answers its requests one after another), and each piece before it reads the next. A new buffer per read (a read stream's) left the thread's memory to
 * grow by tens of MiB of buffers awaiting collection while a large file was hashed.
 */
const readBuffer = Buffer.allocUnsafe(READ_BYTES);

async function* fileBytes(file: Blob | string, start: number, end: number): AsyncIterable<Uint8Array> {
  if (typeof file !== 'string') throw new Error('the worker thread reads files by their path');
  if (end <= start) return;
  const handle = await fs.promises.open(file, 'r');
  try {
    for (let at = start; at < end; ) {
      const { bytesRead } = await handle.read(readBuffer, 0, Math.min(READ_BYTES, end - at), at);
      if (bytesRead === 0) return; // shorter than asked: the caller says so
      at += bytesRead;
      yield readBuffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}

if (!parentPort) throw new Error('md5-worker.ts runs as a worker thread');
const port = parentPort;
const serve = serveMd5Requests(fileBytes, (reply, transfer) => port.postMessage(reply, transfer));
port.on('message', serve);
