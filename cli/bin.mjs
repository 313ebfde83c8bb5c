#!/usr/bin/env node
// `resumable-upload`: compiles the command line (cli/, the engine and the clients it imports) with
// esbuild into dist-cli/ when a source changed since, then runs it with no TypeScript loader in
// the process. A loader (tsx) compiles every module at each start and stays resident beside the
// upload (docs/BENCHMARKS.md: the command line's start to its first byte, and its RSS). esbuild
// itself is loaded only to build: loading it costs a run that builds nothing ~70 ms.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(projectDir, 'dist-cli');
const SOURCES = ['cli', 'src', 'clients'];

function newestSource() {
  let newest = fs.statSync(path.join(projectDir, 'package-lock.json'), { throwIfNoEntry: false })?.mtimeMs ?? 0;
  for (const dir of SOURCES) {
    for (const file of fs.readdirSync(path.join(projectDir, dir), { recursive: true })) {
      if (/\.(ts|tsx|mjs|json)$/.test(String(file)))
        newest = Math.max(newest, fs.statSync(path.join(projectDir, dir, String(file))).mtimeMs);
    }
  }
  return newest;
}

const DAY_MS = 24 * 3600 * 1000;
/** Which build the last start ran, and the newest source's time then: `{ dir, newest }`. */
const LATEST = path.join(outDir, 'latest.json');
/** In each build: the files it was built from (esbuild's metafile, packages aside) and this one. */
const INPUTS = 'inputs.json';

/**
 * The build the last start ran, if none of the files it was built from changed since: a start
 * then stats those instead of walking every source folder (~50 ms of each start). One of them
 * changed or gone, or a new file imported (its importer changed), and the folders are walked again.
 */
function unchangedBuild() {
  try {
    const { dir, newest } = JSON.parse(fs.readFileSync(LATEST, 'utf8'));
    const buildDir = path.join(outDir, String(dir));
    const inputs = JSON.parse(fs.readFileSync(path.join(buildDir, INPUTS), 'utf8'));
    const unchanged = (input) => (fs.statSync(path.join(projectDir, input), { throwIfNoEntry: false })?.mtimeMs ?? Infinity) <= newest;
    return inputs.every(unchanged) && fs.existsSync(path.join(buildDir, 'cli.mjs')) ? buildDir : undefined;
  } catch {
    return undefined; // no build yet
  }
}

/** Writes `text` to `file` whole: uploaders started at once read it. */
function writeWhole(file, text) {
  const partial = `${file}.${process.pid}`;
  fs.writeFileSync(partial, text);
  fs.renameSync(partial, file);
}

async function build(buildDir) {
  fs.mkdirSync(outDir, { recursive: true });
  const staging = fs.mkdtempSync(path.join(outDir, '.building-'));
  try {
    const { buildSync } = await import('esbuild');
    const { metafile } = buildSync({
      metafile: true,
      absWorkingDir: projectDir,
      // The md5 worker beside the command line: the engine starts it from there (node-md5-thread.ts).
      entryPoints: { cli: 'cli/cli-process.ts', 'md5-worker': 'src/upload-engine/node/md5-worker.ts' },
      outdir: staging,
      outExtension: { '.js': '.mjs' },
      bundle: true,
      // What the sources import on demand (the Wix SDK, for a real site only) stays on demand.
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      // The packages of every run are bundled, from their ES modules where they publish them
      // (tus-js-client's CommonJS main loads its URL storage and file locking, unused here): a run
      // then starts from three files instead of ~40 modules resolved and loaded from node_modules,
      // faster and ~10 MiB smaller. The Wix SDK stays a package of its own, loaded for a real site.
      external: ['@wix/*'],
      mainFields: ['module', 'main'],
      // Bundled CommonJS packages require Node's own modules.
      banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
      define: { ENGINE_MD5_WORKER_BESIDE: 'true' },
      sourcemap: true,
      logLevel: 'warning',
    });
    const inputs = Object.keys(metafile.inputs).filter((input) => !input.startsWith('node_modules/'));
    fs.writeFileSync(
      path.join(staging, INPUTS),
      JSON.stringify([
        ...inputs,
        'cli/bin.mjs',
        ...(fs.existsSync(path.join(projectDir, 'package-lock.json')) ? ['package-lock.json'] : []),
      ]),
    );
    try {
      fs.renameSync(staging, buildDir);
    } catch (error) {
      // Another uploader, started at the same moment, built the same sources first.
      if (!fs.existsSync(path.join(buildDir, 'cli.mjs'))) throw error;
    }
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  for (const older of fs.readdirSync(outDir)) {
    const dir = path.join(outDir, older);
    if (dir !== buildDir && dir !== LATEST && Date.now() - fs.statSync(dir).mtimeMs > DAY_MS)
      fs.rmSync(dir, { recursive: true, force: true });
  }
}

let buildDir = unchangedBuild();
if (!buildDir) {
  // One build per state of the sources, in a folder of its own: uploaders started at once share it,
  // and one still running keeps the files it loads later (the real-site target, imported on demand).
  const newest = newestSource();
  buildDir = path.join(outDir, Math.floor(newest).toString(36));
  if (!fs.existsSync(path.join(buildDir, 'cli.mjs'))) await build(buildDir);
  writeWhole(LATEST, JSON.stringify({ dir: path.basename(buildDir), newest }));
}

await import(pathToFileURL(path.join(buildDir, 'cli.mjs')).href);
