import { useCallback, useEffect, useState } from 'react';
import type { ResumeRecord, UploadQueue, UploadQueueSnapshot } from '../../upload-engine';

/** Uploads begun before a reload that nothing on this page continues yet, and a way to give one up. */
export function useUnfinishedUploads(
  queue: UploadQueue,
  snapshot: UploadQueueSnapshot,
): { records: ResumeRecord[]; forget(fingerprint: string): Promise<void> } {
  const [records, setRecords] = useState(() => queue.unfinishedUploads());
  // A file re-selected and started leaves the list; the queue's files change far less often than its progress.
  const files = snapshot.items.map((item) => item.id).join(' ');
  // biome-ignore lint/correctness/useExhaustiveDependencies: `files` is the trigger, read through the queue
  useEffect(() => setRecords(queue.unfinishedUploads()), [queue, files]);
  const forget = useCallback(
    async (fingerprint: string) => {
      await queue.forgetUnfinished(fingerprint);
      setRecords(queue.unfinishedUploads());
    },
    [queue],
  );
  return { records, forget };
}
