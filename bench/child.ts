import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { onCleanup } from './cleanup.js';

export const PROJECT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** A Node process running a TypeScript entry point through tsx, as `npm start` runs the app. */
export interface NodeChild {
  pid: number;
  /** Resolves with the first stdout line (from the start) that `match` accepts. */
  waitForLine<T>(match: (line: string) => T | undefined, what: string, timeoutMs: number): Promise<T>;
  /** Writes one line to the child's stdin. */
  send(line: string): void;
  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`. */
  stop(graceMs?: number): Promise<void>;
  readonly exited: Promise<number | null>;
}

const live = new Set<ChildProcess>();
// The last resort if the harness exits without its cleanup (e.g. process.exit elsewhere).
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

const OUTPUT_TAIL = 4096;

export function startNodeChild(entry: string, env: Record<string, string>, nodeArgs: readonly string[] = ['--import', 'tsx']): NodeChild {
  const child = spawn(process.execPath, [...nodeArgs, entry], {
    cwd: PROJECT_DIR,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error(`could not start ${entry}`);
  live.add(child);
  const lines: string[] = [];
  let partial = '';
  let tail = '';
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const listener of listeners) listener();
  };
  child.stdout.setEncoding('utf8').on('data', (text: string) => {
    tail = (tail + text).slice(-OUTPUT_TAIL);
    const parts = (partial + text).split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
    notify();
  });
  child.stderr.setEncoding('utf8').on('data', (text: string) => {
    tail = (tail + text).slice(-OUTPUT_TAIL);
  });
  child.stdin.on('error', () => undefined); // a child that has exited cannot be written to
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      live.delete(child);
      exitCode = code;
      notify();
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

  return {
    pid: child.pid,
    exited,
    send(line) {
      if (exitCode === undefined) child.stdin.write(`${line}\n`);
    },
    stop: async (graceMs) => {
      await stop(graceMs);
      await unregister();
    },
    waitForLine(match, what, timeoutMs) {
      return new Promise((resolve, reject) => {
        let cursor = 0;
        const finish = (settle: () => void) => {
          listeners.delete(check);
          clearTimeout(timer);
          settle();
        };
        const check = () => {
          for (; cursor < lines.length; cursor++) {
            const found = match(lines[cursor]!);
            if (found !== undefined) return finish(() => resolve(found));
          }
          if (exitCode !== undefined) {
            finish(() => reject(new Error(`${path.basename(entry)} exited (${exitCode}) before ${what}:\n${tail}`)));
          }
        };
        const timer = setTimeout(
          () =>
            finish(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what} from ${path.basename(entry)}:\n${tail}`))),
          timeoutMs,
        );
        listeners.add(check);
        check();
      });
    },
  };
}

/** A line that is a JSON object with the given `type`, as the benchmark's own children print them. */
export function jsonLine<T extends { type: string }>(type: T['type']): (line: string) => T | undefined {
  return (line) => {
    if (!line.startsWith('{')) return undefined;
    try {
      const value = JSON.parse(line) as { type?: unknown };
      return value.type === type ? (value as T) : undefined;
    } catch {
      return undefined;
    }
  };
}
