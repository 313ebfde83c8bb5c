import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findDashboardPages } from '../../local/dashboard-host/dashboard-pages.js';
import { pageAtPath, pathOfRoute } from '../../local/dashboard-host/page-routes.js';
import { tempDir } from '../support/local-app.js';
import { configFromEnv } from '../../local/emulator/platform/local-wix-config.js';
import { dashboardPagesOf, THIS_APP } from '../../local/server.js';

const ID = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function writePage(pagesDir: string, folder: string, metadata: unknown, component = true): void {
  const dir = path.join(pagesDir, folder);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'page.json'), typeof metadata === 'string' ? metadata : JSON.stringify(metadata));
  if (component) fs.writeFileSync(path.join(dir, 'page.tsx'), 'export default () => null;\n');
}

describe('finding the dashboard pages of an app, as the Wix CLI lays them out', () => {
  const dirs: string[] = [];
  const pagesDir = () => {
    const dir = tempDir('rmu-pages-');
    dirs.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('routes each page by its folder, the root folder being the main page, and keeps additional routes', () => {
    const dir = pagesDir();
    writePage(dir, '.', { id: ID(1), title: 'Main' });
    writePage(dir, 'reports', { id: ID(2), title: 'Reports', additionalRoutes: ['/stats/'] });
    writePage(dir, 'reports/monthly', { id: ID(3), title: 'Monthly' });
    fs.writeFileSync(path.join(dir, 'reports', 'helper.tsx'), 'export const x = 1;\n');

    const pages = findDashboardPages([dir, path.join(dir, 'not-there')]);
    expect(pages.map(({ title, route, additionalRoutes }) => ({ title, route, additionalRoutes }))).toEqual([
      { title: 'Main', route: '', additionalRoutes: [] },
      { title: 'Reports', route: 'reports', additionalRoutes: ['stats'] },
      { title: 'Monthly', route: 'reports/monthly', additionalRoutes: [] },
    ]);
    expect(pages[1]?.component).toBe(path.join(dir, 'reports', 'page.tsx'));

    expect(pageAtPath(pages, '/dashboard')?.title).toBe('Main');
    expect(pageAtPath(pages, '/dashboard/')?.title).toBe('Main');
    expect(pageAtPath(pages, '/dashboard/reports/monthly')?.title).toBe('Monthly');
    expect(pageAtPath(pages, '/dashboard/stats')?.title).toBe('Reports');
    expect(pageAtPath(pages, '/dashboard/nothing')).toBeUndefined();
    expect(pageAtPath(pages, '/dashboardreports')).toBeUndefined();
    expect(pageAtPath(pages, '/site')).toBeUndefined();
    expect(pathOfRoute('')).toBe('/dashboard');
    expect(pathOfRoute('/reports/')).toBe('/dashboard/reports');
  });

  it('refuses a page the Wix build would refuse, naming its file and what is wrong', () => {
    const cases: Array<[(dir: string) => void, RegExp]> = [
      [(dir) => writePage(dir, 'a', { id: ID(1), title: 'A' }, false), /a[/\\]page\.json: there is no page\.tsx beside it/],
      [(dir) => writePage(dir, 'a', '{ not json'), /a[/\\]page\.json: not valid JSON/],
      [(dir) => writePage(dir, 'a', { id: 'page-a', title: 'A' }), /"id" must be a GUID/],
      [(dir) => writePage(dir, 'a', { id: ID(1), title: ' ' }), /"title" must be a non-empty string/],
      [(dir) => writePage(dir, 'a', { id: ID(1), title: 'A', additionalRoutes: 'b' }), /"additionalRoutes" must be a list of routes/],
      [
        (dir) => {
          writePage(dir, 'a', { id: ID(1), title: 'A' });
          writePage(dir, 'b', { id: ID(1), title: 'B' });
        },
        /b[/\\]page\.tsx: page id .* is also the id of .*a[/\\]page\.tsx/,
      ],
      [
        (dir) => {
          writePage(dir, 'a', { id: ID(1), title: 'A', additionalRoutes: ['b'] });
          writePage(dir, 'b', { id: ID(2), title: 'B' });
        },
        /b[/\\]page\.tsx: its route is also a route of .*a[/\\]page\.tsx/,
      ],
    ];
    for (const [write, error] of cases) {
      const dir = pagesDir();
      write(dir);
      expect(() => findDashboardPages([dir])).toThrow(error);
    }
  });
});

describe('the pages `npm start` hosts', () => {
  it("hosts the app's pages, and with EXAMPLES=on the example pages of docs/EXTENDING.md beside them", () => {
    const titles = (env: NodeJS.ProcessEnv) => findDashboardPages(dashboardPagesOf(THIS_APP, configFromEnv(env))).map((page) => page.title);
    expect(titles({})).toEqual(['Large file uploads']);
    expect(titles({ EXAMPLES: 'on' })).toEqual(['Large file uploads', 'Quick upload']);
  });
});
