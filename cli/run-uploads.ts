import {
  UploadQueue,
  nodeMd5Thread,
  type HashHistoryStore,
  type ResumeStore,
  type UploadBackend,
  type UploadItem,
  type UploadQueueSnapshot,
} from '../src/upload-engine/node/index.js';
import { EarlierUploads, type EarlierOutcome } from './earlier-uploads.js';
import type { FinishedUploads } from './finished-uploads.js';
import { totalsOf, type FileView, type Reporter, type RunResult, type TargetView } from './reporters/reporter.js';
import type { PlannedFile } from './upload-plan.js';

export interface RunSettings {
  concurrency: number;
  chunkSize?: number;
  /** How often the reporter hears of progress at most. */
  progressIntervalMs: number;
  /** How often the Media Manager is asked about files it is processing. */
  statusPollIntervalMs: number;
}

export interface RunDeps {
  backend: UploadBackend;
  resumeStore: ResumeStore;
  finished: FinishedUploads;
  /** What this target's file hashes were seen to be; in memory when not given. */
  hashHistory?: HashHistoryStore;
  reporter: Reporter;
  /** Aborted: stop at once, keeping every resume record (Ctrl-C). */
  signal: AbortSignal;
}

/**
 * Sends the planned files with the upload engine and follows them to READY or FAILED: new files
 * are added to the queue, files an earlier run began continue from the server's offset, files an
 * earlier run finalized are only asked about (and sent again if the backend does not know them).
 */
export async function runUploads(
  target: TargetView,
  planned: readonly PlannedFile[],
  settings: RunSettings,
  deps: RunDeps,
): Promise<RunResult> {
  const startedAt = Date.now();
  const { reporter, finished } = deps;
  const views = new Map(planned.map((file) => [file.fingerprint, viewOf(file)]));
  const byFingerprint = new Map(planned.map((file) => [file.fingerprint, file]));
  reporter.started(target, [...views.values()]);

  const queue = new UploadQueue({
    backend: deps.backend,
    resumeStore: deps.resumeStore,
    concurrency: settings.concurrency,
    chunkSize: settings.chunkSize,
    progressIntervalMs: settings.progressIntervalMs,
    statusPollIntervalMs: settings.statusPollIntervalMs,
    md5Hashing: nodeMd5Thread(),
    hashHistory: deps.hashHistory,
  });
  let resolveDone: (interrupted: boolean) => void = () => undefined;
  const done = new Promise<boolean>((resolve) => (resolveDone = resolve));
  const earlier = new EarlierUploads(deps.backend, settings.statusPollIntervalMs, (fingerprint, outcome) => {
    settleEarlier(fingerprint, outcome);
    checkDone();
  });
  const checkDone = () => {
    if (!queue.getSnapshot().totals.busy && earlier.pending === 0) resolveDone(false);
  };

  function change(fingerprint: string, patch: Partial<FileView>): void {
    const view = views.get(fingerprint);
    if (!view) return;
    const stateChanged = patch.state !== undefined && patch.state !== view.state;
    Object.assign(view, patch);
    if (stateChanged) reporter.changed(view);
  }

  function settleEarlier(fingerprint: string, outcome: EarlierOutcome): void {
    if (outcome.state === 'ready') change(fingerprint, { state: 'ready', url: outcome.report.url });
    else if (outcome.state === 'failed' || outcome.state === 'refused')
      change(fingerprint, {
        state: outcome.state,
        // The Media Manager's FAILED cannot change by asking again; a status that could not be read can.
        error: { code: outcome.code, message: outcome.message, fatal: outcome.state === 'refused' },
      });
    else {
      // Unknown to the backend (deleted from the Media Manager since): send it again.
      const file = byFingerprint.get(fingerprint)!;
      finished.remove(fingerprint);
      change(fingerprint, { alreadyUploaded: undefined, fileId: undefined, bytesUploaded: 0 });
      if (file.source.link !== undefined) queue.importLinks([{ source: file.source, meta: file.meta }]);
      else queue.add([{ source: file.source, meta: file.meta }]);
    }
  }

  function itemChanged(item: UploadItem): void {
    const view = views.get(item.fingerprint);
    if (!view || view.alreadyUploaded) return;
    if (item.fileId && item.fileId !== view.fileId)
      finished.save({ fingerprint: item.fingerprint, fileId: item.fileId, finishedAt: Date.now() });
    change(item.fingerprint, {
      size: item.size,
      bytesUploaded: item.bytesUploaded,
      bytesPerSecond: item.bytesPerSecond,
      fileId: item.fileId,
      url: item.url,
      error: item.error,
      state: item.state,
    });
  }

  const unsubscribe = queue.subscribe((snapshot: UploadQueueSnapshot) => {
    for (const item of snapshot.items) itemChanged(item);
    const all = [...views.values()];
    reporter.progressed(
      all.filter((view) => view.state === 'uploading'),
      totalsOf(all),
    );
    checkDone();
  });
  const interrupt = () => resolveDone(true);
  deps.signal.addEventListener('abort', interrupt, { once: true });

  // Interrupted before this point (while connecting): nothing is started.
  if (!deps.signal.aborted) {
    for (const file of planned) {
      if (file.finished) earlier.watch(file.fingerprint, file.finished.fileId);
      else if (file.resume) queue.resumeUpload(file.source, file.resume);
    }
    const fresh = planned.filter((file) => !file.finished && !file.resume).map((file) => ({ source: file.source, meta: file.meta }));
    queue.add(fresh.filter((file) => file.source.link === undefined));
    const links = fresh.filter((file) => file.source.link !== undefined);
    if (links.length > 0) queue.importLinks(links);
    checkDone();
  }

  const interrupted = deps.signal.aborted || (await done);
  deps.signal.removeEventListener('abort', interrupt);
  unsubscribe();
  earlier.stop();
  await queue.dispose();
  const files = [...views.values()];
  return { files, totals: totalsOf(files), interrupted, durationMs: Date.now() - startedAt };
}

function viewOf(file: PlannedFile): FileView {
  const view: FileView = { path: file.input.shown, size: file.source.size, state: 'queued', bytesUploaded: 0, bytesPerSecond: 0 };
  if (file.finished) {
    view.alreadyUploaded = true;
    view.state = 'processing';
    view.bytesUploaded = file.source.size;
    view.fileId = file.finished.fileId;
  } else if (file.resume) {
    view.resumedFrom = file.resume.bytesOnServer ?? 0;
  }
  return view;
}
