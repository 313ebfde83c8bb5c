import type { UploadBackend } from '../../../src/upload-engine/upload-backend.js';
import { callWebMethod } from '../../support/wix-http.js';

/** The app's web methods called over HTTP, as the page's generated client does. */
export function httpBackend(origin: string, token: string): UploadBackend & { calls: Record<string, number> } {
  const calls: Record<string, number> = {};
  async function call<T>(method: string, ...args: unknown[]): Promise<T> {
    calls[method] = (calls[method] ?? 0) + 1;
    const { status, body } = await callWebMethod<T>(origin, token, method, ...args);
    if (status !== 200 || body.exception) throw new Error(`${method} answered ${status}: ${JSON.stringify(body.result)}`);
    return body.result;
  }
  return {
    calls,
    createUploadSession: (request) => call('createUploadSession', request),
    recordUpload: (upload) => call('recordUpload', upload),
    getUploadStatus: (fileIds) => call('getUploadStatus', fileIds),
    finalizeUploadFromServer: (session, fileName) => call('finalizeUploadFromServer', session, fileName),
  };
}
