import fs from 'node:fs';
import path from 'node:path';

/** Bytes of the regular files under `dir`, tus metadata (.json) aside; hard links counted once. */
export function storedBytes(dir: string): number {
  const seen = new Set<number>();
  let total = 0;
  const walk = (current: string) => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && !entry.name.endsWith('.json')) {
        const stat = fs.statSync(full);
        if (seen.has(stat.ino)) continue;
        seen.add(stat.ino);
        total += stat.size;
      }
    }
  };
  walk(dir);
  return total;
}
