import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_DIR } from '../../local/server.js';

const ENGINE = path.join(PROJECT_DIR, 'src', 'upload-engine');
const IMPORT = /^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm;

/** Every module the entry reaches through relative imports, and every bare import it makes. */
function importGraph(entry: string): { modules: Set<string>; packages: Set<string> } {
  const modules = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (modules.has(file)) return;
    modules.add(file);
    for (const [, specifier] of fs.readFileSync(file, 'utf8').matchAll(IMPORT)) {
      if (!specifier!.startsWith('.')) {
        packages.add(specifier!);
        continue;
      }
      // A Vite query (`?worker&inline`) names the same module, built another way.
      const base = path.resolve(path.dirname(file), specifier!.split('?')[0]!);
      const candidates = [`${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')];
      const found = candidates.find((candidate) => fs.existsSync(candidate));
      if (!found) throw new Error(`${path.relative(PROJECT_DIR, file)} imports ${specifier} that does not exist`);
      visit(found);
    }
  };
  visit(entry);
  return { modules, packages };
}

describe("the upload engine's entry points", () => {
  it('keeps the browser entry free of Node code: no node: module, nothing from the node/ folder', () => {
    const { modules, packages } = importGraph(path.join(ENGINE, 'index.ts'));
    expect([...packages].filter((name) => name.startsWith('node:') || ['fs', 'path', 'os', 'crypto', 'stream'].includes(name))).toEqual([]);
    expect([...modules].filter((file) => file.includes(`${path.sep}node${path.sep}`))).toEqual([]);
  });

  it('gives Node everything of the browser entry, the file-system source, the on-disk resume store and hash history, and the md5 worker thread', async () => {
    const browser = await import('../../src/upload-engine/index.js');
    const node = await import('../../src/upload-engine/node/index.js');
    expect(Object.keys(node).sort()).toEqual(
      [...Object.keys(browser), 'sourceFromPath', 'FileResumeStore', 'nodeMd5Thread', 'FileHashHistory'].sort(),
    );
  });
});
