import fs from 'node:fs';
import path from 'node:path';
import { sendJson, type Router } from '../emulator/platform/http.js';
import { readRequestBody } from '../emulator/platform/request-body.js';
import type { AppCallContext } from './wix-context.js';
import { appModuleUrl } from './app-modules.js';

/** Where the local runtime serves the app's HTTP endpoints (the new Wix CLI's, from src/api/); on Wix, the app's own base URL. */
export const HTTP_ENDPOINTS_PATH = '/_api';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

interface EndpointRoute {
  /** The endpoint file, relative to the project ("src/api/uploads/[method].ts"). */
  file: string;
  pattern: RegExp;
  params: string[];
}

type EndpointModule = Partial<
  Record<(typeof METHODS)[number], (context: { request: Request; params: Record<string, string | undefined> }) => Promise<Response>>
>;

/**
 * The project's HTTP endpoints as the new Wix CLI discovers them (docs/MIGRATION.md): every .ts
 * file under src/api/ but .d.ts is a route, its path in the folder without the extension; a file
 * named index.ts serves its folder's route; a `[name]` segment is a parameter.
 */
export function findHttpEndpoints(projectDir: string): EndpointRoute[] {
  const apiDir = path.join(projectDir, 'src', 'api');
  if (!fs.existsSync(apiDir)) return [];
  return (fs.readdirSync(apiDir, { recursive: true }) as string[])
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .sort()
    .map((file) => {
      const segments = file.split(path.sep);
      segments[segments.length - 1] = segments.at(-1)!.replace(/\.ts$/, '');
      if (segments.at(-1) === 'index') segments.pop();
      const params: string[] = [];
      const source = segments
        .map((segment) => {
          const param = /^\[(\w+)\]$/.exec(segment)?.[1];
          if (!param) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          params.push(param);
          return '([^/]+)';
        })
        .join('/');
      return { file: path.posix.join('src', 'api', ...file.split(path.sep)), pattern: new RegExp(`^${source}$`), params };
    });
}

/**
 * Serves the project's HTTP endpoints at `/_api/<route>`, each call running as the caller its
 * token names (what `httpClient.fetchWithAuth` sends), as web methods do; what the caller may do
 * the endpoint decides itself. The request's body reaches the handler as a Web Request.
 */
export function mountHttpEndpoints(router: Router, options: { projectDir: string; calls: AppCallContext; origin: () => string }): void {
  const routes = findHttpEndpoints(options.projectDir);
  for (const method of METHODS) {
    router.on(method, `${HTTP_ENDPOINTS_PATH}/*`, async ({ req, res, params: { rest = '' } }) => {
      const route = routes.map((candidate) => ({ candidate, match: candidate.pattern.exec(rest) })).find(({ match }) => match);
      const handler = route
        ? ((await import(appModuleUrl(options.projectDir, route.candidate.file))) as EndpointModule)[method]
        : undefined;
      if (!route?.match || !handler) return sendJson(res, 404, { message: `No endpoint at ${HTTP_ENDPOINTS_PATH}/${rest}` });
      const values = Object.fromEntries(route.candidate.params.map((name, index) => [name, decodeURIComponent(route.match![index + 1]!)]));
      const body = method === 'GET' ? undefined : await readRequestBody(req);
      const request = new Request(new URL(req.url ?? '/', options.origin()), {
        method,
        headers: Object.entries(req.headers).flatMap(
          ([name, value]): Array<[string, string]> => (typeof value === 'string' ? [[name, value]] : []),
        ),
        body: body && body.length > 0 ? body : undefined,
      });
      const token = req.headers.authorization;
      const run = () => handler({ request, params: values });
      const response = await (token ? options.calls.runAsCaller(token, run) : options.calls.runWithoutIdentity(run));
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    });
  }
}
