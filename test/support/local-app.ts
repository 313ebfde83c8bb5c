import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalApp, type LocalApp } from '../../local/server.js';
import { DEFAULT_CONFIG, type LocalWixConfig } from '../../local/emulator/platform/config.js';

export function tempDir(prefix = 'rmu-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Starts the whole local product in this process on a free 127.0.0.1 port with its own data. */
export async function startTestApp(overrides: Partial<LocalWixConfig> = {}): Promise<LocalApp & { dataDir: string }> {
  const dataDir = overrides.dataDir ?? tempDir();
  const app = await startLocalApp({ ...DEFAULT_CONFIG, port: 0, processingDelayMs: 50, dashboard: false, ...overrides, dataDir });
  return Object.assign(app, { dataDir });
}
