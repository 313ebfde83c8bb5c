import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sendError, type Router } from './emulator/platform/http.js';
import { WixApiError } from './emulator/platform/api-error.js';

export interface Listener {
  server: http.Server;
  origin: string;
  close(): Promise<void>;
}

/** Headers on every answer of a listener (e.g. who may frame its pages). */
export type ResponseHeaders = Readonly<Record<string, string>>;

/**
 * The request's URL, or undefined when its target is not one (`//[/`, `http://[/x`): any socket can
 * send such a line, and the answer is a 400, never a thrown error outside a handler.
 */
function requestUrl(target: string | undefined, base: string): URL | undefined {
  try {
    return new URL(target ?? '/', base);
  } catch {
    return undefined;
  }
}

/**
 * Serves a router on host:port (0: a free port); anything it does not route is a 404 in Wix's
 * shape, a request target that is not a URL a 400.
 */
export async function listen(router: Router, host: string, port: number, headers: ResponseHeaders = {}): Promise<Listener> {
  let origin = '';
  const server = http.createServer((req, res) => {
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    const url = requestUrl(req.url, origin || 'http://localhost');
    if (!url) {
      sendError(res, WixApiError.application(400, 'MALFORMED_URL', 'The request target is not a URL'));
      return;
    }
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
