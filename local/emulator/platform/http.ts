import type { IncomingMessage, ServerResponse } from 'node:http';
import { WixApiError } from './api-error.js';
import { DEFAULT_BODY_LIMIT, mediaTypeOf, nestsDeeperThan, readRequestBody, RequestAborted, UNREAD_BODY } from './request-body.js';

export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: Record<string, string>;
}

export type RouteHandler = (ctx: RequestContext) => Promise<void> | void;

interface Route {
  method: string;
  pattern: RegExp;
  keys: string[];
  handler: RouteHandler;
}

/** A path parameter as sent, decoded; malformed percent-encoding (`%ZZ`, a cut UTF-8 sequence) is the client's 400. */
function decodePathSegment(encoded: string): string {
  try {
    return decodeURIComponent(encoded);
  } catch {
    throw WixApiError.application(400, 'MALFORMED_PATH', 'The path has malformed percent-encoding');
  }
}

/** A minimal method + path router; `:name` segments become params, a trailing `*` matches the rest. */
export class Router {
  private readonly routes: Route[] = [];
  private readonly guards: Array<{ prefix: string; guard: (req: IncomingMessage) => boolean }> = [];

  /** Runs `guard` before any route at or under `prefix`; when it returns true, it has dealt with the request. */
  guard(prefix: string, guard: (req: IncomingMessage) => boolean): this {
    this.guards.push({ prefix, guard });
    return this;
  }

  on(method: string, path: string, handler: RouteHandler): this {
    const keys: string[] = [];
    const source = path
      .split('/')
      .map((segment) => {
        if (segment.startsWith(':')) {
          keys.push(segment.slice(1));
          return '([^/]+)';
        }
        if (segment === '*') {
          keys.push('rest');
          return '(.*)';
        }
        return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      })
      .join('/');
    this.routes.push({ method, pattern: new RegExp(`^${source}$`), keys, handler });
    return this;
  }

  /** Runs the matching route; false when no route matched the path. */
  async dispatch(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    for (const { prefix, guard } of this.guards) {
      const under = url.pathname === prefix || url.pathname.startsWith(`${prefix}/`);
      if (under && guard(req)) return true;
    }
    let pathMatched = false;
    for (const route of this.routes) {
      const match = route.pattern.exec(url.pathname);
      if (!match) continue;
      pathMatched = true;
      if (route.method !== req.method && !(route.method === 'GET' && req.method === 'HEAD')) continue;
      const params: Record<string, string> = {};
      route.keys.forEach((key, index) => {
        params[key] = decodePathSegment(match[index + 1] ?? '');
      });
      await route.handler({ req, res, url, params });
      return true;
    }
    if (pathMatched) {
      throw WixApiError.application(405, 'METHOD_NOT_ALLOWED', `${req.method} is not allowed on ${url.pathname}`);
    }
    return false;
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

/**
 * Reads a JSON request body; an empty body reads as {}. A non-empty body must be sent as
 * application/json (415 otherwise, as Wix's REST APIs answer); client faults become 4xx WixApiErrors.
 */
export async function readJsonBody(req: IncomingMessage, limitBytes = DEFAULT_BODY_LIMIT): Promise<unknown> {
  const text = (await readRequestBody(req, limitBytes)).toString('utf8').trim();
  if (text === '') return {};
  if (mediaTypeOf(req) !== 'application/json') {
    throw WixApiError.application(415, 'UNSUPPORTED_MEDIA_TYPE', 'The request body must be sent as Content-Type: application/json');
  }
  if (nestsDeeperThan(text)) throw WixApiError.application(400, 'MALFORMED_JSON', 'The request body nests deeper than JSON readers accept');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw WixApiError.application(400, 'MALFORMED_JSON', 'The request body is not valid JSON');
  }
}

export function sendError(res: ServerResponse, error: unknown): void {
  if (error instanceof RequestAborted) {
    console.error(`[local-wix] ${error.message}`);
    res.destroy();
    return;
  }
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (error instanceof WixApiError) {
    // The rest of the body is still on its way: the connection cannot be reused.
    if (UNREAD_BODY in error) res.setHeader('Connection', 'close');
    sendJson(res, error.status, error.body);
    return;
  }
  console.error('[local-wix] unexpected error', error);
  sendJson(res, 500, {
    message: 'Internal error in the local Wix emulator',
    details: { applicationError: { code: 'INTERNAL_ERROR', description: String(error), data: {} } },
  });
}
