import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The environment variable naming the folder that holds every temp folder of one test run. */
export const TEST_TEMP_ROOT_VARIABLE = 'RMU_TEST_TEMP_ROOT';

/**
 * Vitest global setup: one folder for all the temp folders the run's tests make (data dirs of
 * local apps, generated files), removed when the run ends, whatever a test left behind. Test
 * workers are started after this and inherit the variable.
 */
export default function setup(): () => void {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rmu-tests-'));
  process.env[TEST_TEMP_ROOT_VARIABLE] = root;
  return () => fs.rmSync(root, { recursive: true, force: true });
}
