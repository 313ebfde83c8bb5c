import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { PROJECT_DIR } from '../../../local/server.js';

export const UPLOADER_BIN = path.join(PROJECT_DIR, 'cli', 'bin.mjs');

export interface UploaderOutcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface UploaderProcess {
  child: ChildProcess;
  done: Promise<UploaderOutcome>;
}

const running = new Set<ChildProcess>();

/**
 * Runs `resumable-upload` as a user would, in `cwd`, with no Wix site credentials unless `env`
 * gives them, and in English (the C locale) unless `env` or `--lang` says otherwise.
 */
export function startUploader(args: readonly string[], cwd: string, env: Record<string, string> = {}): UploaderProcess {
  const { WIX_SITE_ID: _siteId, WIX_API_KEY: _apiKey, LC_ALL: _all, LC_MESSAGES: _messages, LANG: _lang, ...inherited } = process.env;
  const child = spawn(process.execPath, [UPLOADER_BIN, ...args], {
    cwd,
    env: { ...inherited, LANG: 'C.UTF-8', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<UploaderOutcome>((resolve) => {
    child.once('close', (code, signal) => {
      running.delete(child);
      resolve({ code, signal, stdout, stderr });
    });
  });
  return { child, done };
}

export function runUploader(args: readonly string[], cwd: string, env: Record<string, string> = {}): Promise<UploaderOutcome> {
  return startUploader(args, cwd, env).done;
}

/** Ends any uploader a failed test left running. */
export async function killUploaders(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolve) => {
          child.once('close', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
}

/** Every stdout line of a --json run, parsed (a line that is not JSON fails the test). */
export function jsonLines(stdout: string): Array<Record<string, unknown>> {
  return stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
