import path from 'node:path';
import { startApp } from './lib/app.js';
import { runSuite } from './lib/harness.js';
import { writeRandomFile, MIB } from './lib/measure.js';
import { openLink, seedChromiumRun, pageRun } from './suites/link-contenders.js';

runSuite('debug', async ({ tempDir }) => {
  const app = await startApp(path.join(tempDir, 'app'), { DASHBOARD: 'on' });
  const f = writeRandomFile(path.join(tempDir, 'in'), 'a.bin', 256 * MIB);
  const w = writeRandomFile(path.join(tempDir, 'in'), 'w.bin', 1 * MIB);
  const link = await openLink(app, { bytesPerSecond: 12.5e6, rttMs: 80, cutEveryBytes: null, refuseMs: 0 });
  await pageRun(link, [w]); await seedChromiumRun(link, [w]);
  for (let i = 0; i < 2; i++) {
    for (const run of [seedChromiumRun, pageRun]) {
      const r = await run(link, [f]);
      const c = r.counters;
      console.log(r.contender, r.ms.toFixed(0), 'idle', c.upIdleGapsMs.map((x) => x.toFixed(0)).join(','), '\n ', c.requests.map((q) => `${(q.atMs - r.startAt).toFixed(0)} ${q.line.slice(0, 28)}`).join(' | '), '\n ', c.responses.map((q) => `${(q.atMs - r.startAt).toFixed(0)} ${q.line}`).join(' | '), 'end', (r.endAt - r.startAt).toFixed(0));
    }
  }
  return { targets: [], tables: [] };
});
