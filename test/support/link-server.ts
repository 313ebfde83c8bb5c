import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a path of the link server answers: bytes with a type, a redirect, or a bare status. */
export type LinkAnswer = { body: Buffer; contentType?: string } | { redirect: string } | { status: number };

/**
 * A server of files behind links, on 127.0.0.1 (the only place the local Wix imports from): the
 * "client's server" of the import tests. It counts the requests of each path.
 */
export async function startLinkServer(routes: Record<string, LinkAnswer>): Promise<{
  url: (path: string) => string;
  hits: (path: string) => number;
  close: () => Promise<void>;
}> {
  const hits = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://link').pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const answer = routes[path];
    if (!answer) return res.writeHead(404).end('not found');
    if ('redirect' in answer) return res.writeHead(302, { location: answer.redirect }).end();
    if ('status' in answer) return res.writeHead(answer.status).end();
    res.writeHead(200, { 'content-length': answer.body.length, ...(answer.contentType ? { 'content-type': answer.contentType } : {}) });
    res.end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    hits: (path) => hits.get(path) ?? 0,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
