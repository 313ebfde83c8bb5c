/**
 * How a stored file may be shown by a browser. Uploaded bytes are whatever the uploader sent, so
 * only types a browser renders passively (images other than SVG, video, audio, fonts, PDF) are
 * served inline; anything else (HTML, SVG, XML, scripts, archives...) is served as a download in a
 * sandbox, so it never runs as a page of the media origin. Every answer carries nosniff, so the
 * browser does not second-guess the type.
 */
const PASSIVE = [/^image\/(?!svg\+xml$)[\w.+-]+$/, /^video\/[\w.+-]+$/, /^audio\/[\w.+-]+$/, /^font\/[\w.+-]+$/, /^application\/pdf$/];

export function isPassiveType(mimeType: string): boolean {
  const type = mimeType.toLowerCase();
  return PASSIVE.some((pattern) => pattern.test(type));
}

/** RFC 6266/5987: a plain ASCII fallback and the exact UTF-8 name. */
function dispositionFilename(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function contentHeaders(
  mimeType: string,
  displayName: string,
  requested: 'inline' | 'attachment' = 'inline',
): Record<string, string> {
  const passive = isPassiveType(mimeType);
  const disposition = passive && requested === 'inline' ? 'inline' : 'attachment';
  return {
    'Content-Type': passive ? mimeType : mimeType || 'application/octet-stream',
    'X-Content-Type-Options': 'nosniff',
    'Content-Disposition': `${disposition}; ${dispositionFilename(displayName)}`,
    ...(passive ? {} : { 'Content-Security-Policy': 'sandbox' }),
  };
}
