import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { PROJECT_DIR } from '../../local/server.js';
import { APP_ENTRY, APP_NODE_ARGS, READY_LINE } from '../../local/app-command.js';

export interface ChildApp {
  url: string;
  port: number;
  mediaUrl: string;
  mediaPort: number;
  process: ChildProcess;
  /** Ends the process at once, like a crash or a power cut of the server. */
  kill(): Promise<void>;
}

/** Runs `npm start`'s entry point in its own process, as a user would, with the given environment. */
export function startChildApp(env: Record<string, string>): Promise<ChildApp> {
  const child = spawn(process.execPath, [...APP_NODE_ARGS, path.join(PROJECT_DIR, APP_ENTRY)], {
    cwd: PROJECT_DIR,
    env: { ...process.env, HOST: '127.0.0.1', DASHBOARD: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the app did not start in time:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = READY_LINE.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      resolve({
        url: match[1]!,
        port: Number(match[2]),
        mediaUrl: match[3]!,
        mediaPort: Number(match[4]),
        process: child,
        async kill() {
          child.kill('SIGKILL');
          await exited;
        },
      });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the app exited with ${code}:\n${output}`));
    });
  });
}
