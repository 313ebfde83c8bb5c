import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's root: the folder above this file that holds wix.config.json (also when compiled). */
export const PROJECT_DIR = findProjectDir(path.dirname(fileURLToPath(import.meta.url)));

function findProjectDir(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'wix.config.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`No wix.config.json above ${from}`);
  }
}
