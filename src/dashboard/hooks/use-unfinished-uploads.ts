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

/** The same records, in the same order, with the same fields. */
function sameRecords(before: readonly ResumeRecord[], now: readonly ResumeRecord[]): boolean {
  return before.length === now.length && before.every((record, i) => JSON.stringify(record) === JSON.stringify(now[i]));
}

/**
 * Records are read anew at each ask, and asked at each slice of files the queue lists while it takes
 * thousands: the state keeps the list it holds while the records are the same, so that the page is
 * not drawn again for nothing.
 */
function keptWhileSame<T>(records: (item: T) => ResumeRecord, now: T[]): (before: T[]) => T[] {
  return (before) => (sameRecords(before.map(records), now.map(records)) ? before : now);
}

const itself = (record: ResumeRecord) => record;
const recordOf = ({ record }: KeptUpload) => record;

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
    setRecords(keptWhileSame(itself, queue.unfinishedUploads()));
    let current = true;
    void queue.keptUploads().then((kept) => {
      if (current) setKeptUploads(keptWhileSame(recordOf, kept));
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
