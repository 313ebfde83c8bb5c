import { useCallback, useEffect, useMemo, useState } from 'react';
import type { UploadQueue, UploadQueueSnapshot, UploadError } from '../../upload-engine';
import { MEDIA_ROOT_FOLDER_ID } from '../../shared/media-folders';
import type { PickedFile } from '../files/picked-files';
import { APP_UPLOAD_LIMITS } from '../../policies/upload-request-policy';
import { applySettings, problemsOf, rename, stageFiles, type StagedFile, type UploadSettings } from '../staging';

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
  settings: UploadSettings;
  selectedIds: string[];
  setSettings(settings: UploadSettings): void;
  setSelectedIds(ids: string[]): void;
  add(picked: PickedFile[]): void;
  rename(id: string, displayName: string): void;
  remove(ids: string[]): void;
  applyToSelected(): void;
  /** Hands the files that pass the checks to the queue; the others stay, with their reason. */
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

  // While the user looks at the list, the first files' sessions get ready: Upload then sends at once.
  useEffect(() => {
    const sendable = staged.filter((file) => !problems.has(file.id) && !file.resumes);
    const timer = setTimeout(() => queue.prepare(sendable), PREPARE_AFTER_MS);
    return () => clearTimeout(timer);
  }, [staged, problems, queue]);

  const add = useCallback(
    (picked: PickedFile[]) => setStaged((current) => [...current, ...stageFiles(picked, settings, queue.unfinishedUploads())]),
    [settings, queue],
  );
  const remove = useCallback((ids: string[]) => {
    const removed = new Set(ids);
    setStaged((current) => current.filter((file) => !removed.has(file.id)));
    setSelectedIds((current) => current.filter((id) => !removed.has(id)));
  }, []);
  const start = useCallback(() => {
    const sendable = staged.filter((file) => !problems.has(file.id));
    for (const file of sendable) {
      if (file.resumes) queue.resumeUpload(file.source, file.resumes);
    }
    queue.add(sendable.filter((file) => !file.resumes));
    remove(sendable.map((file) => file.id));
  }, [staged, problems, queue, remove]);

  const renameFile = useCallback((id: string, displayName: string) => setStaged((current) => rename(current, id, displayName)), []);
  const applyToSelected = useCallback(
    () => setStaged((current) => applySettings(current, new Set(selectedIds), settings)),
    [selectedIds, settings],
  );

  return {
    staged,
    problems,
    settings,
    selectedIds,
    setSettings,
    setSelectedIds,
    add,
    rename: renameFile,
    remove,
    applyToSelected,
    start,
  };
}
