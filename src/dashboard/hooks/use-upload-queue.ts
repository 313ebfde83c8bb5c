import { useEffect, useState } from 'react';
import { openBrowserResumeStore, UploadQueue, type UploadBackend, type UploadQueueSnapshot } from '../../upload-engine';
import { createUploadSession, finalizeUploadFromServer, getUploadStatus, recordUpload } from '../../backend/uploads.web';
import { DEFAULT_CONCURRENCY, MAX_FILE_SIZE_BYTES } from '../config';

const backend: UploadBackend = { createUploadSession, recordUpload, getUploadStatus, finalizeUploadFromServer };

/**
 * The page's upload queue (one per page), its latest snapshot, re-rendered as the queue changes,
 * and whether unfinished uploads can be continued after a reload (the browser may refuse storage).
 */
export function useUploadQueue(): { queue: UploadQueue; snapshot: UploadQueueSnapshot; survivesReload: boolean } {
  const [{ queue, survivesReload }] = useState(() => {
    const resume = openBrowserResumeStore();
    const created = new UploadQueue({
      backend,
      resumeStore: resume.store,
      maxFileSizeBytes: MAX_FILE_SIZE_BYTES,
      concurrency: DEFAULT_CONCURRENCY,
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
