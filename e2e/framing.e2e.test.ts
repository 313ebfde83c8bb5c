import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestApp } from '../test/support/local-app.js';
import { launchChromium } from './support/browser.js';

type App = Awaited<ReturnType<typeof startTestApp>>;

/**
 * The local dashboard signs in as the site owner: a page of another origin that frames it could
 * have the owner click in an invisible frame. Chromium must refuse to show it there; the app's own
 * pages may still frame each other.
 */
describe('another origin cannot frame the local pages, in Chromium', () => {
  let app: App;
  let browser: Browser;
  let attacker: http.Server;
  let attackerOrigin = '';

  beforeAll(async () => {
    app = await startTestApp({ dashboard: true });
    attacker = http.createServer((req, res) => {
      const target = new URL(req.url ?? '/', 'http://x').searchParams.get('target') ?? '';
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end(`<!doctype html><iframe name="victim" src="${target}" style="opacity:0.01;width:1200px;height:800px"></iframe>`);
    });
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
    // Another port is another origin; "localhost" also differs from the app's 127.0.0.1 by name.
    attackerOrigin = `http://localhost:${(attacker.address() as AddressInfo).port}`;
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => attacker?.close(resolve));
    await app?.close();
  });

  for (const path of ['/dashboard', '/site', '/site/editor']) {
    it(`leaves ${path} empty in a frame of another origin`, async () => {
      const page = await browser.newPage();
      const blocked = new Promise<boolean>((resolve) => {
        page.on('console', (message) => {
          if (/frame-ancestors|X-Frame-Options|Refused to display/i.test(message.text())) resolve(true);
        });
        setTimeout(() => resolve(false), 10_000);
      });
      await page.goto(`${attackerOrigin}/?target=${encodeURIComponent(`${app.url}${path}`)}`);
      expect(await blocked).toBe(true);
      // A refused frame shows Chromium's error page, never the app: no tab, no button of the app in it.
      // (Chromium may drop the refused frame's name with its document, so it is found as the only child.)
      const [frame] = page.mainFrame().childFrames();
      expect(frame).toBeDefined();
      expect(await frame?.locator('[role="tab"], button, [data-hook]').count()).toBe(0);
      await page.close();
    });
  }
});
