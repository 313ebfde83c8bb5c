import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';

/** Who holds a data folder: the process of the local app that runs on it, and where it serves. */
interface Holder {
  pid: number;
  token: string;
  url?: string;
}

const LOCK_FILE = 'app.lock';

/** Another local app runs on this data folder: two on one embedded database would overwrite each other. */
export class DataDirInUse extends Error {
  override name = 'DataDirInUse';
  constructor(dataDir: string, holder: Holder) {
    super(
      `Another local app already runs on the data folder ${dataDir}: process ${holder.pid}${holder.url ? `, at ${holder.url}` : ''}. ` +
        'Stop it (Ctrl+C where it runs), or give this one a folder of its own: DATA_DIR=.local-data-2 npm start',
    );
  }
}

function holderOf(file: string): Holder | undefined {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Holder>;
    return typeof parsed.pid === 'number' && typeof parsed.token === 'string' ? (parsed as Holder) : undefined;
  } catch {
    return undefined; // gone meanwhile, or half-written by a process that died: not a holder
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface DataDirLock {
  /** Records where the app serves, for the message a second start prints. */
  noteUrl(url: string): void;
  release(): void;
}

/**
 * Claims the data folder for this app (`<dataDir>/app.lock`, created exclusively), or throws
 * DataDirInUse naming the running one. A claim whose process is gone (killed, or the machine
 * stopped) is stale and taken over.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE);
  const mine: Holder = { pid: process.pid, token: randomUUID() };
  const write = (holder: Holder, flag: string) => fs.writeFileSync(file, JSON.stringify(holder), { flag });
  for (let attempt = 0; ; attempt++) {
    try {
      write(mine, 'wx');
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 3) throw error;
      const holder = holderOf(file);
      if (holder && isRunning(holder.pid)) throw new DataDirInUse(dataDir, holder);
      // Stale: removed only if it is still the claim just read (another start may have replaced it).
      if (holderOf(file)?.token === holder?.token) fs.rmSync(file, { force: true });
    }
  }
  const stillMine = () => holderOf(file)?.token === mine.token;
  return {
    noteUrl(url) {
      if (stillMine()) write({ ...mine, url }, 'w');
    },
    release() {
      if (stillMine()) fs.rmSync(file, { force: true });
    },
  };
}
