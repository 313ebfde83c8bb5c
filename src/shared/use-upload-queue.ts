import { useEffect, useLayoutEffect, useState } from 'react';
import {
  DEFAULT_CONCURRENCY,
  openBrowserFileHandleStore,
  openBrowserHashHistory,
  openBrowserResumeStore,
  RESUME_KEY_PREFIX,
  UploadQueue,
  type UploadBackend,
  type UploadQueueSnapshot,
} from '../upload-engine';
import { browserMd5Hashing } from '../upload-engine/md5/browser-md5-worker';
import { APP_UPLOAD_LIMITS } from '../policies/upload-request-policy';
import { DrawPacing, stateOfQueue, type QueueChange } from './draw-pacing';

export interface UploadQueueHookOptions {
  /** Where resume records are kept in localStorage: another page uses its own, so each lists only its uploads. */
  resumeKeyPrefix?: string;
  /** Files sent at once, to begin with; DEFAULT_CONCURRENCY by default. */
  concurrency?: number;
  /** Larger files are refused before any byte is sent; the app's bound (the upload request policy) by default. */
  maxFileSizeBytes?: number;
}

/**
 * The one way a page or the widget gets an upload queue: `backend` (the owner's web methods, or a
 * visitor submission's), its resume records and hash history in this browser, its md5s on a Web
 * Worker; its latest snapshot, re-rendered as the queue changes; and whether unfinished uploads
 * can be continued after a reload (the browser may refuse storage), and whether this browser keeps
 * files' handles so that they continue without being chosen again (File System Access API and
 * IndexedDB: Chromium-based browsers). Read once, when the component mounts; the queue is disposed
 * when it unmounts.
 */
export function useUploadQueue(
  backend: UploadBackend,
  options: UploadQueueHookOptions = {},
): { queue: UploadQueue; snapshot: UploadQueueSnapshot; survivesReload: boolean; keepsFileHandles: boolean } {
  const [pacing] = useState(() => new DrawPacing());
  const [{ queue, survivesReload, keepsFileHandles }] = useState(() => {
    const prefix = options.resumeKeyPrefix ?? RESUME_KEY_PREFIX;
    const resume = openBrowserResumeStore(prefix);
    // A handle is kept with its resume record: without records that outlive a reload, there is nothing to keep it for.
    const fileHandles = resume.survivesReload ? openBrowserFileHandleStore(prefix) : undefined;
    const created = new UploadQueue({
      backend,
      resumeStore: resume.store,
      fileHandles,
      maxFileSizeBytes: options.maxFileSizeBytes ?? APP_UPLOAD_LIMITS.maxFileSizeBytes,
      concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
      md5Hashing: browserMd5Hashing(),
      hashHistory: openBrowserHashHistory(),
    });
    return { queue: created, survivesReload: resume.survivesReload, keepsFileHandles: fileHandles !== undefined };
  });
  const [snapshot, setSnapshot] = useState(() => queue.getSnapshot());
  // A draw is on the screen at the first commit after it began: its cost paces the next (draw-pacing.ts).
  useLayoutEffect(() => pacing.ended(performance.now()));
  useEffect(() => {
    let drawnState = stateOfQueue(queue.getSnapshot());
    setSnapshot(queue.getSnapshot());
    let pending: { timer: ReturnType<typeof setTimeout>; dueAt: number } | undefined;
    const draw = () => {
      pending = undefined;
      const latest = queue.getSnapshot();
      drawnState = stateOfQueue(latest);
      pacing.started(performance.now());
      setSnapshot(latest);
    };
    const unsubscribe = queue.subscribe((latest) => {
      const change: QueueChange = stateOfQueue(latest) === drawnState ? 'progress' : 'state';
      const now = performance.now();
      const wait = pacing.waitFor(change, now);
      if (pending && pending.dueAt <= now + wait) return;
      if (pending) clearTimeout(pending.timer);
      // Drawn in a task of its own, even when due now: not in the one that changed the queue (a
      // click that hands it thousands of files, a slice of them being added), which is long enough.
      pending = { timer: setTimeout(draw, Math.max(0, wait)), dueAt: now + wait };
    });
    return () => {
      unsubscribe();
      if (pending) clearTimeout(pending.timer);
      void queue.dispose();
    };
  }, [queue, pacing]);
  return { queue, snapshot, survivesReload, keepsFileHandles };
}
