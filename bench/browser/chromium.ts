/** Debian's Chromium through playwright-core, launched as the e2e tests launch it, and a fresh Upload page per measurement. */
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';
import { CHROMIUM_FLAGS as E2E_FLAGS, chromiumPath } from '../../e2e/support/browser.js';
import { onCleanup } from '../cleanup.js';

/** The e2e tests' flags, plus precise `performance.memory` (the heap itself is read over CDP). */
export const CHROMIUM_FLAGS = [...E2E_FLAGS, '--enable-precise-memory-info'];

const LAUNCH_TIMEOUT_MS = 60_000;
const PAGE_TIMEOUT_MS = 60_000;
const VIEWPORT = { width: 1280, height: 1000 };

export interface LaunchedChromium {
  browser: Browser;
  executablePath: string;
  version: string;
  close(): Promise<void>;
}

/** Launches Chromium (with `extraArgs` after the usual flags); it is closed by `close()` or by the benchmark's cleanup on any exit path. */
export async function launchBenchChromium(extraArgs: readonly string[] = []): Promise<LaunchedChromium> {
  const executablePath = await chromiumPath();
  const browser = await chromium.launch({
    executablePath,
    args: [...CHROMIUM_FLAGS, ...extraArgs],
    timeout: LAUNCH_TIMEOUT_MS,
    // The benchmark's own handlers stop everything (the browser included) on Ctrl+C and SIGTERM.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  const close = onCleanup(() => browser.close());
  return { browser, executablePath, version: browser.version(), close };
}

export interface UploadPage {
  page: Page;
  /** A DevTools session on the page: heap, GC, metrics, network conditions. */
  cdp: CDPSession;
}

/** Runs before the page's own scripts: no run can resume (or be refused as a duplicate of) another's upload. */
const CLEAR_STORAGE = 'try { localStorage.clear(); } catch {}';

/**
 * Runs `use` on the Upload page in a fresh browser context (its own storage and cache), with its
 * localStorage cleared and `initScripts` installed before the page's own scripts; the context is
 * closed afterwards.
 */
export async function withUploadPage<T>(
  browser: Browser,
  url: string,
  initScripts: string[],
  use: (page: UploadPage) => Promise<T>,
): Promise<T> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    for (const script of [CLEAR_STORAGE, ...initScripts]) await context.addInitScript({ content: script });
    const page = await context.newPage();
    page.setDefaultTimeout(PAGE_TIMEOUT_MS);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(url, { timeout: PAGE_TIMEOUT_MS });
    await page.getByText('Drop files or whole folders here').waitFor();
    return await use({ page, cdp });
  } finally {
    await context.close();
  }
}
