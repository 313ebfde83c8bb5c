import send from 'send';
import path from 'node:path';
import type { Router } from '../platform/http.js';
import type { MediaFiles } from './media-files.js';
import { WixApiError } from '../platform/api-error.js';

const ICON_COLORS: Record<string, string> = {
  video: '#3899ec',
  audio: '#7a5af5',
  document: '#e25b45',
  archive: '#f2b100',
  vector: '#2fb67c',
  model3d: '#4eb7f5',
  other: '#7a92a5',
};

function iconSvg(kind: string, color: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96" viewBox="0 0 96 96" role="img" aria-label="${kind}">
<rect x="18" y="8" width="60" height="80" rx="6" fill="${color}"/>
<text x="48" y="56" font-family="sans-serif" font-size="13" fill="#fff" text-anchor="middle">${kind.toUpperCase()}</text></svg>`;
}

/** Serves stored files byte-exact (Range, HEAD, ETag) with their real Content-Type, like static.wixstatic.com. */
export function mountMediaBytes(router: Router, files: MediaFiles, mediaDir: string): void {
  router.on('GET', '/media/:fileId', async ({ req, res, params }) => {
    const file = files.get(params.fileId!);
    if (!file) throw WixApiError.application(404, 'FILE_NOT_FOUND', `File "${params.fileId}" does not exist`);
    await new Promise<void>((resolve, reject) => {
      send(req, path.join(mediaDir, file.id), { acceptRanges: true, etag: true, lastModified: true, index: false, dotfiles: 'allow' })
        .on('headers', (response) => {
          response.setHeader('Content-Type', file.mimeType);
          response.setHeader('Content-Disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.displayName)}`);
        })
        .on('error', (error: Error & { status?: number }) =>
          reject(WixApiError.application(error.status ?? 500, 'MEDIA_READ_ERROR', error.message)),
        )
        .on('end', resolve)
        .pipe(res);
      res.on('close', resolve);
    });
  });

  router.on('GET', '/media-icons/:name', ({ res, params }) => {
    const kind = params.name!.replace(/\.svg$/, '');
    const color = ICON_COLORS[kind];
    if (!color) throw WixApiError.application(404, 'ICON_NOT_FOUND', `No icon for "${kind}"`);
    const svg = iconSvg(kind, color);
    res.writeHead(200, { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'public, max-age=86400' });
    res.end(svg);
  });
}
