/**
 * The hosts a finalize PUT may be sent to from the server. The backend sends a request to a URL
 * its caller names, so it must be Wix's upload host and nothing else: otherwise the web method
 * would fetch any address for anyone allowed to call it.
 *
 * Wix's documented upload URL is https://upload.wixmp.com/upload/tus (the Generate File Resumable
 * Upload URL example); other wixmp.com hosts are accepted as an assumption the contract suite checks
 * on a real site. The local Wix names its own origins in LOCAL_WIX_UPLOAD_ORIGINS (comma-separated),
 * which only the local runtime sets.
 */
const WIX_UPLOAD_HOST = /(^|\.)wixmp\.com$/;
export const UPLOAD_PATH = '/upload/tus';

export function isWixUploadUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  if (url.pathname !== UPLOAD_PATH || url.search || url.hash || url.username || url.password) return false;
  const local = (process.env.LOCAL_WIX_UPLOAD_ORIGINS ?? '').split(',');
  if (local.includes(url.origin)) return true;
  return url.protocol === 'https:' && WIX_UPLOAD_HOST.test(url.hostname) && url.port === '';
}

/** Wix documents the upload token as at most 2000 characters. */
export const UPLOAD_TOKEN_MAX_LENGTH = 2000;
const FINALIZE_TIMEOUT_MS = 60_000;

/**
 * The finalize PUT `{uploadUrl}/{uploadToken}?filename=`, sent from the server: only to Wix's
 * upload host (the caller checked the URL with isWixUploadUrl), never following a redirect.
 */
export async function finalizeAtUploadHost(
  uploadUrl: string,
  uploadToken: string,
  fileName: string,
): Promise<{ status: number; body: string }> {
  if (!isWixUploadUrl(uploadUrl)) throw new Error('Not a Wix upload URL');
  const url = `${uploadUrl}/${encodeURIComponent(uploadToken)}?filename=${encodeURIComponent(fileName)}`;
  const response = await fetch(url, { method: 'PUT', redirect: 'manual', signal: AbortSignal.timeout(FINALIZE_TIMEOUT_MS) });
  return { status: response.status, body: await response.text() };
}
