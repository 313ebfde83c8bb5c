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
