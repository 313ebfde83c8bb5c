import type { Page } from 'playwright-core';

/** What the site owner does on the Upload page, by the names a person sees. */
export class UploadPageDriver {
  constructor(readonly page: Page) {}

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.page.getByText('Drop files or whole folders here').waitFor();
  }

  async chooseFiles(paths: string[]): Promise<void> {
    await this.page.setInputFiles('[data-hook="file-input"]', paths);
    await this.page.locator('[data-hook="staged-row"]').first().waitFor();
  }

  async startUpload(): Promise<void> {
    await this.page.locator('[data-hook="start-upload"]').click();
  }

  /** A file's row in the queue; a failed file's name is an input there (it can be fixed before a retry). */
  row(name: string) {
    const rows = this.page.locator('[data-hook="queue-row"]');
    return rows.filter({ hasText: name }).or(rows.filter({ has: this.page.locator(`input[value="${name}"]`) }));
  }

  async waitForState(name: string, state: string, timeout = 60_000): Promise<void> {
    await this.row(name).locator('[data-hook="item-state"]', { hasText: state }).waitFor({ timeout });
  }

  /** The bytes the row says are done, as shown ("12.6 MB of 210 MB (6%)"). */
  async progressPercent(name: string): Promise<number> {
    const text = await this.row(name).locator('[data-hook="bytes-done"]').innerText();
    return Number(/\((\d+)%\)/.exec(text)?.[1] ?? NaN);
  }
}

/**
 * Drops files and folders from disk on the page's drop zone as a person's drag from the file
 * manager does (the DevTools protocol's drag events): the page reads dropped folders through their
 * real entries (webkitGetAsEntry), as it does for a person.
 */
export async function dropOnDropzone(page: Page, paths: string[]): Promise<void> {
  const zone = await page.locator('[data-hook="file-dropzone"]').boundingBox();
  if (!zone) throw new Error('the drop zone is not shown');
  const at = { x: zone.x + zone.width / 2, y: zone.y + zone.height / 2 };
  const data = { items: [], files: paths, dragOperationsMask: 1 };
  const cdp = await page.context().newCDPSession(page);
  try {
    for (const type of ['dragEnter', 'dragOver', 'drop'] as const) await cdp.send('Input.dispatchDragEvent', { type, ...at, data });
  } finally {
    await cdp.detach();
  }
}

/**
 * Every row of a virtualized table, read by scrolling its list from top to bottom: each row's
 * cells' text (an input's value for a name field), by row.
 */
export async function readVirtualizedRows(page: Page, rowHook: string): Promise<string[][]> {
  return page.evaluate(async (hook) => {
    const first = document.querySelector(`[data-hook="${hook}"]`);
    let list = first?.parentElement ?? null;
    while (list && !(list.scrollHeight > list.clientHeight && getComputedStyle(list).overflowY !== 'visible')) list = list.parentElement;
    if (!first || !list) return [];
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const rows = new Map<number, string[]>();
    const cellsOf = (row: Element) =>
      [...row.children].map((cell) => {
        const input = cell.querySelector('input:not([type="checkbox"])');
        return input instanceof HTMLInputElement ? input.value : (cell.textContent ?? '').trim();
      });
    for (let top = 0; ; top += list.clientHeight - 1) {
      list.scrollTop = top;
      await frame();
      for (const row of list.querySelectorAll(`[data-hook="${hook}"]`)) {
        const offset = Math.round((row as HTMLElement).offsetTop);
        if (!rows.has(offset)) rows.set(offset, cellsOf(row));
      }
      if (list.scrollTop + list.clientHeight >= list.scrollHeight) break;
    }
    return [...rows.entries()].sort(([a], [b]) => a - b).map(([, cells]) => cells);
  }, rowHook);
}
