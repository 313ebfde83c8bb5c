import path from 'node:path';
import send from 'send';
import type { Router } from '../emulator/platform/http.js';
import { HOST_PAGES } from './host-pages.js';

/**
 * Serves the built local hosts: the dashboard page at `/`, the site page with the widget at
 * `/site` (a visitor; `?as=member` for a member), the editor with the widget's panel at
 * `/site/editor`; their assets under `/assets/`.
 */
export function mountDashboard(router: Router, outDir: string): void {
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
  router.on('GET', '/', serve(HOST_PAGES.dashboard, false));
  router.on('GET', '/site', serve(HOST_PAGES.site, false));
  router.on('GET', '/site/editor', serve(HOST_PAGES.editor, false));
  router.on('GET', '/assets/*', async (ctx) => serve(path.posix.join('assets', ctx.params.rest ?? ''), true)(ctx));
}
