import type { UploadBackend } from '../src/upload-engine';
import { callWebMethod, UPLOADS_WEB_MODULE } from './web-methods';

/** Calls one of the app's upload operations by name with its arguments, over some transport. */
type CallByName = <T>(method: string, args: unknown[]) => Promise<T>;

/** The engine's backend seam over a transport: every method of it, by its name. */
function backendOver(call: CallByName): Required<UploadBackend> {
  return {
    createUploadSession: (request) => call('createUploadSession', [request]),
    recordUpload: (upload) => call('recordUpload', [upload]),
    getUploadStatus: (fileIds) => call('getUploadStatus', [fileIds]),
    finalizeUploadFromServer: (session, fileName) => call('finalizeUploadFromServer', [session, fileName]),
    discardArrivedCopy: (fileId, expected) => call('discardArrivedCopy', [fileId, expected]),
    findUploadedFile: (lost) => call('findUploadedFile', [lost]),
    importFromLinks: (links) => call('importFromLinks', [links]),
    createFolderPath: (parentFolderId, filePath) => call('createFolderPath', [parentFolderId, filePath]),
    findExistingFiles: (destinations) => call('findExistingFiles', [destinations]),
  };
}

/** The engine's backend as the app's upload web methods over HTTP, like the page's generated client; for Node callers. */
export function webMethodsBackend(origin: string, token: string, fetchFn: typeof fetch = fetch): Required<UploadBackend> {
  return backendOver((method, args) => callWebMethod(origin, token, UPLOADS_WEB_MODULE, method, args, fetchFn));
}

/**
 * The engine's backend as the same operations served as HTTP endpoints (src/api/uploads/[method].ts,
 * the successor of web methods in the new Wix CLI, docs/MIGRATION.md): `POST <base>/uploads/<name>`
 * with the argument list as the body and the caller's token (what `httpClient.fetchWithAuth` sends);
 * the answer's body is the result, a refusal included. `base` is where the app's endpoints are
 * served: `<origin>/_api` on the local Wix.
 */
export function httpEndpointsBackend(base: string, token: string, fetchFn: typeof fetch = fetch): Required<UploadBackend> {
  return backendOver(async (method, args) => {
    const response = await fetchFn(`${base}/uploads/${method}`, {
      method: 'POST',
      headers: { Authorization: token, 'Content-Type': 'application/json' },
      body: JSON.stringify(args),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} answered ${response.status}: ${text.slice(0, 500)}`);
    return JSON.parse(text);
  });
}
