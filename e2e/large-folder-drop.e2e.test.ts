import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, tempDir } from '../test/support/local-app.js';
import { waitFor } from '../test/support/wix-http.js';
import { launchChromium } from './support/browser.js';
import { dropOnDropzone, readVirtualizedRows, UploadPageDriver } from './support/dashboard.js';
import { writeFolderTree, type FolderTree } from './support/folder-tree.js';

type App = Awaited<ReturnType<typeof startTestApp>>;
interface Listed<K extends string> {
  [key: string]: unknown;
  nextCursor?: { cursors?: { next?: string } };
  folders?: K extends 'folders' ? { id: string; displayName: string }[] : never;
  files?: K extends 'files' ? { id: string; displayName: string }[] : never;
}

describe('a dropped tree of 10,000 files, 40 levels deep, in Chromium', () => {
  let app: App;
  let browser: Browser;
  let token: string;
  const dir = tempDir('rmu-e2e-tree-');

  beforeAll(async () => {
    app = await startTestApp({ dashboard: true });
    token = await app.issueToken('USER');
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  /** Every page of a Media Manager listing of the local Wix. */
  async function listAll<K extends 'folders' | 'files'>(kind: K, parentFolderId: string): Promise<{ id: string; displayName: string }[]> {
    const found: { id: string; displayName: string }[] = [];
    let cursor: string | undefined;
    do {
      const query = new URLSearchParams({ parentFolderId, 'paging.limit': '100', ...(cursor ? { 'paging.cursor': cursor } : {}) });
      const page = (await fetch(`${app.url}/site-media/v1/${kind}?${query}`, { headers: { Authorization: token } }).then((r) =>
        r.json(),
      )) as Listed<K>;
      found.push(...((page[kind] as { id: string; displayName: string }[] | undefined) ?? []));
      cursor = page.nextCursor?.cursors?.next;
    } while (cursor);
    return found;
  }

  /** The Upload page in a fresh context, with the tree dropped on it; the context is closed after `use`. */
  async function withDropped(tree: FolderTree, use: (page: Page) => Promise<void>): Promise<void> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const page = await context.newPage();
      await new UploadPageDriver(page).open(app.url);
      await dropOnDropzone(page, [tree.top]);
      await use(page);
    } finally {
      await context.close();
    }
  }

  it('stages every file with its folders, and none is refused for its depth', async () => {
    const tree = writeFolderTree(dir, 'archive', 10_000, 40);
    await withDropped(tree, async (page) => {
      // Every file is staged by its name and folders first, then its size is read from its metadata.
      await page.getByText('Files to upload (10,000)').waitFor({ timeout: 120_000 });
      await page.locator('[data-hook="staged-reading"]').waitFor({ state: 'detached', timeout: 120_000 });
      // Every file passes the checks, its size known: none is refused for its depth.
      await page.getByRole('button', { name: /^Upload 10,?000 files$/ }).waitFor();

      const rows = await readVirtualizedRows(page, 'staged-row');
      expect(rows).toHaveLength(10_000);
      const staged = new Map(rows.map((cells) => [cells[1], cells[2]]));
      for (const file of tree.files) expect(staged.get(file.name), file.name).toBe(`Media Manager / ${file.folderPath}`);
      // Ready, or still being looked up in the Media Manager for duplicates (listing 41 folders takes a while): never
      // refused, and never left unchecked (the check takes the same folder trees the upload makes).
      const states = new Set(rows.map((cells) => cells[4]));
      expect(states.has('Ready')).toBe(true);
      expect([...states].filter((state) => state !== 'Ready' && state !== 'Checking the Media Manager…')).toEqual([]);
    });
  }, 600_000); // reading 10,000 rows back from the virtualized list takes minutes on a loaded machine

  it('uploads a deep tree into the Media Manager, each folder made once, Upload clicked before its sizes are read', async () => {
    const tree = writeFolderTree(dir, 'deep', 120, 40);
    await withDropped(tree, async (page) => {
      // Upload takes the files at once: each goes to the queue once its size is read, it is checked and opened.
      await page.getByRole('button', { name: 'Upload 120 files' }).click();

      // Each level of the tree is one folder, holding its three files, and nothing else was made.
      let parent = 'media-root';
      for (const folderPath of tree.folders) {
        const name = folderPath.split('/').at(-1)!;
        const listedIn = parent;
        // Made once the files' check for duplicates has answered: waited for, then counted.
        const named = await waitFor(
          async () => {
            const found = (await listAll('folders', listedIn)).filter((folder) => folder.displayName === name);
            return found.length > 0 ? found : undefined;
          },
          `the folder ${folderPath}`,
          120_000,
        );
        expect(named, folderPath).toHaveLength(1);
        parent = named[0]!.id;
        const expected = tree.files.filter((file) => file.folderPath === folderPath).map((file) => file.name);
        const arrived = await waitFor(
          async () => {
            const names = (await listAll('files', parent)).map((file) => file.displayName).sort();
            return names.length >= expected.length ? names : undefined;
          },
          `the files of ${folderPath}`,
          120_000,
        );
        expect(arrived).toEqual(expected.sort());
      }
      expect(await listAll('folders', parent)).toEqual([]);
    });
  }, 300_000);
});
