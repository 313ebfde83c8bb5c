import {
  UploadQueue,
  errorMessageOf,
  nodeMd5Thread,
  type HashHistoryStore,
  type ResumeStore,
  type UploadBackend,
  type UploadItem,
  type UploadQueueSnapshot,
} from '../src/upload-engine/node/index.js';
import {
  destinedFileKey,
  existingFilesCalls,
  existingFilesFound,
  NOT_LISTED,
  type ExistingFileFound,
} from '../src/shared/existing-files.js';
import { splitFilePath } from '../src/policies/upload-request-policy.js';
import { EXISTING_FILES_LIMITS, type ExistingFile } from '../src/shared/upload-methods.js';
import type { Wording } from '../src/i18n/describe.js';
import { EarlierUploads, type EarlierOutcome } from './earlier-uploads.js';
import type { DuplicatesChoice } from './options.js';
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
  /** Files whose name and size are already in their folder: skipped, or sent as copies. */
  duplicates: DuplicatesChoice;
}

export interface RunDeps {
  backend: UploadBackend;
  /**
   * The target's check that this caller may upload, maybe still on its way: nothing is told and
   * no byte is sent before it resolves; its rejection ends the run, and runUploads rejects with it.
   */
  admitted: Promise<void>;
  resumeStore: ResumeStore;
  finished: FinishedUploads;
  /** What this target's file hashes were seen to be; in memory when not given. */
  hashHistory?: HashHistoryStore;
  reporter: Reporter;
  /** The reader's language, for a warning. */
  wording: Wording;
  /** Aborted: stop at once, keeping every resume record (Ctrl-C). */
  signal: AbortSignal;
}

/**
 * Sends the planned files with the upload engine and follows them to READY or FAILED: new files
 * are added to the queue, files an earlier run began continue from the server's offset, files an
 * earlier run finalized are only asked about (and sent again if the backend does not know them).
 * While the target's check (`admitted`) is on its way, the first new files' sessions are got ready
 * and the check for duplicates is asked: neither sends a byte of a file, and each would otherwise
 * cost a round trip before the first byte.
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
  const unsent = planned.filter((file) => !file.finished && !file.resume);
  const unsentUploads = unsent.filter((file) => file.source.link === undefined);
  let existing: ExistingFiles;
  try {
    if (!deps.signal.aborted) queue.prepare(unsentUploads);
    [, existing] = await Promise.all([
      deps.admitted,
      settings.duplicates === 'skip' && !deps.signal.aborted ? alreadyThere(unsentUploads, deps) : { found: new Map() },
    ]);
  } catch (error) {
    await queue.dispose();
    throw error;
  }
  reporter.started(target, [...views.values()]);
  if (existing.unchecked !== undefined) reporter.warned(deps.wording.t('cli.duplicatesUnchecked', { reason: existing.unchecked }));
  for (const folder of existing.notListed ?? []) {
    reporter.warned(deps.wording.t('cli.duplicatesNotListed', { folder, count: EXISTING_FILES_LIMITS.filesListedPerFolder }));
  }

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
    const fresh: Array<Pick<PlannedFile, 'source' | 'meta'>> = [];
    for (const file of unsent) {
      const there = existing.found.get(file.fingerprint);
      if (there)
        change(file.fingerprint, { state: 'skipped', existing: { ...there, folder: `/${splitFilePath(file.meta.filePath).join('/')}` } });
      else fresh.push({ source: file.source, meta: file.meta });
    }
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

/** The files already in their destination folder, by fingerprint, or why that could not be told. */
interface ExistingFiles {
  found: Map<string, ExistingFile>;
  /** The check could not tell: nothing is skipped, and the reader is told why. */
  unchecked?: string;
  /** Folders that hold more files than the check reads, with files of this run not among those read: said, and those files sent. */
  notListed?: string[];
}

/**
 * The files already in their destination folder (same name and size), by fingerprint: one listing
 * per folder (findExistingFiles). A backend that cannot tell, or a check that fails, skips nothing,
 * saying why.
 */
async function alreadyThere(
  files: readonly PlannedFile[],
  { backend, wording }: Pick<RunDeps, 'backend' | 'wording'>,
): Promise<ExistingFiles> {
  const found = new Map<string, ExistingFile>();
  if (files.length === 0) return { found };
  if (!backend.findExistingFiles) return { found, unchecked: wording.t('cli.duplicatesNotOffered') };
  const destined = (file: PlannedFile) => ({
    parentFolderId: file.meta.parentFolderId,
    filePath: file.meta.filePath,
    displayName: file.meta.displayName,
    sizeInBytes: file.source.size,
  });
  const byKey = new Map<string, ExistingFileFound>();
  try {
    for (const call of existingFilesCalls(files.map(destined))) {
      const answer = await backend.findExistingFiles(call.destinations);
      if (!answer.ok) return { found, unchecked: answer.reason };
      for (const [key, file] of existingFilesFound(call, answer.folders)) byKey.set(key, file);
    }
  } catch (error) {
    return { found, unchecked: errorMessageOf(error) };
  }
  const notListed = new Set<string>();
  for (const file of files) {
    const there = byKey.get(destinedFileKey(destined(file)));
    if (there === NOT_LISTED) notListed.add(`/${splitFilePath(file.meta.filePath).join('/')}`);
    else if (there) found.set(file.fingerprint, there);
  }
  return notListed.size > 0 ? { found, notListed: [...notListed] } : { found };
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
