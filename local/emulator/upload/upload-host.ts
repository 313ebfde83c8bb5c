import type { Server as TusServer } from '@tus/server';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Router } from '../platform/http.js';
import { sendError, sendJson } from '../platform/http.js';
import { WixApiError } from '../platform/api-error.js';
import { toFileDescriptor } from '../media/descriptor.js';
import { mountTusEndpoint, UPLOAD_PATH, type TusEndpointDeps } from './tus-endpoint.js';
import { createFinalizer, type FinalizeDeps } from './finalize.js';
import { recoverUploads, sweepExpiredUploads } from './recovery.js';

export { UPLOAD_PATH };

export type UploadHostDeps = TusEndpointDeps &
  FinalizeDeps & {
    mediaOrigin: () => string;
    /**
     * The cors-dashboard and cors-site variants: paths of the pages whose requests the upload host
     * refuses. Locally the dashboard and the site share one origin, so the page is told by the
     * Referer its browser sends; the request is dropped unanswered, which a page sees exactly as
     * it sees a CORS refusal: a request with no answer.
     */
    refusedPages: readonly string[];
    /**
     * The proxy-body-limit variant: a request to the upload host whose body is larger than this
     * is answered 413, with no body, by a proxy in front of it, which then closes the connection.
     */
    proxyBodyLimitBytes?: number;
  };

/**
 * The finalize is a cross-origin request from a dashboard page, like the tus requests: it answers
 * any origin, as @tus/server does by default for tus. (What Wix's upload host allows is not
 * documented; the contract suite asks a real site.)
 */
function allowAnyOrigin(res: ServerResponse): void {
  res.setHeader('Access-Control-Allow-Origin', '*');
}

/** The resumable upload endpoint: tus at the uploadUrl, and the finalize PUT `{uploadUrl}/{uploadToken}?filename=`. */
export function mountUploadHost(
  router: Router,
  deps: UploadHostDeps,
): { tus: TusServer; recover: () => Promise<void>; sweepExpired: () => Promise<number> } {
  const finalize = createFinalizer(deps);
  let tus: TusServer | undefined;
  const refused = (req: IncomingMessage): boolean => {
    if (deps.refusedPages.length === 0) return false;
    const referer = req.headers.referer;
    if (!referer || !URL.canParse(referer)) return false;
    const { pathname } = new URL(referer);
    return deps.refusedPages.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
  };
  // A refused page gets no answer at all, before tus or the finalize sees the request.
  router.guard(UPLOAD_PATH, (req) => {
    if (!refused(req)) return false;
    req.socket.destroy();
    return true;
  });
  router.guard(UPLOAD_PATH, (req) => {
    const limit = deps.proxyBodyLimitBytes;
    if (limit === undefined || !(Number(req.headers['content-length']) > limit)) return false;
    const res = req.socket.write('HTTP/1.1 413 Request Entity Too Large\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
    if (res) req.socket.end();
    else req.socket.once('drain', () => req.socket.end());
    return true;
  });
  // Before tus's own OPTIONS route: tus answers every preflight of its paths, but without PUT.
  router.on('OPTIONS', `${UPLOAD_PATH}/:token`, async ({ req, res }) => {
    if (req.headers['access-control-request-method']?.toUpperCase() !== 'PUT') return void (await tus!.handle(req, res));
    allowAnyOrigin(res);
    res.writeHead(204, {
      'Access-Control-Allow-Methods': 'PUT',
      'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? '',
      'Access-Control-Max-Age': '86400',
    });
    res.end();
  });
  tus = mountTusEndpoint(router, deps);
  router.on('PUT', `${UPLOAD_PATH}/:token`, async ({ res, url, params }) => {
    allowAnyOrigin(res);
    try {
      const file = await finalize(params.token!, url.searchParams.get('filename'));
      sendJson(res, 200, { file: toFileDescriptor(file, deps.mediaOrigin()) });
    } catch (error) {
      if (deps.errorsStatusOnly && error instanceof WixApiError) {
        res.writeHead(error.status, { 'Content-Length': 0 });
        res.end();
        return;
      }
      sendError(res, error);
    }
  });
  return { tus, recover: () => recoverUploads(deps), sweepExpired: () => sweepExpiredUploads(deps) };
}
