/**
 * What every suite of the benchmark stands on: one registry of what to undo (children, temp dirs,
 * browsers), run on a normal end, an error, Ctrl+C, SIGTERM or the deadline; child processes that
 * talk in JSON lines; numbers from the environment; and `runSuite`, which wraps a suite's body with
 * all of it and writes its record.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describeMachine, loadAverage } from './measure.js';
import { targetLine, type TargetResult } from './targets.js';

export const PROJECT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const RESULTS_DIR = path.join(PROJECT_DIR, 'bench', 'results');

type Disposer = () => Promise<void> | void;
const disposers: Disposer[] = [];
let stopping: Promise<void> | undefined;

/** Registers `dispose`; the function returned runs it now (once) and unregisters it. */
export function onCleanup(dispose: Disposer): () => Promise<void> {
  let done = false;
  const once: Disposer = async () => {
    if (done) return;
    done = true;
    await dispose();
  };
  disposers.push(once);
  return async () => {
    const index = disposers.indexOf(once);
    if (index >= 0) disposers.splice(index, 1);
    await once();
  };
}

/** Undoes everything registered, newest first. */
export function cleanupAll(): Promise<void> {
  stopping ??= (async () => {
    for (let dispose = disposers.pop(); dispose; dispose = disposers.pop()) {
      await Promise.resolve(dispose()).catch((error: unknown) => console.error('cleanup:', error instanceof Error ? error.message : error));
    }
  })();
  return stopping;
}

function exitAfterCleanup(code: number): void {
  void cleanupAll().finally(() => process.exit(code));
}

/** A number from the environment, `fallback` when unset; one that is not `valid` stops the run, naming what it must be. */
export function envNumber(name: string, fallback: number, valid = (v: number) => v > 0, what = 'a positive number'): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || !valid(value)) throw new Error(`${name} must be ${what}, got "${text}"`);
  return value;
}

/** BENCH_SCALE: every size and count of a suite scales with it; 1 is the documented run. */
export const SCALE = envNumber('BENCH_SCALE', 1, (v) => v > 0 && v <= 1, 'above 0 and at most 1');

/** What a suite gives back: its targets, markdown tables of what it measured, and anything to keep in the record. */
export interface SuiteResult {
  targets: TargetResult[];
  tables: string[];
  details?: Record<string, unknown>;
}

/**
 * Runs a suite as a process of its own: exit handlers, its deadline (BENCH_DEADLINE_MIN), a temp
 * dir; prints its tables and target lines, and writes its record to BENCH_RESULTS (by default
 * bench/results/<suite>-quick.json) for bench/main.ts to gather.
 */
export async function runSuite(id: string, body: (context: { tempDir: string }) => Promise<SuiteResult>): Promise<void> {
  const stopOn = (event: string, code: number) =>
    process.once(event, (error: unknown) => {
      console.error(code === 1 ? error : `\n${event}: stopping everything the ${id} suite started…`);
      exitAfterCleanup(code);
    });
  stopOn('SIGINT', 130);
  stopOn('SIGTERM', 143);
  stopOn('uncaughtException', 1);
  stopOn('unhandledRejection', 1);
  const deadlineMin = envNumber('BENCH_DEADLINE_MIN', 30);
  const deadline = setTimeout(() => {
    console.error(`The ${id} suite ran past its deadline (${deadlineMin} min, BENCH_DEADLINE_MIN): stopping.`);
    exitAfterCleanup(1);
  }, deadlineMin * 60_000);
  onCleanup(() => clearTimeout(deadline));
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), `rmu-bench-${id}-`));
  onCleanup(() => fs.rmSync(tempDir, { recursive: true, force: true }));

  const machine = describeMachine();
  const startedAt = new Date().toISOString();
  console.log(`${id}: scale ${SCALE}, load ${machine.loadAverage}`);
  try {
    const result = await body({ tempDir });
    const file = process.env.BENCH_RESULTS || path.join(RESULTS_DIR, `${id}-quick.json`);
    const record = {
      suite: id,
      startedAt,
      finishedAt: new Date().toISOString(),
      scale: SCALE,
      machine,
      loadAtEnd: loadAverage(),
      ...result,
    };
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
    console.log(`\n${result.tables.join('\n\n')}\n`);
    for (const target of result.targets) console.log(targetLine(target));
  } finally {
    await cleanupAll();
  }
}

/** A Node process of the benchmark: a server, a client, the app, the command-line uploader. */
export interface NodeChild {
  pid: number;
  readonly exited: Promise<number | null>;
  /** Resolves with the first stdout line (from the start) that `match` accepts. */
  waitForLine<T>(match: (line: string) => T | undefined, what: string, timeoutMs: number): Promise<T>;
  /** Every stdout line so far. */
  readonly lines: readonly string[];
  send(line: string): void;
  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

const live = new Set<ChildProcess>();
// The last resort if the process exits without its cleanup.
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/** Starts `node <nodeArgs> <entry> <args>` in the project; `onLine` hears each stdout line as it comes. */
export function startNodeChild(
  entry: string,
  env: Record<string, string>,
  options: { nodeArgs?: readonly string[]; args?: readonly string[]; cwd?: string; onLine?: (line: string) => void } = {},
): NodeChild {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? ['--import', 'tsx']), entry, ...(options.args ?? [])], {
    cwd: options.cwd ?? PROJECT_DIR,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error(`could not start ${entry}`);
  live.add(child);
  const lines: string[] = [];
  const changed = new EventEmitter();
  let tail = '';
  readline.createInterface({ input: child.stdout }).on('line', (line) => {
    options.onLine?.(line);
    lines.push(line);
    changed.emit('change');
  });
  child.stdout.on('data', (text: Buffer) => (tail = (tail + text.toString()).slice(-4096)));
  child.stderr.on('data', (text: Buffer) => (tail = (tail + text.toString()).slice(-4096)));
  child.stdin.on('error', () => undefined); // a child that has exited cannot be written to
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      live.delete(child);
      exitCode = code;
      changed.emit('change');
      resolve(code);
    }),
  );
  const stop = async (graceMs = 5000) => {
    if (exitCode !== undefined) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };
  const unregister = onCleanup(() => stop());
  void exited.then(() => unregister());
  const name = path.basename(entry);
  return {
    pid: child.pid,
    exited,
    lines,
    send: (line) => void (exitCode === undefined && child.stdin.write(`${line}\n`)),
    stop: (graceMs) => stop(graceMs).then(unregister),
    waitForLine: (match, what, timeoutMs) =>
      new Promise((resolve, reject) => {
        let cursor = 0;
        const finish = (settle: () => void) => {
          changed.off('change', check);
          clearTimeout(timer);
          settle();
        };
        function check() {
          for (; cursor < lines.length; cursor++) {
            const found = match(lines[cursor]!);
            if (found !== undefined) return finish(() => resolve(found));
          }
          if (exitCode !== undefined) finish(() => reject(new Error(`${name} exited (${exitCode}) before ${what}:\n${tail}`)));
        }
        const timer = setTimeout(() => finish(() => reject(new Error(`no ${what} from ${name} in ${timeoutMs} ms:\n${tail}`))), timeoutMs);
        changed.on('change', check);
        check();
      }),
  };
}

/** A line that is a JSON object with one of the given `type`s, as the benchmark's own children print them. */
export function jsonLine<T extends { type: string }>(...types: T['type'][]): (line: string) => T | undefined {
  return (line) => {
    if (!line.startsWith('{')) return undefined;
    try {
      const value = JSON.parse(line) as { type?: unknown };
      return types.includes(value.type as T['type']) ? (value as T) : undefined;
    } catch {
      return undefined;
    }
  };
}
