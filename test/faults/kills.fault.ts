import crypto from 'node:crypto';
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryResumeStore } from '../../src/upload-engine/resume/resume-store.js';
import { sourceFromPath } from '../../src/upload-engine/node/node-source.js';
import { UploadQueue } from '../../src/upload-engine/queue/upload-queue.js';
import { startChildApp, type ChildApp } from '../support/child-app.js';
import { tempDir } from '../support/local-app.js';
import { writeRandomFile } from '../support/files.js';
import { requestJson } from '../support/wix-http.js';
import { httpBackend } from '../engine/support/http-backend.js';
import { expectDiskMatchesRecords } from './support/invariants.js';
import { withMeta } from '../../src/upload-engine/upload-source.js';

const MIB = 1024 * 1024;
const UPLOADS = 12;
const KILLS = 10;

async function ownerToken(url: string): Promise<string> {
  const { body } = await requestJson<{ accessToken: string }>(`${url}/_local/identities`, { body: { subjectType: 'USER' } });
  return body.accessToken;
}

/**
 * SIGKILL the server at random moments while the engine uploads many files (during PATCHes,
 * around finalizes, during processing), restart it on the same ports each time, and let the
 * engine resume. Every file must end READY exactly once, byte for byte.
 */
describe('the server killed at random points of many uploads', () => {
  let running: ChildApp | undefined;
  afterAll(() => running?.kill());

  it(`completes ${UPLOADS} uploads through ${KILLS} kills, each file once and byte for byte`, async () => {
    const dataDir = tempDir();
    const dir = tempDir('rmu-faults-');
    const sources = Array.from({ length: UPLOADS }, (_, index) => writeRandomFile(dir, `f${index}.bin`, (2 + (index % 5) * 3) * MIB));
    const env = { DATA_DIR: dataDir, PROCESSING_DELAY_MS: '150' };
    running = await startChildApp({ ...env, PORT: '0' });
    const ports = { PORT: String(running.port), MEDIA_PORT: String(running.mediaPort) };
    const token = await ownerToken(running.url);
    const queue = new UploadQueue({
      backend: httpBackend(running.url, token),
      resumeStore: new MemoryResumeStore(),
      concurrency: 4,
      chunkSize: MIB,
      retryDelays: [0, 200, 500, 1000, 1500, 2000, 3000, 3000, 3000],
      statusPollIntervalMs: 200,
    });
    const items = queue.add(withMeta(sources.map((source) => sourceFromPath(source.path))));

    const random = (min: number, max: number) => min + Math.floor(Math.random() * (max - min));
    for (let kill = 0; kill < KILLS; kill++) {
      await new Promise((resolve) => setTimeout(resolve, random(150, 1200)));
      await running.kill();
      running = await startChildApp({ ...env, ...ports });
      queue.retryFailed();
    }
    const deadline = Date.now() + 120_000;
    while (queue.getSnapshot().items.some((item) => item.state !== 'ready') && Date.now() < deadline) {
      queue.retryFailed();
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const states = queue.getSnapshot().items.map((item) => `${item.name}: ${item.state} ${item.error?.message ?? ''}`);
    expect(states.filter((state) => !state.includes(': ready'))).toEqual([]);
    await queue.dispose();

    const files = await expectDiskMatchesRecords(running.url, token, dataDir);
    expect(files).toHaveLength(UPLOADS);
    for (const [index, item] of items.entries()) {
      const ready = queue.getItem(item.id);
      const stored = files.find((file) => file.id === ready?.fileId);
      expect(stored?.hash, item.name).toBe(sources[index]!.md5);
      expect(stored?.operationStatus).toBe('READY');
      const bytes = Buffer.from(await (await fetch(String(ready?.url))).arrayBuffer());
      expect(crypto.createHash('md5').update(bytes).digest('hex')).toBe(sources[index]!.md5);
    }
    // What is left under uploads/ are uploads a kill cut off from their client (a creation whose
    // answer was lost): still valid, resumable, swept when their token expires. Nothing else.
    const left = [...new Set(fs.readdirSync(`${dataDir}/uploads`).map((entry) => entry.replace(/\.json$/, '')))];
    for (const id of left) {
      const head = await fetch(`${running.url}/upload/tus/${id}`, { method: 'HEAD', headers: { 'Tus-Resumable': '1.0.0' } });
      // A finalize still cleaning up when the folder was listed has removed it since: gone is fine, orphaned is not.
      const stillThere = fs.existsSync(`${dataDir}/uploads/${id}`) || fs.existsSync(`${dataDir}/uploads/${id}.json`);
      if (stillThere) expect(head.status, `uploads/${id}`).toBe(200);
    }
  });
});
