/**
 * "raw": the fastest this machine moves a file over HTTP on loopback. A bare node:http server
 * that writes the body of each `PUT /<name>` to disk and answers 201 with the byte count.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { requireEnv, serveAsChild } from './serve.js';

const directory = requireEnv('BENCH_DATA_DIR');
let sequence = 0;

const server = http.createServer((req, res) => {
  if (req.method !== 'PUT') {
    res.writeHead(405).end();
    return;
  }
  const target = path.join(directory, `${++sequence}-${path.basename(req.url ?? '')}`);
  let bytes = 0;
  req.on('data', (chunk: Buffer) => (bytes += chunk.length));
  pipeline(req, fs.createWriteStream(target)).then(
    () => res.writeHead(201, { 'Content-Type': 'application/json' }).end(JSON.stringify({ bytes })),
    (error: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(String(error));
    },
  );
});

await serveAsChild(server);
