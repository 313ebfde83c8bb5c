import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalApp, THIS_APP, type AppProject, type LocalApp } from '../../local/server.js';
import { DEFAULT_CONFIG, type LocalWixConfig } from '../../local/emulator/platform/local-wix-config.js';
import { TEST_TEMP_ROOT_VARIABLE } from './temp-root.js';

/** A new temp folder, inside the test run's own folder (removed when the run ends: test/support/temp-root.ts). */
export function tempDir(prefix = 'rmu-test-'): string {
  return fs.mkdtempSync(path.join(process.env[TEST_TEMP_ROOT_VARIABLE] ?? os.tmpdir(), prefix));
}

/**
 * Starts the whole local product in this process on a free 127.0.0.1 port with its own data; by
 * default this app, or another project laid out the same way (test/fixtures).
 */
export async function startTestApp(
  overrides: Partial<LocalWixConfig> = {},
  project: AppProject = THIS_APP,
): Promise<LocalApp & { dataDir: string }> {
  const dataDir = overrides.dataDir ?? tempDir();
  const app = await startLocalApp({ ...DEFAULT_CONFIG, port: 0, processingDelayMs: 50, dashboard: false, ...overrides, dataDir }, project);
  return Object.assign(app, { dataDir });
}
