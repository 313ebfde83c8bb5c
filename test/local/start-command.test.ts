import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_DIR } from '../../local/server.js';
import { START_SCRIPT } from '../../local/app-command.js';

describe('npm start', () => {
  it('runs the app exactly as the child-process tests and the benchmarks start it', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.start).toBe(START_SCRIPT);
  });
});
