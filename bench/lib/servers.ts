/**
 * The bare server the local Wix is compared with, a child process: @tus/server with @tus/file-store
 * at /files (BENCH_DATA_DIR), as a developer would wire it by hand (no hashing, no database). It
 * listens on a free 127.0.0.1 port, prints `{"type":"listening","url":…}` (the tus endpoint), and exits on SIGTERM or
 * when the harness goes away (its stdin closes).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { FileStore } from '@tus/file-store';
import { Server } from '@tus/server';

const PEER_PATH = '/files';
const directory = process.env.BENCH_DATA_DIR;
if (!directory) throw new Error('BENCH_DATA_DIR is required');
const tus = new Server({ path: PEER_PATH, datastore: new FileStore({ directory }) });
const server = http.createServer((req, res) =>
  tus.handle(req, res).catch((error: unknown) => void (res.headersSent || res.writeHead(500).end(String(error)))),
);
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
console.log(JSON.stringify({ type: 'listening', url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${PEER_PATH}` }));
const stop = () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.stdin.resume();
process.stdin.once('end', stop);
