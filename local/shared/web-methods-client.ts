import type { UploadBackend } from '../../src/upload-engine/upload-backend.js';

/** The app's upload web methods, by the path the Wix CLI's generated client calls them at. */
export const UPLOADS_WEB_MODULE = 'src/backend/uploads.web.ts';

/**
 * Calls a web method over HTTP as the Wix CLI's generated frontend client does: POST the argument
 * list to `/_webMethods/<module>/<name>.ajax` with the caller's token. Throws when the answer is
 * not 200 or the method threw (Wix answers 200 with `exception` and hides the message).
 */
export async function callWebMethod<T>(
  origin: string,
  token: string,
  modulePath: string,
  method: string,
  args: unknown[],
  fetchFn: typeof fetch = fetch,
): Promise<T> {
  const response = await fetchFn(`${origin}/_webMethods/${modulePath}/${method}.ajax`, {
    method: 'POST',
    headers: { Authorization: token, 'Content-Type': 'application/json' },
    body: JSON.stringify(args),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${method} answered ${response.status}: ${text.slice(0, 500)}`);
  const body = JSON.parse(text) as { result: T; exception?: boolean };
  if (body.exception) throw new Error(`${method} threw: ${JSON.stringify(body.result)}`);
  return body.result;
}

/** The engine's UploadBackend as the app's web methods over HTTP, like the page's generated client; for Node callers. */
export function webMethodsBackend(origin: string, token: string, fetchFn: typeof fetch = fetch): Required<UploadBackend> {
  const call = <T>(method: string, ...args: unknown[]) => callWebMethod<T>(origin, token, UPLOADS_WEB_MODULE, method, args, fetchFn);
  return {
    createUploadSession: (request) => call('createUploadSession', request),
    recordUpload: (upload) => call('recordUpload', upload),
    getUploadStatus: (fileIds) => call('getUploadStatus', fileIds),
    finalizeUploadFromServer: (session, fileName) => call('finalizeUploadFromServer', session, fileName),
    discardArrivedCopy: (fileId, expected) => call('discardArrivedCopy', fileId, expected),
    findUploadedFile: (lost) => call('findUploadedFile', lost),
  };
}
