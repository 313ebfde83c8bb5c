import type { UploadBackend } from '../../../src/upload-engine/upload-backend.js';
import { webMethodsBackend } from '../../../clients/upload-backends.js';

type Counted = Required<UploadBackend> & { calls: Record<string, number> };

/** The app's web methods called over HTTP, as the page's generated client does, counting the calls of each. */
export function httpBackend(origin: string, token: string): Counted {
  const backend = webMethodsBackend(origin, token);
  const calls: Record<string, number> = {};
  function counted<A extends unknown[], R>(method: keyof UploadBackend, call: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
    return (...args) => {
      calls[method] = (calls[method] ?? 0) + 1;
      return call(...args);
    };
  }
  return {
    calls,
    createUploadSession: counted('createUploadSession', backend.createUploadSession),
    recordUpload: counted('recordUpload', backend.recordUpload),
    getUploadStatus: counted('getUploadStatus', backend.getUploadStatus),
    finalizeUploadFromServer: counted('finalizeUploadFromServer', backend.finalizeUploadFromServer),
    discardArrivedCopy: counted('discardArrivedCopy', backend.discardArrivedCopy),
    findUploadedFile: counted('findUploadedFile', backend.findUploadedFile),
    importFromLinks: counted('importFromLinks', backend.importFromLinks),
    createFolderPath: counted('createFolderPath', backend.createFolderPath),
    findExistingFiles: counted('findExistingFiles', backend.findExistingFiles),
  };
}
