import fs from 'node:fs';
import path from 'node:path';

/** A folder tree on disk, as a photo archive or a project export: its top folder and each file's folders under it. */
export interface FolderTree {
  top: string;
  files: { name: string; folderPath: string }[];
  /** Every folder's path from the top folder's name down ("archive", "archive/level-1"...). */
  folders: string[];
}

/**
 * `count` small files spread over a chain of `depth` folders under `name` (the deepest is `depth`
 * levels below it), round-robin, so every level holds files.
 */
export function writeFolderTree(dir: string, name: string, count: number, depth: number): FolderTree {
  const folders = [name];
  for (let level = 1; level <= depth; level++) folders.push(`${folders.at(-1)}/level-${level}`);
  fs.mkdirSync(path.join(dir, folders.at(-1)!), { recursive: true });
  const files = Array.from({ length: count }, (_, index) => {
    const folderPath = folders[1 + (index % depth)]!;
    const file = { name: `file-${String(index).padStart(5, '0')}.txt`, folderPath };
    fs.writeFileSync(path.join(dir, folderPath, file.name), `file ${index}\n`);
    return file;
  });
  return { top: path.join(dir, name), files, folders };
}
