import path from 'node:path';
import { PROJECT_DIR, startNodeChild, jsonLine, type NodeChild } from '../child.js';
import type { ContenderId } from '../protocol.js';
import { APP_ENTRY, APP_NODE_ARGS, READY_LINE } from '../../local/app-command.js';
import { PEER_TUS_PATH, RAW_PUT_PATH } from './endpoints.js';
import { signInToLocalSite } from '../../clients/local-wix.js';
import type { ListeningMessage } from './serve.js';

export interface RunningServer {
  pid: number;
  /** What the client is given: see ClientJob.endpoint. */
  endpoint: string;
  token?: string;
  stop(): Promise<void>;
}

/** Generous: `npm start` builds the dashboard with Vite first when a source file changed. */
const START_TIMEOUT_MS = 180_000;

async function startBenchServer(entry: string, dataDir: string, pathPrefix: string): Promise<RunningServer> {
  const child = startNodeChild(path.join(PROJECT_DIR, 'bench', 'servers', entry), { BENCH_DATA_DIR: dataDir });
  const { url } = await untilStarted(child, child.waitForLine(jsonLine<ListeningMessage>('listening'), 'listening', START_TIMEOUT_MS));
  return { pid: child.pid, endpoint: `${url}${pathPrefix}`, stop: () => child.stop() };
}

/** The local app as `npm start` runs it (see test/support/child-app.ts), with its own data; resolves once it serves. */
export async function startAppChild(dataDir: string, env: Record<string, string> = {}): Promise<{ child: NodeChild; origin: string }> {
  const child = startNodeChild(
    path.join(PROJECT_DIR, APP_ENTRY),
    { HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir, PROCESSING_DELAY_MS: '0', ...env },
    APP_NODE_ARGS,
  );
  const origin = await untilStarted(
    child,
    child.waitForLine((line) => READY_LINE.exec(line)?.[1], 'the app to start', START_TIMEOUT_MS),
  );
  return { child, origin };
}

async function startLocalApp(dataDir: string): Promise<RunningServer> {
  const { child, origin } = await startAppChild(dataDir);
  const token = await untilStarted(child, signInToLocalSite(origin));
  return { pid: child.pid, endpoint: origin, token, stop: () => child.stop() };
}

async function untilStarted<T>(child: NodeChild, started: Promise<T>): Promise<T> {
  try {
    return await started;
  } catch (error) {
    await child.stop();
    throw error;
  }
}

function startOnce(contender: ContenderId, dataDir: string): Promise<RunningServer> {
  switch (contender) {
    case 'raw':
      return startBenchServer('raw-sink.ts', dataDir, RAW_PUT_PATH);
    case 'peer':
      return startBenchServer('peer-server.ts', dataDir, PEER_TUS_PATH);
    case 'tus-on-app':
    case 'ours':
      return startLocalApp(dataDir);
  }
}

/** Starts the contender's server; a start that fails (not a measurement) is tried once more. */
export async function startServer(contender: ContenderId, dataDir: string): Promise<RunningServer> {
  try {
    return await startOnce(contender, dataDir);
  } catch (error) {
    console.error(
      `The ${contender} server did not start (${error instanceof Error ? error.message.trim() : String(error)}); trying once more.`,
    );
    return startOnce(contender, dataDir);
  }
}
