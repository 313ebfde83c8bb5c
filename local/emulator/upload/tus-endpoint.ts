import { Server as TusServer } from '@tus/server';
import type { Upload } from '@tus/utils';
import { randomBytes } from 'node:crypto';
import type { Router, RequestContext } from '../platform/http.js';
import { WixApiError } from '../platform/api-error.js';
import type { HashingFileStore } from './hashing-file-store.js';
import { assertNotExpired, type UploadSessions } from './upload-sessions.js';

export const UPLOAD_PATH = '/upload/tus';

export interface TusEndpointDeps {
  store: HashingFileStore;
  sessions: UploadSessions;
  maxUploadBytes: number;
  /** The errors-status-only variant: an error is its HTTP status alone, no body with a code or data. */
  errorsStatusOnly: boolean;
}

/**
 * tus 1.0 (creation, creation-with-upload, termination) at the uploadUrl: a creation must carry a
 * valid upload token in its metadata, and binds the token's one upload.
 */
export function mountTusEndpoint(router: Router, deps: TusEndpointDeps): TusServer {
  const { store, sessions } = deps;
  /** What @tus/server sends for an error it is given: a status and a body, never a 5xx for a client fault. */
  const tusError = (error: WixApiError): { status_code: number; body: string } => ({
    status_code: error.status,
    body: deps.errorsStatusOnly ? '' : JSON.stringify(error.body),
  });
  const tus = new TusServer({
    path: UPLOAD_PATH,
    datastore: store,
    maxSize: deps.maxUploadBytes,
    namingFunction: () => randomBytes(16).toString('hex'),
    async onUploadCreate(_req, upload: Upload) {
      try {
        // Wix documents no rule on the metadata's filename nor holds the upload to a declared size
        // (the SDK marks sizeInBytes read-only): only the token is checked.
        const session = await sessions.resolve(upload.metadata?.token);
        sessions.bindTusUpload(session, upload.id);
      } catch (error) {
        if (error instanceof WixApiError) throw tusError(error);
        throw error;
      }
      return {};
    },
    // Every request on an existing upload (HEAD, PATCH, DELETE): its token must still be valid.
    async onIncomingRequest(_req, uploadId) {
      const session = sessions.byTusUpload(uploadId);
      if (!session) return;
      try {
        assertNotExpired(session);
      } catch (error) {
        if (error instanceof WixApiError) throw tusError(error);
        throw error;
      }
    },
    onResponseError(_req, error) {
      if (error instanceof WixApiError) return tusError(error);
      return undefined;
    },
  });
  tus.on('POST_TERMINATE', (_req, _res, id: string) => sessions.markTerminated(id));

  const handleTus = async ({ req, res, params }: RequestContext) => {
    const forget = req.method === 'PATCH' && params.id ? store.receiving(params.id, req) : undefined;
    try {
      await tus.handle(req, res);
    } finally {
      forget?.();
    }
  };
  router.on('POST', UPLOAD_PATH, handleTus);
  router.on('OPTIONS', UPLOAD_PATH, handleTus);
  for (const method of ['HEAD', 'PATCH', 'DELETE', 'OPTIONS']) router.on(method, `${UPLOAD_PATH}/:id`, handleTus);
  return tus;
}
