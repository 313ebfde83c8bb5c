import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  isLastingRefusal,
  type KeptUpload,
  type ReopenRefusal,
  type ResumeRecord,
  type UploadQueue,
  type UploadQueueSnapshot,
} from '../../upload-engine';

export interface UnfinishedUploads {
  records: ResumeRecord[];
  /** The fingerprints of those whose file's handle is kept and that Continue can still reopen without a file dialog. */
  kept: ReadonlySet<string>;
  /** Why a kept file was not continued (changed since, permission refused, gone), by fingerprint. */
  refusals: ReadonlyMap<string, ReopenRefusal>;
  /** While the browser is asked and the files reopened. */
  continuing: boolean;
  /** Continues every kept upload: to be called from the owner's click (the browser asks for permission only then). */
  continueKept(): Promise<void>;
  forget(fingerprint: string): Promise<void>;
}

/** Uploads begun before a reload that nothing on this page continues yet, and ways to continue or give one up. */
export function useUnfinishedUploads(queue: UploadQueue, snapshot: UploadQueueSnapshot): UnfinishedUploads {
  const [records, setRecords] = useState(() => queue.unfinishedUploads());
  const [keptUploads, setKeptUploads] = useState<KeptUpload[]>([]);
  const [refusals, setRefusals] = useState<ReadonlyMap<string, ReopenRefusal>>(new Map());
  const [continuing, setContinuing] = useState(false);
  // A file re-selected and started leaves the list: asked again when files join or leave the queue
  // (its listChanges), not at each of its changes, and without reading its items.
  const { listChanges } = snapshot;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `listChanges` is the trigger, read through the queue
  useEffect(() => {
    setRecords(queue.unfinishedUploads());
    let current = true;
    void queue.keptUploads().then((kept) => {
      if (current) setKeptUploads(kept);
    });
    return () => {
      current = false;
    };
  }, [queue, listChanges]);
  // What the server holds now, asked once per page (not at each change of the queue's files): more than the
  // records say when the page closed in the middle of a request. The records keep the answers.
  useEffect(() => {
    let current = true;
    void queue.unfinishedUploadsAsOnServer().then(() => {
      if (current) setRecords(queue.unfinishedUploads());
    });
    return () => {
      current = false;
    };
  }, [queue]);
  const forget = useCallback(
    async (fingerprint: string) => {
      await queue.forgetUnfinished(fingerprint);
      setRecords(queue.unfinishedUploads());
      setKeptUploads((kept) => kept.filter(({ record }) => record.fingerprint !== fingerprint));
    },
    [queue],
  );
  // A file changed or gone since stays listed with why, and is not reopened again.
  const continuable = useMemo(
    () => keptUploads.filter(({ record }) => !isLastingRefusal(refusals.get(record.fingerprint))),
    [keptUploads, refusals],
  );
  const kept = useMemo(() => new Set(continuable.map(({ record }) => record.fingerprint)), [continuable]);
  const continueKept = useCallback(async () => {
    setContinuing(true);
    try {
      const outcomes = await queue.continueFromHandles(continuable);
      const refused = new Map<string, ReopenRefusal>();
      for (const outcome of outcomes) if ('refusal' in outcome) refused.set(outcome.record.fingerprint, outcome.refusal);
      setRefusals(refused);
      setRecords(queue.unfinishedUploads());
    } finally {
      setContinuing(false);
    }
  }, [queue, continuable]);
  return { records, kept, refusals, continuing, continueKept, forget };
}
