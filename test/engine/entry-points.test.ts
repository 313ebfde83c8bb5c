import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_DIR } from '../../local/server.js';

const ENGINE = path.join(PROJECT_DIR, 'src', 'upload-engine');
const NODE_ENTRY = path.join(ENGINE, 'node', 'index.ts');
/** Static imports and re-exports, and `import('…')` calls with a literal. */
const IMPORT = /^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm;

/** The file a relative import names: `./x.js` is the TypeScript source `./x.ts`, a folder its index. */
function resolveImport(from: string, specifier: string): string {
  // A Vite query (`?worker&inline`) names the same module, built another way.
  const base = path.resolve(path.dirname(from), specifier.split('?')[0]!);
  const stem = base.replace(/\.(js|mjs)$/, '');
  const candidates = [base, `${stem}.ts`, `${stem}.tsx`, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')];
  const found = candidates.find((candidate) => fs.existsSync(candidate) && fs.statSync(candidate).isFile());
  if (!found) throw new Error(`${path.relative(PROJECT_DIR, from)} imports ${specifier} that does not exist`);
  return found;
}

/** The relative imports of one file, resolved, and its bare imports. */
function importsOf(file: string): { modules: string[]; packages: string[] } {
  const modules: string[] = [];
  const packages: string[] = [];
  for (const match of fs.readFileSync(file, 'utf8').matchAll(IMPORT)) {
    const specifier = (match[1] ?? match[2])!;
    if (specifier.startsWith('.')) modules.push(resolveImport(file, specifier));
    else packages.push(specifier);
  }
  return { modules, packages };
}

/** Every module the entries reach through relative imports, and every bare import they make. */
function importGraph(...entries: string[]): { modules: Set<string>; packages: Set<string> } {
  const modules = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (modules.has(file)) return;
    modules.add(file);
    const found = importsOf(file);
    for (const name of found.packages) packages.add(name);
    for (const module of found.modules) visit(module);
  };
  for (const entry of entries) visit(entry);
  return { modules, packages };
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|mjs)$/.test(entry.name) ? [full] : [];
  });
}

const relative = (file: string) => path.relative(PROJECT_DIR, file).split(path.sep).join('/');

describe("the upload engine's entry points", () => {
  it('keeps the browser entry free of Node code: no node: module, nothing from the node/ folder', () => {
    const { modules, packages } = importGraph(path.join(ENGINE, 'index.ts'));
    expect([...packages].filter((name) => name.startsWith('node:') || ['fs', 'path', 'os', 'crypto', 'stream'].includes(name))).toEqual([]);
    expect([...modules].filter((file) => file.includes(`${path.sep}node${path.sep}`))).toEqual([]);
  });

  it('gives Node everything of the browser entry, the file-system source, the on-disk resume store, hash history and records, and the md5 worker thread', async () => {
    const browser = await import('../../src/upload-engine/index.js');
    const node = await import('../../src/upload-engine/node/index.js');
    expect(Object.keys(node).sort()).toEqual(
      [...Object.keys(browser), 'sourceFromPath', 'FileResumeStore', 'nodeMd5Thread', 'FileHashHistory', 'FingerprintedJsonFiles'].sort(),
    );
  });

  it("keeps the command line on the engine's Node entry: of the engine it imports that entry only, and nothing of local/ (the emulator), directly or not", () => {
    const cli = sourceFiles(path.join(PROJECT_DIR, 'cli'));
    const intoEngine = cli.flatMap((file) =>
      importsOf(file)
        .modules.filter((module) => module.startsWith(ENGINE + path.sep) && module !== NODE_ENTRY)
        .map((module) => `${relative(file)} imports ${relative(module)}`),
    );
    expect(intoEngine).toEqual([]);
    const { modules } = importGraph(...cli);
    expect([...modules].filter((module) => module.startsWith(path.join(PROJECT_DIR, 'local') + path.sep)).map(relative)).toEqual([]);
  });
});
