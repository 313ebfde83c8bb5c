import path from 'node:path';
import { FileResumeStore } from '../src/upload-engine/node/file-resume-store.js';
import { FinishedUploads } from './finished-uploads.js';

/** Under the current folder, like a tool's cache: one folder per target. */
export const RECORDS_DIR = '.resumable-upload';

export interface RunRecords {
  resumeStore: FileResumeStore;
  finished: FinishedUploads;
}

/** The resume records (keyed like the page's) and the finished uploads of one target, on disk. */
export function openRunRecords(cwd: string, targetName: string, onWriteError: (error: unknown) => void): RunRecords {
  const base = path.join(cwd, RECORDS_DIR, targetName);
  return {
    resumeStore: new FileResumeStore(path.join(base, 'resume'), onWriteError),
    finished: new FinishedUploads(path.join(base, 'finished'), onWriteError),
  };
}
