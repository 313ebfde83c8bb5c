import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_DIR } from '../../local/server.js';

/**
 * Where browser tests write their screenshots: an ignored folder, so running the tests never
 * changes tracked files. `npm run screenshots` points SCREENSHOTS_DIR at docs/screenshots to
 * refresh the README's pictures.
 */
export function screenshotPath(name: string): string {
  const dir = path.resolve(PROJECT_DIR, process.env.SCREENSHOTS_DIR || path.join('test-results', 'screenshots'));
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}
