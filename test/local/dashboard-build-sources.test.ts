import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DASHBOARD_SOURCES } from '../../local/dashboard-host/build.js';

const projectDir = path.resolve(import.meta.dirname, '..', '..');

describe('the local dashboard build', () => {
  // A source that is gone (moved by a refactor) would make every start with the dashboard fail.
  it('knows its sources by paths that exist', () => {
    expect(DASHBOARD_SOURCES.filter((source) => !fs.existsSync(path.join(projectDir, source)))).toEqual([]);
  });
});
