/**
 * The bare servers the local Wix is compared with, each a child process (BENCH_SERVER): "raw", a
 * node:http server writing each `PUT /put/<name>` body to disk (what this machine allows); "peer",
 * @tus/server with @tus/file-store at /files, as a developer would wire it by hand (no hashing, no
 * database). It listens on a free 127.0.0.1 port, prints `{"type":"listening","url":…}`, and exits
 * on SIGTERM or when the harness goes away (its stdin closes).
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { FileStore } from '@tus/file-store';
import { Server } from '@tus/server';

/** Where each takes uploads (bench/suites/node.ts says the same). */
const SERVER_PATHS = { raw: '/put', peer: '/files' } as const;

const kind = process.env.BENCH_SERVER as keyof typeof SERVER_PATHS;
const directory = process.env.BENCH_DATA_DIR;
if (!(kind in SERVER_PATHS) || !directory) throw new Error('BENCH_SERVER (raw or peer) and BENCH_DATA_DIR are required');

const tus = new Server({ path: SERVER_PATHS.peer, datastore: new FileStore({ directory }) });
let sequence = 0;
const fail = (res: http.ServerResponse) => (error: unknown) => {
  if (!res.headersSent) res.writeHead(500).end(String(error));
};
const server = http.createServer((req, res) => {
  if (kind === 'peer') return void tus.handle(req, res).catch(fail(res));
  if (req.method !== 'PUT') return void res.writeHead(405).end();
  const target = path.join(directory, `${++sequence}-${path.basename(req.url ?? '')}`);
  pipeline(req, fs.createWriteStream(target)).then(() => res.writeHead(201).end(), fail(res));
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
console.log(JSON.stringify({ type: 'listening', url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
const stop = () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.stdin.resume();
process.stdin.once('end', stop);
