import { FileHashHistory, FileResumeStore } from '../src/upload-engine/node/index.js';
import path from 'node:path';
import { FinishedUploads } from './finished-uploads.js';

/** Under the current folder, like a tool's cache: one folder per target. */
export const RECORDS_DIR = '.resumable-upload';

export interface RunRecords {
  resumeStore: FileResumeStore;
  finished: FinishedUploads;
  /** What this target's file hashes were seen to be (md5s or not), for the next run. */
  hashHistory: FileHashHistory;
}

/** The resume records (keyed like the page's) and the finished uploads of one target, on disk. */
export function openRunRecords(cwd: string, targetName: string, onWriteError: (error: unknown) => void): RunRecords {
  const base = path.join(cwd, RECORDS_DIR, targetName);
  return {
    resumeStore: new FileResumeStore(path.join(base, 'resume'), onWriteError),
    finished: new FinishedUploads(path.join(base, 'finished'), onWriteError),
    hashHistory: new FileHashHistory(path.join(base, 'hash-history.json')),
  };
}
