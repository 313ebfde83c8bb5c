import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { startApp } from './lib/app.js';
import { runSuite } from './lib/harness.js';
import { openPage, EVENT_MARKS } from './lib/chromium.js';
import { writeRandomFile, MIB } from './lib/measure.js';
import { openLink } from './suites/link-contenders.js';
import { UploadPageDriver } from '../e2e/support/dashboard.js';

runSuite('debug', async ({ tempDir }) => {
  const app = await startApp(path.join(tempDir, 'app'), { DASHBOARD: 'on' });
  const f = writeRandomFile(path.join(tempDir, 'in'), 'a.bin', 40 * MIB);
  const link = await openLink(app, { bytesPerSecond: 12.5e6, rttMs: 80, cutEveryBytes: null, refuseMs: 0 });
  for (let i = 0; i < 3; i++) {
    const { page, cdp, close } = await openPage(link.chromium.browser, `${app.origin}/dashboard`, [
      EVENT_MARKS,
      `(() => { const f = window.fetch; window.__fl = []; window.fetch = function (...a) { window.__fl.push([performance.now(), String(a[0]).slice(-40)]); return f.apply(this, a); }; const o = XMLHttpRequest.prototype.send; XMLHttpRequest.prototype.send = function (...a) { window.__fl.push([performance.now(), 'xhr ' + (a[0] && a[0].size)]); return o.apply(this, a); }; })()`,
    ]);
    const d = new UploadPageDriver(page);
    await page.getByText('Drop files or whole folders here').waitFor();
    await d.chooseFiles([f.path]);
    await sleep(1000);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    link.proxy.resetCounters();
    const t0 = performance.now();
    await d.startUpload();
    while (!link.proxy.counters().requests.some((r) => r.line.startsWith('PATCH'))) await sleep(5);
    const { profile } = await cdp.send('Profiler.stop');
    const c = link.proxy.counters();
    console.log(
      await page.evaluate(
        `(() => { const c = window.__benchMarks['click:start-upload']; return window.__fl.filter((x) => x[0] > c - 5).map((x) => (x[0] - c).toFixed(0) + ' ' + x[1]); })()`,
      ),
    );
    console.log(
      c.requests.map((r) => `${(r.atMs - t0).toFixed(0)} ${r.line.slice(0, 50)}`),
      c.responses.map((r) => `${(r.atMs - t0).toFixed(0)} ${r.line}`),
    );
    const self = new Map<string, number>();
    const dt = profile.timeDeltas ?? [];
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    profile.samples?.forEach((id, k) => {
      const n = byId.get(id)!;
      const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}:${n.callFrame.columnNumber}`;
      self.set(key, (self.get(key) ?? 0) + (dt[k] ?? 0) / 1000);
    });
    console.log(
      [...self]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 15)
        .map(([k, v]) => `${v.toFixed(1)} ms ${k}`)
        .join('\n'),
    );
    await close();
  }
  return { targets: [], tables: [] };
});
