import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestApp } from '../test/support/local-app.js';
import { uploadSmallFile } from '../test/support/upload-session.js';
import { launchChromium } from './support/browser.js';

type App = Awaited<ReturnType<typeof startTestApp>>;

/** A page whose script, if it ever ran, would ask the app's origin for the owner's token and say so. */
function hostilePage(appOrigin: string): string {
  return `<!doctype html><title>untouched</title><script>
document.title = 'ran';
fetch('${appOrigin}/_local/identities', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"subjectType":"USER"}' });
</script>`;
}

function hostileSvg(appOrigin: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" onload="fetch('${appOrigin}/_local/identities',{method:'POST'})"><script>document.title='ran'</script></svg>`;
}

/** Uploaded HTML and SVG never run as pages with access to the app's origin. */
describe('uploaded active content in Chromium', () => {
  let app: App;
  let browser: Browser;
  beforeAll(async () => {
    app = await startTestApp();
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it.each([
    ['page.html', 'text/html', hostilePage],
    ['page.xhtml', 'application/xhtml+xml', hostilePage],
    ['logo.svg', 'image/svg+xml', hostileSvg],
  ] as const)('%s opened at its URL is a download from the media origin, and its script never runs', async (name, mimeType, build) => {
    const owner = await app.issueToken('USER');
    const file = await uploadSmallFile(app.url, owner, { name, mimeType, bytes: Buffer.from(build(app.url)) });
    const url = String(file.url);
    expect(new URL(url).origin).not.toBe(app.url);

    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    const reachedApp: string[] = [];
    context.on('request', (request) => {
      if (request.url().startsWith(app.url)) reachedApp.push(request.url());
    });
    const download = page.waitForEvent('download', { timeout: 10_000 });
    await page.goto(url).catch(() => undefined);
    expect((await download).suggestedFilename()).toBe(name);
    await page.waitForTimeout(300);
    expect(reachedApp).toEqual([]);
    expect(await page.title()).not.toBe('ran');

    // Shown as an image by a page of the app's origin, an SVG's scripts do not run either.
    await page.goto(`${app.url}/_local/nothing-here`).catch(() => undefined);
    await page.setContent(`<img src="${url}">`);
    await page.waitForTimeout(300);
    expect(reachedApp.filter((request) => request.includes('/_local/identities'))).toEqual([]);
    await context.close();
  });
});
