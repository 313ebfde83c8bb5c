import { useEffect, useState } from 'react';
import { LocalStorageResumeStore, UploadQueue, type UploadBackend, type UploadQueueSnapshot } from '../../upload-engine';
import { createUploadSession, getUploadStatus, recordUpload } from '../../backend/uploads.web';
import { DEFAULT_CONCURRENCY, MAX_FILE_SIZE_BYTES } from '../config';

const backend: UploadBackend = { createUploadSession, recordUpload, getUploadStatus };

/** The page's upload queue (one per page), its latest snapshot, re-rendered as the queue changes. */
export function useUploadQueue(): { queue: UploadQueue; snapshot: UploadQueueSnapshot } {
  const [queue] = useState(
    () =>
      new UploadQueue({
        backend,
        resumeStore: new LocalStorageResumeStore(window.localStorage),
        maxFileSizeBytes: MAX_FILE_SIZE_BYTES,
        concurrency: DEFAULT_CONCURRENCY,
      }),
  );
  const [snapshot, setSnapshot] = useState(() => queue.getSnapshot());
  useEffect(() => {
    setSnapshot(queue.getSnapshot());
    const unsubscribe = queue.subscribe(setSnapshot);
    return () => {
      unsubscribe();
      void queue.dispose();
    };
  }, [queue]);
  return { queue, snapshot };
}
