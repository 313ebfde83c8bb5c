import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from './exit-codes.js';
import { isHiddenEntry } from '../src/policies/upload-request-policy.js';

/** A file named on the command line, or found in a folder named there. */
export interface InputFile {
  /** Absolute. */
  path: string;
  /** How the run names it: the path as given, or the folder as given followed by the path inside it. */
  shown: string;
  /**
   * For a file inside a named folder: its path from that folder's own name, e.g. "shoot/day 1/a.jpg",
   * so its folders are created under --folder as a dropped folder's are on the page.
   */
  relativePath?: string;
}

export interface InputFiles {
  files: InputFile[];
  /** Entries inside named folders that were left out, each with why (a broken link, a socket). */
  skipped: string[];
}

/**
 * Every file to upload, in a stable order: named files as they are, named folders walked
 * recursively in name order. Inside a folder, hidden entries (".DS_Store", ".git") are left out.
 * Throws a UsageError naming a path that does not exist or cannot be read, or when there is nothing to upload.
 */
export function collectInputFiles(paths: readonly string[], cwd: string): InputFiles {
  const found: InputFile[] = [];
  const skipped: string[] = [];
  const seen = new Set<string>();
  const add = (file: InputFile) => {
    const key = `${fs.realpathSync(file.path)}\0${file.relativePath ?? ''}`;
    if (seen.has(key)) return;
    seen.add(key);
    found.push(file);
  };
  for (const given of paths) {
    const absolute = path.resolve(cwd, given);
    const stat = statOf(absolute, given);
    if (stat.isFile()) add({ path: absolute, shown: given });
    else if (stat.isDirectory()) walkFolder(absolute, given, add, (entry) => skipped.push(entry));
    else throw new UsageError({ key: 'cli.error.notAFileOrFolder', values: { path: given } });
  }
  if (found.length === 0)
    throw new UsageError({ key: 'cli.error.noFileIn', values: { paths: paths.map((given) => `"${given}"`).join(', ') } });
  return { files: found, skipped };
}

function statOf(absolute: string, shown: string): fs.Stats {
  try {
    return fs.statSync(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError({ key: 'cli.error.doesNotExist', values: { path: shown } });
    throw new UsageError({ key: 'cli.error.unreadablePath', values: { path: shown, code: code ?? String(error) } });
  }
}

function walkFolder(root: string, shownRoot: string, add: (file: InputFile) => void, skip: (entry: string) => void): void {
  const rootName = path.basename(root);
  const visited = new Set<string>();
  const walk = (folder: string, inside: string[]) => {
    const real = fs.realpathSync(folder);
    if (visited.has(real)) return; // a link back up the tree
    visited.add(real);
    let names: string[];
    try {
      names = fs.readdirSync(folder).sort();
    } catch (error) {
      throw new UsageError({
        key: 'cli.error.unreadableFolder',
        values: { path: path.join(shownRoot, ...inside), code: (error as NodeJS.ErrnoException).code ?? String(error) },
      });
    }
    for (const name of names) {
      if (isHiddenEntry(name)) continue;
      const absolute = path.join(folder, name);
      const segments = [...inside, name];
      const shown = path.join(shownRoot, ...segments);
      let stat: fs.Stats;
      try {
        stat = fs.statSync(absolute);
      } catch (error) {
        skip(`${shown} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
        continue;
      }
      if (stat.isDirectory()) walk(absolute, segments);
      else if (stat.isFile()) add({ path: absolute, shown, relativePath: [rootName, ...segments].filter(Boolean).join('/') });
      else skip(`${shown} (neither a file nor a folder)`);
    }
  };
  walk(root, []);
}
