import { useEffect, useState } from 'react';
import {
  openBrowserHashHistory,
  openBrowserResumeStore,
  UploadQueue,
  type UploadBackend,
  type UploadQueueSnapshot,
} from '../../upload-engine';
import { browserMd5Hashing } from '../../upload-engine/md5/browser-md5-worker';
import {
  createUploadSession,
  discardArrivedCopy,
  finalizeUploadFromServer,
  findUploadedFile,
  getUploadStatus,
  recordUpload,
} from '../../backend/uploads.web';
import { DEFAULT_CONCURRENCY, MAX_FILE_SIZE_BYTES } from '../config';

const backend: UploadBackend = {
  createUploadSession,
  recordUpload,
  getUploadStatus,
  finalizeUploadFromServer,
  discardArrivedCopy,
  findUploadedFile,
};

export interface UploadQueueHookOptions {
  /** Where resume records are kept in localStorage: another page uses its own, so each lists only its uploads. */
  resumeKeyPrefix?: string;
  /** Files sent at once, to begin with. */
  concurrency?: number;
  maxFileSizeBytes?: number;
}

/**
 * The page's upload queue (one per page), its latest snapshot, re-rendered as the queue changes,
 * and whether unfinished uploads can be continued after a reload (the browser may refuse storage).
 * Read once, when the page mounts.
 */
export function useUploadQueue(options: UploadQueueHookOptions = {}): {
  queue: UploadQueue;
  snapshot: UploadQueueSnapshot;
  survivesReload: boolean;
} {
  const [{ queue, survivesReload }] = useState(() => {
    const resume = openBrowserResumeStore(options.resumeKeyPrefix);
    const created = new UploadQueue({
      backend,
      resumeStore: resume.store,
      maxFileSizeBytes: options.maxFileSizeBytes ?? MAX_FILE_SIZE_BYTES,
      concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
      md5Hashing: browserMd5Hashing(),
      hashHistory: openBrowserHashHistory(),
    });
    return { queue: created, survivesReload: resume.survivesReload };
  });
  const [snapshot, setSnapshot] = useState(() => queue.getSnapshot());
  useEffect(() => {
    setSnapshot(queue.getSnapshot());
    const unsubscribe = queue.subscribe(setSnapshot);
    return () => {
      unsubscribe();
      void queue.dispose();
    };
  }, [queue]);
  return { queue, snapshot, survivesReload };
}
