import send from 'send';
import path from 'node:path';
import type { ServerResponse, IncomingMessage } from 'node:http';
import type { Router } from '../platform/http.js';
import type { MediaFiles, MediaFileRecord } from './media-files.js';
import { WixApiError } from '../platform/api-error.js';
import { contentHeaders } from './content-policy.js';
import type { DownloadUrls } from './download-urls.js';

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

function sendFile(req: IncomingMessage, res: ServerResponse, file: string, headers: Record<string, string>): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    send(req, file, { acceptRanges: true, etag: true, lastModified: true, index: false, dotfiles: 'allow' })
      .on('headers', (response) => {
        for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
      })
      .on('error', (error: Error & { status?: number }) =>
        reject(WixApiError.application(error.status ?? 500, 'MEDIA_READ_ERROR', error.message)),
      )
      .on('end', resolve)
      .pipe(res);
    res.on('close', resolve);
  });
}

/**
 * The media origin, like static.wixstatic.com: a different origin from the app's, serving stored
 * files byte-exact (Range, HEAD, ETag) under the content policy. A private file is refused at its
 * URL (403) and read only through a temporary download URL.
 */
export function mountMediaBytes(router: Router, files: MediaFiles, mediaDir: string, downloads: DownloadUrls): void {
  const fileOf = (fileId: string): MediaFileRecord => {
    const file = files.get(fileId);
    if (!file) throw WixApiError.known('FILE_NOT_FOUND', `File "${fileId}" does not exist`);
    return file;
  };

  router.on('GET', '/media/:fileId', async ({ req, res, params }) => {
    const file = fileOf(params.fileId!);
    if (file.private) {
      throw WixApiError.application(
        403,
        'PRIVATE_FILE',
        'This file is private: read it through a download URL (Generate File Download URL)',
      );
    }
    await sendFile(req, res, path.join(mediaDir, file.id), contentHeaders(file.mimeType, file.displayName));
  });

  router.on('GET', '/download/:token', async ({ req, res, params }) => {
    const grant = await downloads.read(params.token!);
    if (!grant) {
      const redirect = await downloads.expiredRedirect(params.token!);
      if (redirect) return void res.writeHead(302, { Location: redirect }).end();
      throw WixApiError.application(403, 'DOWNLOAD_URL_EXPIRED', 'This download URL has expired or is not valid');
    }
    const file = fileOf(grant.fileId);
    const disposition = grant.contentDisposition === 'INLINE' ? 'inline' : 'attachment';
    await sendFile(
      req,
      res,
      path.join(mediaDir, file.id),
      contentHeaders(file.mimeType, grant.downloadFileName ?? file.displayName, disposition),
    );
  });

  router.on('GET', '/media-icons/:name', ({ res, params }) => {
    const kind = params.name!.replace(/\.svg$/, '');
    const color = ICON_COLORS[kind];
    if (!color) throw WixApiError.application(404, 'ICON_NOT_FOUND', `No icon for "${kind}"`);
    res.writeHead(200, {
      'Content-Type': 'image/svg+xml',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': 'sandbox',
      'Cache-Control': 'public, max-age=86400',
    });
    res.end(iconSvg(kind, color));
  });
}
