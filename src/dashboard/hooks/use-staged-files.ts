import { useCallback, useEffect, useMemo, useState } from 'react';
import type { UploadQueue, UploadQueueSnapshot, UploadError } from '../../upload-engine';
import { MEDIA_ROOT_FOLDER_ID } from '../../shared/media-folders';
import type { PickedFile } from '../files/picked-files';
import { APP_UPLOAD_LIMITS } from '../../policies/upload-request-policy';
import {
  applySettings,
  chooseUploadAsCopy,
  passesExistingFileCheck,
  problemsOf,
  rename,
  stageFiles,
  type ExistingFileCheck,
  type StagedFile,
  type UploadSettings,
} from '../staging';
import { useExistingFiles } from './use-existing-files';

/** How long the staged files stay unchanged before their sessions are got ready (not at every keystroke of a rename). */
const PREPARE_AFTER_MS = 300;

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
  add(picked: PickedFile[]): void;
  rename(id: string, displayName: string): void;
  remove(ids: string[]): void;
  applyToSelected(): void;
  /** Sends these files though a file of their name and size is already in their folder. */
  uploadAsCopies(ids: string[]): void;
  /** Hands the files that pass the checks to the queue; the others stay, with their reason (duplicates: until a choice). */
  start(): void;
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
  const existing = useExistingFiles(staged, problems);
  const sendable = useMemo(
    () => staged.filter((file) => !problems.has(file.id) && passesExistingFileCheck(file, existing.get(file.id))),
    [staged, problems, existing],
  );

  // While the user looks at the list, the first files' sessions get ready: Upload then sends at once.
  useEffect(() => {
    const timer = setTimeout(() => queue.prepare(sendable.filter((file) => !file.resumes)), PREPARE_AFTER_MS);
    return () => clearTimeout(timer);
  }, [sendable, queue]);

  const add = useCallback(
    (picked: PickedFile[]) => setStaged((current) => [...current, ...stageFiles(picked, settings, queue.unfinishedUploads())]),
    [settings, queue],
  );
  const remove = useCallback((ids: string[]) => {
    const removed = new Set(ids);
    setStaged((current) => current.filter((file) => !removed.has(file.id)));
    setSelectedIds((current) => current.filter((id) => !removed.has(id)));
  }, []);
  const send = useCallback(
    (files: StagedFile[]) => {
      for (const file of files) {
        if (file.resumes) queue.resumeUpload(file.source, file.resumes);
      }
      queue.add(files.filter((file) => !file.resumes));
      remove(files.map((file) => file.id));
    },
    [queue, remove],
  );
  const start = useCallback(() => {
    send(sendable);
    // Files still being checked go once their check says they are not there yet.
    const waiting = new Set(
      staged.filter((file) => !problems.has(file.id) && existing.get(file.id)?.state === 'checking').map((file) => file.id),
    );
    if (waiting.size > 0) setStaged((current) => current.map((file) => (waiting.has(file.id) ? { ...file, sendWhenChecked: true } : file)));
  }, [send, sendable, staged, problems, existing]);
  useEffect(() => {
    const checkedNow = staged.filter((file) => file.sendWhenChecked && existing.get(file.id)?.state !== 'checking');
    if (checkedNow.length === 0) return;
    send(checkedNow.filter((file) => !problems.has(file.id) && passesExistingFileCheck(file, existing.get(file.id))));
    // One found already there waits for the owner's choice like any other.
    const held = new Set(checkedNow.map((file) => file.id));
    setStaged((current) => current.map((file) => (held.has(file.id) ? { ...file, sendWhenChecked: false } : file)));
  }, [staged, existing, problems, send]);
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
  };
}
