/**
 * The upload engine alone in a page, for the benchmark: the same UploadQueue, md5 worker and tus
 * client as the Upload page, without React or the design system. Built by build.ts into one
 * script the benchmark adds to a page of the app's origin.
 */
import { DEFAULT_MIME_TYPE, sourceFromFile, UploadQueue, withMeta } from '../../../src/upload-engine/index';
import { browserMd5Hashing } from '../../../src/upload-engine/md5/browser-md5-worker';
import { webMethodsBackend } from '../../../clients/upload-backends';

export interface EngineUploadResult {
  /** From `add` to the file being processed by the Media Manager (its bytes are all there, finalized). */
  ms: number;
  verified: boolean | undefined;
}

/** Uploads the file picked into `input` as `name`, with the md5 check on or off. */
export async function upload(input: HTMLInputElement, token: string, name: string, verifyIntegrity: boolean): Promise<EngineUploadResult> {
  const file = input.files?.[0];
  if (!file) throw new Error('no file picked');
  const queue = new UploadQueue({
    backend: webMethodsBackend(window.location.origin, token),
    verifyIntegrity,
    md5Hashing: browserMd5Hashing(),
  });
  const started = performance.now();
  try {
    const [item] = queue.add(withMeta([sourceFromFile(new File([file], name, { type: DEFAULT_MIME_TYPE }))]));
    const id = item?.id;
    return await new Promise<EngineUploadResult>((resolve, reject) => {
      const unsubscribe = queue.subscribe((snapshot) => {
        const current = snapshot.items.find((one) => one.id === id);
        if (current?.state === 'processing' || current?.state === 'ready') {
          unsubscribe();
          resolve({ ms: performance.now() - started, verified: current.verified });
        } else if (current?.state === 'failed') {
          unsubscribe();
          reject(new Error(current.error?.message ?? 'failed'));
        }
      });
    });
  } finally {
    await queue.dispose();
  }
}
