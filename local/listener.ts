import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sendError, type Router } from './emulator/platform/http.js';
import { WixApiError } from './emulator/platform/api-error.js';

export interface Listener {
  server: http.Server;
  origin: string;
  close(): Promise<void>;
}

/** Serves a router on host:port (0: a free port); anything it does not route is a 404 in Wix's shape. */
export async function listen(router: Router, host: string, port: number): Promise<Listener> {
  let origin = '';
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin || 'http://localhost');
    router
      .dispatch(req, res, url)
      .then((handled) => {
        if (!handled) sendError(res, WixApiError.application(404, 'NOT_FOUND', `Nothing is served at ${url.pathname}`));
      })
      .catch((error: unknown) => sendError(res, error));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = server.address() as AddressInfo;
  const hostPart = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  origin = `http://${hostPart}:${address.port}`;
  return {
    server,
    origin,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
