/** The engine's UploadBackend port as the app's web methods over HTTP, like the page's generated client. */
import type { UploadBackend } from '../../src/upload-engine/index.js';

async function callWebMethod<T>(origin: string, token: string, name: string, args: unknown[]): Promise<T> {
  const response = await fetch(`${origin}/_webMethods/src/backend/uploads.web.ts/${name}.ajax`, {
    method: 'POST',
    headers: { Authorization: token, 'Content-Type': 'application/json' },
    body: JSON.stringify(args),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${name} answered ${response.status}: ${text.slice(0, 500)}`);
  const body = JSON.parse(text) as { result: T; exception?: boolean };
  if (body.exception) throw new Error(`${name} threw: ${JSON.stringify(body.result)}`);
  return body.result;
}

export function webMethodsBackend(origin: string, token: string): UploadBackend {
  return {
    createUploadSession: (request) => callWebMethod(origin, token, 'createUploadSession', [request]),
    recordUpload: (upload) => callWebMethod(origin, token, 'recordUpload', [upload]),
    getUploadStatus: (fileIds) => callWebMethod(origin, token, 'getUploadStatus', [fileIds]),
  };
}
