/** The app with its Upload page, in its own process (its memory is not the browser's), with its own data. */
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_DIR, startNodeChild } from '../child.js';
import { onCleanup } from '../cleanup.js';

export interface RunningApp {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** `npm start` builds the page with Vite first when a source file changed (~30 s, cached in dist-local/). */
const START_TIMEOUT_MS = 240_000;
const READY_LINE = /running on the local Wix at (http:\/\/127\.0\.0\.1:\d+)/;

/** Starts `local/main.ts` as test/support/child-app.ts does, with the dashboard on; `dataDir` is removed on stop. */
export async function startAppWithPage(dataDir: string): Promise<RunningApp> {
  fs.mkdirSync(dataDir, { recursive: true });
  const removeData = onCleanup(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const child = startNodeChild(path.join(PROJECT_DIR, 'local', 'main.ts'), {
    HOST: '127.0.0.1',
    PORT: '0',
    DATA_DIR: dataDir,
    PROCESSING_DELAY_MS: '0',
    DASHBOARD: 'on',
  });
  const stop = async () => {
    await child.stop();
    await removeData();
  };
  try {
    const url = await child.waitForLine((line) => READY_LINE.exec(line)?.[1], 'the app to start', START_TIMEOUT_MS);
    return { url, pid: child.pid, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
