import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { PROJECT_DIR } from '../../local/server.js';
import { findDashboardPages } from '../../local/dashboard-host/dashboard-pages.js';
import { tempDir } from '../support/local-app.js';

/** The shell commands of a section of docs/EXTENDING.md: its first ```sh block. */
function recipeOf(section: string): string {
  const doc = fs.readFileSync(path.join(PROJECT_DIR, 'docs', 'EXTENDING.md'), 'utf8');
  const start = doc.indexOf(`## ${section}`);
  expect(start, `a "## ${section}" section`).toBeGreaterThanOrEqual(0);
  const block = /```sh\n([\s\S]*?)```/.exec(doc.slice(start, doc.indexOf('\n## ', start + 3) >>> 0 || undefined));
  expect(block, `a sh block in "${section}"`).not.toBeNull();
  return block![1]!;
}

/** A project laid out as this one, sharing its sources (symbolic links) but with a pages folder of its own. */
function projectCopy(): string {
  const dir = tempDir('rmu-recipe-');
  const link = (from: string, to: string) => fs.symlinkSync(path.join(PROJECT_DIR, from), path.join(dir, to));
  link('examples', 'examples');
  link('node_modules', 'node_modules');
  fs.mkdirSync(path.join(dir, 'src', 'dashboard', 'pages'), { recursive: true });
  for (const entry of fs.readdirSync(path.join(PROJECT_DIR, 'src'))) if (entry !== 'dashboard') link(`src/${entry}`, `src/${entry}`);
  for (const entry of fs.readdirSync(path.join(PROJECT_DIR, 'src', 'dashboard')))
    if (entry !== 'pages') link(`src/dashboard/${entry}`, `src/dashboard/${entry}`);
  return dir;
}

describe('the "Add a dashboard page" recipe of docs/EXTENDING.md', () => {
  it('copies the example page as the docs say, and the page builds where it lands', { timeout: 180_000 }, () => {
    const project = projectCopy();
    const copied = spawnSync('bash', ['-euo', 'pipefail', '-c', recipeOf('Add a dashboard page')], { cwd: project, encoding: 'utf8' });
    expect(copied.stderr).toBe('');
    expect(copied.status).toBe(0);
    const pagesDir = path.join(project, 'src', 'dashboard', 'pages');
    expect(findDashboardPages([pagesDir]).map(({ title, route }) => ({ title, route }))).toEqual([
      { title: 'Quick upload', route: 'quick-upload' },
    ]);

    // The local dashboard's own build (Vite, as `npm start` runs it), of that pages folder alone.
    const out = path.join(tempDir('rmu-recipe-build-'), 'dist');
    const built = spawnSync(
      process.execPath,
      ['--import', 'tsx', path.join(PROJECT_DIR, 'local', 'dashboard-host', 'build-main.ts'), PROJECT_DIR, out, pagesDir],
      { cwd: PROJECT_DIR, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' } },
    );
    expect(built.stderr).not.toMatch(/error|failed to resolve/i);
    expect(built.status).toBe(0);
    expect(fs.readdirSync(path.join(out, 'assets')).some((file) => file.startsWith('page'))).toBe(true);
  });
});
