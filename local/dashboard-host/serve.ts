import path from 'node:path';
import send from 'send';
import type { Router } from '../emulator/platform/http.js';

/** Serves the built local dashboard: the page at `/`, its assets under `/assets/`. */
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
  router.on('GET', '/', serve('index.html', false));
  router.on('GET', '/assets/*', async (ctx) => serve(path.posix.join('assets', ctx.params.rest ?? ''), true)(ctx));
}
