import fs from 'node:fs';
import path from 'node:path';
import { StorageHashHistory, type HashHistory, type HashHistoryStore } from '../run/arrival-check';

/** What a site's file hashes were seen to be, in one JSON file (Node only), so the next run knows it. */
export class FileHashHistory implements HashHistoryStore {
  private readonly stored: StorageHashHistory;

  constructor(file: string) {
    this.stored = new StorageHashHistory({
      getItem: () => {
        try {
          return fs.readFileSync(file, 'utf8');
        } catch {
          return null;
        }
      },
      setItem: (_key, value) => {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, value);
      },
    });
  }

  read(): HashHistory {
    return this.stored.read();
  }

  write(history: HashHistory): void {
    this.stored.write(history);
  }
}
