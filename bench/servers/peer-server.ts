/**
 * "peer": what a developer wires by hand from the tus project's own packages: @tus/server with
 * @tus/file-store on a bare node:http server, nothing else (no hashing, no database).
 */
import http from 'node:http';
import { FileStore } from '@tus/file-store';
import { Server } from '@tus/server';
import { PEER_TUS_PATH } from './endpoints.js';
import { requireEnv, serveAsChild } from './serve.js';

const tus = new Server({ path: PEER_TUS_PATH, datastore: new FileStore({ directory: requireEnv('BENCH_DATA_DIR') }) });
const server = http.createServer((req, res) => {
  tus.handle(req, res).catch((error: unknown) => {
    if (!res.headersSent) res.writeHead(500).end(String(error));
  });
});

await serveAsChild(server);
