import type { Server as TusServer } from '@tus/server';
import type { Router } from '../platform/http.js';
import { sendJson } from '../platform/http.js';
import { toFileDescriptor } from '../media/descriptor.js';
import { mountTusEndpoint, UPLOAD_PATH, type TusEndpointDeps } from './tus-endpoint.js';
import { createFinalizer, type FinalizeDeps } from './finalize.js';
import { recoverUploads } from './recovery.js';

export { UPLOAD_PATH };

export type UploadApiDeps = TusEndpointDeps & FinalizeDeps & { mediaOrigin: () => string };

/** The resumable upload endpoint: tus at the uploadUrl, and the finalize PUT `{uploadUrl}/{uploadToken}?filename=`. */
export function mountUploadApi(router: Router, deps: UploadApiDeps): { tus: TusServer; recover: () => Promise<void> } {
  const tus = mountTusEndpoint(router, deps);
  const finalize = createFinalizer(deps);
  router.on('PUT', `${UPLOAD_PATH}/:token`, async ({ res, url, params }) => {
    const file = await finalize(params.token!, url.searchParams.get('filename'));
    sendJson(res, 200, { file: toFileDescriptor(file, deps.mediaOrigin()) });
  });
  return { tus, recover: () => recoverUploads(deps) };
}
