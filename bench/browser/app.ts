/** The app with its Upload page, in its own process (its memory is not the browser's), with its own data. */
import fs from 'node:fs';
import { startAppChild } from '../servers/start.js';
import { onCleanup } from '../cleanup.js';

export interface RunningApp {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** Starts the app as `npm start` does, with the dashboard on; `dataDir` is removed on stop. */
export async function startAppWithPage(dataDir: string): Promise<RunningApp> {
  fs.mkdirSync(dataDir, { recursive: true });
  const removeData = onCleanup(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  try {
    const { child, origin } = await startAppChild(dataDir, { DASHBOARD: 'on' });
    return {
      url: origin,
      pid: child.pid,
      async stop() {
        await child.stop();
        await removeData();
      },
    };
  } catch (error) {
    await removeData();
    throw error;
  }
}
