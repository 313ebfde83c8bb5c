import fs from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/**
 * The Chromium the browser tests and benchmarks drive: CHROME_PATH, else an installed one
 * (Debian's chromium), else the one @sparticuz/chromium ships inside its npm package (decompressed
 * to the temp folder at first use), so `npm install && npm test` needs nothing else.
 * SKIP_SYSTEM_CHROMIUM=1 skips the installed ones, to check the packaged one.
 */
export async function chromiumPath(): Promise<string> {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) return fromEnv;
  const installed = process.env.SKIP_SYSTEM_CHROMIUM === '1' ? undefined : CANDIDATES.find((candidate) => fs.existsSync(candidate));
  if (installed) return installed;
  const packaged = await import('@sparticuz/chromium');
  return packaged.default.executablePath();
}

/** The flags this machine's Chromium needs: headless, and no calls out to Google's services. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: await chromiumPath(), args: CHROMIUM_FLAGS });
}

/** Limits how fast the page can send, like a slow uplink, through the DevTools protocol. */
export async function throttleUpload(context: BrowserContext, page: Page, bytesPerSecond: number): Promise<void> {
  const session = await context.newCDPSession(page);
  await session.send('Network.enable');
  await session.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: bytesPerSecond,
  });
}
