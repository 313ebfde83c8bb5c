import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { QueueAdding, UploadQueue, UploadQueueSnapshot, UploadError } from '../../upload-engine';
import { MEDIA_ROOT_FOLDER_ID } from '../../shared/media-folders';
import { openEntry, readInBatches, sizeOfEntry, type AddedFile, type UnreadableReason } from '../files/picked-files';
import { APP_UPLOAD_LIMITS } from '../../policies/upload-request-policy';
import {
  applySettings,
  awaitingSize,
  chooseUploadAsCopy,
  isOpened,
  openedFiles,
  passesExistingFileCheck,
  problemsOf,
  rename,
  preparable,
  sendableNow,
  sizeKnown,
  stagedSizes,
  stageFiles,
  unreadableOf,
  uploadTakes,
  type ExistingFileCheck,
  type OpenedStagedFile,
  type StagedFile,
  type UnopenedSource,
  type UploadSettings,
} from '../staging';
import { useExistingFiles } from './use-existing-files';

/** How long the staged files stay unchanged before their sessions are got ready (not at every keystroke of a rename). */
const PREPARE_AFTER_MS = 300;
/**
 * How dropped files' sizes are read: taken into the list every 250 ms (the list is redrawn and
 * checked once per batch, not once per file), 256 asked at a time.
 */
const READING_SIZES = { everyMs: 250, inFlight: 256 };
/**
 * How files Upload took are opened: fewer at a time, as the uploads already under way need the
 * same browser process (Chromium opens them one after another there, about 1 ms each).
 */
const OPENING = { everyMs: 250, inFlight: 16 };

const INITIAL_SETTINGS: UploadSettings = {
  parentFolderId: MEDIA_ROOT_FOLDER_ID,
  destination: [],
  filePath: '',
  labels: [],
  private: false,
};

export interface StagedFiles {
  staged: StagedFile[];
  problems: Map<string, UploadError>;
  /** Whether a file of the same name and size is already in each file's destination folder, by staged id. */
  existing: Map<string, ExistingFileCheck>;
  settings: UploadSettings;
  selectedIds: string[];
  setSettings(settings: UploadSettings): void;
  setSelectedIds(ids: string[]): void;
  /** Stages files picked (with their sizes) or dropped (by name and folders at once; their sizes follow in batches). */
  add(added: AddedFile[]): void;
  rename(id: string, displayName: string): void;
  remove(ids: string[]): void;
  applyToSelected(): void;
  /** Sends these files though a file of their name and size is already in their folder. */
  uploadAsCopies(ids: string[]): void;
  /**
   * Hands the files that pass the checks to the queue; those whose size, check or opening is
   * awaited go as they pass; the others stay, with their reason (duplicates: until a choice).
   */
  start(): void;
  /** Dropped files whose size is still being read. */
  readingSizes: number;
  /** Files Upload took that wait to be read, checked or opened before they go to the queue. */
  waitingToSend: number;
}

/** The files chosen but not yet sent, their settings and the checks made before sending. */
export function useStagedFiles(queue: UploadQueue, snapshot: UploadQueueSnapshot): StagedFiles {
  const [staged, setStaged] = useState<StagedFile[]>([]);
  const [settings, setSettings] = useState(INITIAL_SETTINGS);
  const [selectedIds, setSelectedIds] = useState<string[]>([]);

  // The queue's snapshot changes with every progress tick; the checks of the staged files only
  // need redoing when the set of files in the queue changes, and only while files are staged (a
  // queue of 10,000 files is not walked at every draw while none is).
  const queuedKey =
    staged.length === 0
      ? ''
      : snapshot.items
          .filter((item) => item.state !== 'cancelled' && item.state !== 'failed')
          .map((item) => item.fingerprint)
          .join('\n');
  const queuedFingerprints = useMemo(() => new Set(queuedKey ? queuedKey.split('\n') : []), [queuedKey]);
  const problems = useMemo(
    () => problemsOf(staged, queuedFingerprints, APP_UPLOAD_LIMITS.maxFileSizeBytes, queue.makesFolders),
    [staged, queuedFingerprints, queue],
  );
  const readingSizes = useMemo(() => awaitingSize(staged).length, [staged]);
  const existing = useExistingFiles(staged, problems, readingSizes > 0);
  const sendable = useMemo(
    () => staged.filter((file): file is OpenedStagedFile => !problems.has(file.id) && sendableNow(file, existing.get(file.id))),
    [staged, problems, existing],
  );
  /** Answers read after the page is gone are dropped. */
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );

  // While the user looks at the list, the first files' sessions get ready: Upload then sends at once.
  // Keyed by the files, so that a check's answer about the same files does not put the timer back.
  const preparing = useMemo(
    () => staged.filter((file): file is OpenedStagedFile => !problems.has(file.id) && preparable(file, existing.get(file.id))),
    [staged, problems, existing],
  );
  const preparingNow = useRef(preparing);
  preparingNow.current = preparing;
  const preparableKey = useMemo(() => preparing.map((file) => file.id).join('\n'), [preparing]);
  useEffect(() => {
    const ids = new Set(preparableKey.split('\n'));
    const timer = setTimeout(() => queue.prepare(preparingNow.current.filter((file) => ids.has(file.id))), PREPARE_AFTER_MS);
    return () => clearTimeout(timer);
  }, [preparableKey, queue]);

  const add = useCallback(
    (added: AddedFile[]) => {
      const stagedNow = stageFiles(added, settings, queue.unfinishedUploads());
      setStaged((current) => [...current, ...stagedNow]);
      // Dropped files' sizes, read from their metadata and taken into the list in batches.
      const toSize = awaitingSize(stagedNow);
      if (toSize.length === 0) return;
      void readInBatches(
        toSize,
        (file) => sizeOfEntry((file.source as UnopenedSource).entry),
        (batch) => {
          if (!mounted.current) return;
          const sizes = new Map([...batch].map(([file, size]) => [file.id, size] as const));
          const unfinished = queue.unfinishedUploads();
          setStaged((current) => stagedSizes(current, sizes, unfinished));
        },
        READING_SIZES,
      );
    },
    [settings, queue],
  );
  const remove = useCallback((ids: string[]) => {
    const removed = new Set(ids);
    setStaged((current) => current.filter((file) => !removed.has(file.id)));
    // The same list when none of them was selected: a new one would draw the settings form again (Upload takes every file).
    setSelectedIds((current) => (current.some((id) => removed.has(id)) ? current.filter((id) => !removed.has(id)) : current));
  }, []);

  // Files Upload took reach the queue through one adding (UploadQueue.beginAdding): a slice per task,
  // after the click's, so that neither the click nor any later task holds the page for the whole
  // list; Pause all and Cancel all reach the files still on their way. A new one after Cancel all.
  const adding = useRef<QueueAdding>();
  const addingNow = useCallback(() => {
    if (!adding.current || adding.current.cancelled) adding.current = queue.beginAdding();
    return adding.current;
  }, [queue]);
  /** Opened files to the queue: those an unfinished upload waits for continue it, the others are added. */
  const handOver = useCallback(
    (files: readonly OpenedStagedFile[], to: QueueAdding) => {
      if (to.cancelled) return;
      const resumed = files.filter((file) => file.resumes);
      for (const file of resumed) queue.resumeUpload(file.source, file.resumes!);
      to.forgo(resumed.length);
      to.add(files.filter((file) => !file.resumes));
    },
    [queue],
  );
  const send = useCallback(
    (files: OpenedStagedFile[]) => {
      if (files.length === 0) return;
      handOver(files, addingNow());
      remove(files.map((file) => file.id));
    },
    [handOver, addingNow, remove],
  );
  /**
   * Dropped files Upload took that passed every check leave the list at once and are opened (only
   * now), in the list's order, then handed to the queue in that order, a batch at a time: the list
   * of thousands is not drawn and checked again for each batch opened. A file that cannot be opened
   * comes back to the list, saying why on its row; after Cancel all, none is opened or sent.
   */
  const openAndSend = useCallback(
    (taken: readonly StagedFile[]) => {
      if (taken.length === 0) return;
      const to = addingNow();
      to.expect(taken.length);
      remove(taken.map((file) => file.id));
      const answers = new Map<string, File | UnreadableReason>();
      let next = 0;
      void readInBatches(
        taken,
        (file) => (to.cancelled ? Promise.resolve(undefined) : openEntry((file.source as UnopenedSource).entry)),
        (batch) => {
          if (to.cancelled) return;
          for (const [file, answer] of batch) if (answer !== undefined) answers.set(file.id, answer);
          const inOrder: StagedFile[] = [];
          while (next < taken.length && answers.has(taken[next]!.id)) inOrder.push(taken[next++]!);
          const opened = openedFiles(inOrder, answers);
          const unreadable = opened.filter((file) => !isOpened(file.source));
          handOver(
            opened.filter((file): file is OpenedStagedFile => isOpened(file.source)),
            to,
          );
          to.forgo(unreadable.length);
          if (unreadable.length > 0 && mounted.current) setStaged((current) => [...current, ...unreadable]);
        },
        OPENING,
      );
    },
    [addingNow, remove, handOver],
  );
  /** A file Upload took that can be opened and sent now: its size read, checked, not in doubt. */
  const readyToOpen = useCallback(
    (file: StagedFile) =>
      !isOpened(file.source) &&
      sizeKnown(file.source) &&
      unreadableOf(file) === undefined &&
      !problems.has(file.id) &&
      passesExistingFileCheck(file, existing.get(file.id)),
    [problems, existing],
  );
  const start = useCallback(() => {
    send(sendable);
    const toOpen = staged.filter(readyToOpen);
    openAndSend(toOpen);
    // Files whose size or check is awaited go once they are read and checked new.
    const opening = new Set(toOpen.map((file) => file.id));
    const waiting = new Set(
      staged
        .filter(
          (file) =>
            !opening.has(file.id) &&
            !problems.has(file.id) &&
            uploadTakes(file, existing.get(file.id)) &&
            !sendableNow(file, existing.get(file.id)),
        )
        .map((file) => file.id),
    );
    if (waiting.size > 0) setStaged((current) => current.map((file) => (waiting.has(file.id) ? { ...file, sendWhenChecked: true } : file)));
  }, [send, sendable, openAndSend, readyToOpen, staged, problems, existing]);

  // Files Upload took whose size and check came since are opened and sent like those ready at the click.
  useEffect(() => {
    openAndSend(staged.filter((file) => file.sendWhenChecked && readyToOpen(file)));
  }, [staged, readyToOpen, openAndSend]);

  useEffect(() => {
    // A file Upload took is settled once it is opened and its check answered, or once it cannot go
    // (a problem found with its size, unreadable, or already there: that one waits for the owner's choice).
    const settled = staged.filter((file) => {
      if (!file.sendWhenChecked) return false;
      const check = existing.get(file.id);
      if (problems.has(file.id) || unreadableOf(file) !== undefined) return true;
      if (check?.state === 'exists' && !file.uploadAsCopy) return true;
      return isOpened(file.source) && check?.state !== 'checking';
    });
    if (settled.length === 0) return;
    send(settled.filter((file): file is OpenedStagedFile => !problems.has(file.id) && sendableNow(file, existing.get(file.id))));
    const held = new Set(settled.map((file) => file.id));
    setStaged((current) => current.map((file) => (held.has(file.id) ? { ...file, sendWhenChecked: false } : file)));
  }, [staged, existing, problems, send]);
  const waitingToSend = useMemo(() => staged.filter((file) => file.sendWhenChecked).length, [staged]);
  const uploadAsCopies = useCallback((ids: string[]) => setStaged((current) => chooseUploadAsCopy(current, new Set(ids))), []);

  const renameFile = useCallback((id: string, displayName: string) => setStaged((current) => rename(current, id, displayName)), []);
  const applyToSelected = useCallback(
    () => setStaged((current) => applySettings(current, new Set(selectedIds), settings)),
    [selectedIds, settings],
  );

  return {
    staged,
    problems,
    existing,
    settings,
    selectedIds,
    setSettings,
    setSelectedIds,
    add,
    rename: renameFile,
    remove,
    applyToSelected,
    uploadAsCopies,
    start,
    readingSizes,
    waitingToSend,
  };
}
