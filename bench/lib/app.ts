/**
 * The local app as `npm start` runs it (compiled, no TypeScript loader), in a process of its own
 * so its memory is its own; and the HTTP clients of it the benchmark shares with the CLI and the tests.
 */
import fs from 'node:fs';
import path from 'node:path';
import { APP_ENTRY, APP_NODE_ARGS, READY_LINE } from '../../local/app-command.js';
import { signInToLocalSite } from '../../clients/local-wix.js';
import { webMethodsBackend } from '../../clients/upload-backends.js';
import { callWebMethod } from '../../clients/web-methods.js';
import { onCleanup, PROJECT_DIR, startNodeChild } from './harness.js';

export { callWebMethod, signInToLocalSite, webMethodsBackend };

export interface RunningApp {
  origin: string;
  pid: number;
  /** A site owner's token (what the dashboard's own session has). */
  ownerToken: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** Generous: `npm start` builds the dashboard with Vite first when a source file changed. */
const START_TIMEOUT_MS = 180_000;

/** Starts the app with its own `dataDir` (removed on stop); PROCESSING_DELAY_MS=0 unless `env` says otherwise. */
export async function startApp(dataDir: string, env: Record<string, string> = {}): Promise<RunningApp> {
  fs.mkdirSync(dataDir, { recursive: true });
  const removeData = onCleanup(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const child = startNodeChild(
    path.join(PROJECT_DIR, APP_ENTRY),
    { HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir, PROCESSING_DELAY_MS: '0', DASHBOARD: 'off', ...env },
    { nodeArgs: APP_NODE_ARGS },
  );
  const stop = async () => {
    await child.stop();
    await removeData();
  };
  try {
    const origin = await child.waitForLine((line) => READY_LINE.exec(line)?.[1], 'the app to start', START_TIMEOUT_MS);
    return { origin, pid: child.pid, ownerToken: await signInToLocalSite(origin), dataDir, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
