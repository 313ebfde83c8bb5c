import path from 'node:path';
import send from 'send';
import type { Router } from '../emulator/platform/http.js';
import { HOST_PAGES } from './host-pages.js';
import { DASHBOARD_PATH, pageAtPath, type RoutedPage } from './page-routes.js';

/**
 * Serves the built local hosts: the app's dashboard pages under `/dashboard` (`/` leads to the
 * main one), the site page with the widget at `/site` (a visitor; `?as=member` for a member), the
 * editor with the widget's panel at `/site/editor`; their assets under `/assets/`.
 */
export function mountDashboard(router: Router, outDir: string, pages: readonly RoutedPage[]): void {
  const serve =
    (file: string, immutable: boolean) =>
    async ({ req, res }: Parameters<Parameters<Router['on']>[2]>[0]) =>
      new Promise<void>((resolve) => {
        send(req, file, { root: outDir, index: false, immutable, maxAge: immutable ? '1y' : 0 })
          .on('error', (error: Error & { status?: number }) => {
            res.writeHead(error.status ?? 404).end();
            resolve();
          })
          .on('end', resolve)
          .pipe(res);
      });
  const servePage: Parameters<Router['on']>[2] = async (ctx) => {
    if (pageAtPath(pages, ctx.url.pathname)) return serve(HOST_PAGES.dashboard, false)(ctx);
    ctx.res
      .writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' })
      .end(`No dashboard page of this app has the route ${ctx.url.pathname.slice(DASHBOARD_PATH.length) || '/'}.\n`);
  };
  router.on('GET', '/', async ({ res }) => {
    res.writeHead(302, { Location: DASHBOARD_PATH }).end();
  });
  router.on('GET', DASHBOARD_PATH, servePage);
  router.on('GET', `${DASHBOARD_PATH}/*`, servePage);
  router.on('GET', '/site', serve(HOST_PAGES.site, false));
  router.on('GET', '/site/editor', serve(HOST_PAGES.editor, false));
  router.on('GET', '/assets/*', async (ctx) => serve(path.posix.join('assets', ctx.params.rest ?? ''), true)(ctx));
}
