/**
 * The key journeys under every variant of the local Wix (local/emulator/platform/variants.ts):
 * whichever way Wix answers where it documents nothing, each file ends exactly once in the Media
 * Manager, READY or failed with a clear reason, nothing the server still had is sent again from
 * zero, and nothing is retried forever. Sizes are scaled down (MiB for GiB) to keep the suite fast;
 * the browser's side of the CORS variants is in e2e/upload-host-refused.e2e.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callWebMethod as callOverHttp } from '../../clients/web-methods.js';
import { VARIANT_NAMES, type WixVariant } from '../../local/emulator/platform/variants.js';
import { sourceFromPath } from '../../src/upload-engine/node/node-source.js';
import { LocalStorageResumeStore } from '../../src/upload-engine/resume/local-storage-resume-store.js';
import type { ResumeStore } from '../../src/upload-engine/resume/resume-store.js';
import { createTusTransport } from '../../src/upload-engine/tus-transport.js';
import type { FetchLike } from '../../src/upload-engine/run/finalize.js';
import type { UploadBackend } from '../../src/upload-engine/upload-backend.js';
import type { UploadItem } from '../../src/upload-engine/queue/upload-item.js';
import { UploadQueue } from '../../src/upload-engine/queue/upload-queue.js';
import { resolveUploadMeta, withMeta } from '../../src/upload-engine/upload-source.js';
import { visitorBackend, type VisitorWebMethods } from '../../src/site/visitor/visitor-backend.js';
import type { StartSubmissionResult } from '../../src/shared/visitor-upload-methods.js';
import type { VisitorUploadRules } from '../../src/policies/visitor-rules-policy.js';
import { DEFAULT_VISITOR_UPLOAD_RULES } from '../../src/policies/visitor-rules-policy.js';
import { FakeStorage } from '../engine/support/fake-storage.js';
import { httpBackend } from '../engine/support/http-backend.js';
import { startTestApp, tempDir } from '../support/local-app.js';
import { MP4_HEADER, md5OfUrl, writeRandomFile } from '../support/files.js';
import { UploadTraffic } from '../support/upload-traffic.js';
import { RecordingHttpStack } from '../engine/support/recording-http-stack.js';
import { waitFor } from '../support/wix-http.js';
import { jsonLines, killUploaders, runUploader, startUploader } from '../cli/support/uploader-process.js';

const MIB = 1024 * 1024;
const CHUNK = MIB;
const VISITOR_MODULE = 'src/backend/visitor-uploads.web.ts';

type App = Awaited<ReturnType<typeof startTestApp>>;

describe.each(['default', ...VARIANT_NAMES] as const)('the key journeys on a local Wix answering as %s', (variant) => {
  let app: App;
  let owner: string;
  let traffic: UploadTraffic;
  const dir = tempDir('rmu-variant-');
  const queues: UploadQueue[] = [];

  beforeAll(async () => {
    const variants = new Set<WixVariant>(variant === 'default' ? [] : [variant]);
    // A proxy limit below the journeys' files, so that the command line's own request sizes meet it.
    app = await startTestApp({ processingDelayMs: 100, variants, eventDelayMs: 1500, proxyBodyLimitBytes: 3 * MIB });
    owner = await app.issueToken('USER');
    traffic = new UploadTraffic(app.wix.router);
  });
  afterAll(async () => {
    await Promise.all(queues.map((queue) => queue.dispose()));
    await killUploaders();
    traffic.stop();
    await app.close();
  });

  function queueOf(options: { backend?: UploadBackend; resumeStore?: ResumeStore; fetch?: FetchLike } = {}): UploadQueue {
    const queue = new UploadQueue({
      backend: options.backend ?? httpBackend(app.url, owner),
      transport: createTusTransport({ chunkSize: CHUNK, retryDelays: [0, 100, 300] }),
      resumeStore: options.resumeStore,
      fetch: options.fetch,
      retryDelays: [0, 100, 300, 600],
      statusPollIntervalMs: 100,
    });
    queues.push(queue);
    return queue;
  }

  const settled = (queue: UploadQueue, id: string): Promise<UploadItem> =>
    waitFor(
      async () => {
        const item = queue.getItem(id);
        return item && ['ready', 'failed', 'cancelled'].includes(item.state) ? item : undefined;
      },
      `${id} to settle`,
      30_000,
    );

  /** The files of that name in the Media Manager (the trash apart). */
  const copiesOf = (name: string) =>
    (
      app.wix.db.prepare("SELECT COUNT(*) AS n FROM files WHERE display_name = ? AND parent_folder_id != 'trash-root'").get(name) as {
        n: number;
      }
    ).n;

  /** READY and right, or failed saying why; either way at most the one copy. */
  async function expectSettledOnce(item: UploadItem, name: string, md5: string): Promise<void> {
    if (item.state === 'ready') {
      expect(copiesOf(name)).toBe(1);
      expect(await md5OfUrl(item.url)).toBe(md5);
    } else {
      expect(item.state).toBe('failed');
      expect(item.error?.message).toMatch(/\w{12,}/);
      expect(copiesOf(name)).toBeLessThanOrEqual(1);
    }
  }

  it('a large upload with a reload in the middle continues from the bytes the server holds, to READY, once', async () => {
    const name = `reload-${variant}.bin`;
    const file = writeRandomFile(dir, name, 12 * MIB);
    const storage = new FakeStorage();
    const first = queueOf({ resumeStore: new LocalStorageResumeStore(storage) });
    traffic.reset();
    traffic.holdPatch(5);
    first.add(withMeta([sourceFromPath(file.path)]));
    await traffic.whenHeld();
    await first.dispose(); // the tab closes
    traffic.dropHeld();
    const held = traffic.patchBytes;

    traffic.reset();
    const second = queueOf({ resumeStore: new LocalStorageResumeStore(storage) });
    const again = sourceFromPath(file.path);
    const item = second.resumeUpload(again, second.unfinishedUploadOf(again)!);
    const done = await settled(second, item.id);
    expect(done.error).toBeUndefined();
    expect(done.state).toBe('ready');
    expect(traffic.creations).toBe(0);
    expect(traffic.patchBytes).toBe(12 * MIB - held);
    await expectSettledOnce(done, name, file.md5);
  });

  it("a file in the engine's own request sizes, its link cut twice mid-request, continues on its one upload to READY, once", async () => {
    const name = `cut-twice-${variant}.bin`;
    const file = writeRandomFile(dir, name, 24 * MIB);
    const stack = new RecordingHttpStack();
    stack.cutPatchAfter = 4 * MIB;
    stack.afterResponse = (request) => {
      // The second cut comes 4 MiB into the request after the first.
      if (request.method === 'HEAD' && stack.count('HEAD') === 1) stack.cutPatchAfter = 4 * MIB;
    };
    const queue = new UploadQueue({
      backend: httpBackend(app.url, owner),
      transport: createTusTransport({ retryDelays: [0, 100, 300, 600, 1000, 2000], httpStack: stack }),
      retryDelays: [0, 100, 300, 600],
      statusPollIntervalMs: 100,
    });
    queues.push(queue);
    const [added] = queue.add(withMeta([sourceFromPath(file.path)]));
    const done = await settled(queue, added!.id);
    expect(done.error).toBeUndefined();
    expect(stack.count('POST')).toBe(1);
    expect(
      stack.count('HEAD'),
      JSON.stringify(stack.requests.map((r) => [r.method, r.bodyBytes, r.status, r.uploadOffset])),
    ).toBeGreaterThanOrEqual(2);
    await expectSettledOnce(done, name, file.md5);
  });

  it('a finalize whose answer is lost ends once, READY or saying it may have arrived', async () => {
    const name = `lost-answer-${variant}.bin`;
    const file = writeRandomFile(dir, name, 2 * MIB);
    let lost = 0;
    // The first finalize reaches the server and makes the file; its answer never comes back.
    const losingFetch: FetchLike = async (url, init) => {
      const response = await fetch(url, init);
      if (init.method === 'PUT' && lost++ === 0) {
        await response.arrayBuffer();
        throw new TypeError('fetch failed');
      }
      return response;
    };
    traffic.reset();
    const backend = httpBackend(app.url, owner);
    const queue = queueOf({ fetch: losingFetch, backend });
    const [added] = queue.add(withMeta([sourceFromPath(file.path)]));
    const done = await settled(queue, added!.id);
    expect(lost).toBeGreaterThan(0);
    expect(done.state).toBe('ready');
    expect(traffic.creations).toBe(1);
    // With codes, the second finalize names the file; with a status only, the file is found by its name and size.
    expect(backend.calls.findUploadedFile).toBe(variant === 'errors-status-only' ? 1 : undefined);
    await expectSettledOnce(done, name, file.md5);
  });

  it('an expired token starts a new session, and the file arrives once', async () => {
    const name = `expired-${variant}.bin`;
    const file = writeRandomFile(dir, name, 4 * MIB);
    const storage = new FakeStorage();
    const first = queueOf({ resumeStore: new LocalStorageResumeStore(storage) });
    traffic.reset();
    traffic.holdPatch(2);
    first.add(withMeta([sourceFromPath(file.path)]));
    await traffic.whenHeld();
    await first.dispose();
    traffic.dropHeld();
    // The token's time runs out while the page is closed.
    app.wix.db.prepare("UPDATE upload_sessions SET expires_at = 0 WHERE state = 'uploading'").run();

    const second = queueOf({ resumeStore: new LocalStorageResumeStore(storage) });
    const again = sourceFromPath(file.path);
    const item = second.resumeUpload(again, second.unfinishedUploadOf(again)!);
    const done = await settled(second, item.id);
    expect(done.state).toBe('ready');
    await expectSettledOnce(done, name, file.md5);
  });

  it('a cancelled file leaves nothing in the Media Manager, nor on the upload host', async () => {
    const name = `cancelled-${variant}.bin`;
    const file = writeRandomFile(dir, name, 6 * MIB);
    const queue = queueOf();
    traffic.reset();
    traffic.holdPatch(3);
    const [added] = queue.add(withMeta([sourceFromPath(file.path)]));
    await traffic.whenHeld();
    await queue.cancel(added!.id);
    traffic.dropHeld();
    expect(queue.getItem(added!.id)?.state).toBe('cancelled');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(copiesOf(name)).toBe(0);
    const session = app.wix.db.prepare('SELECT state FROM upload_sessions WHERE file_name = ?').get(name) as { state: string };
    expect(session.state).toBe('terminated');
  });

  it('the command line killed mid-file and run again continues from the server offset, to READY, once', async () => {
    const cwd = fs.mkdtempSync(path.join(dir, 'cli-'));
    const name = `cli-${variant}.bin`;
    const file = writeRandomFile(cwd, name, 6 * MIB + 3);
    const args = [name, '--chunk-size', '1MiB', '--json', '--url', app.url];
    traffic.reset();
    traffic.holdPatch(3);
    const killed = startUploader(args, cwd);
    await traffic.whenHeld();
    killed.child.kill('SIGKILL');
    await killed.done;
    traffic.dropHeld();
    const held = traffic.patchBytes;

    traffic.reset();
    const rerun = await runUploader(args, cwd);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(traffic.creations).toBe(0);
    expect(traffic.patchBytes).toBe(6 * MIB + 3 - held);
    const summary = jsonLines(rerun.stdout).find((line) => line.event === 'summary') as { files: Array<{ state: string; url: string }> };
    expect(summary.files[0]).toMatchObject({ state: 'ready' });
    expect(copiesOf(name)).toBe(1);
    expect(await md5OfUrl(summary.files[0]!.url)).toBe(file.md5);
  });

  it("a visitor's upload through the widget's backend arrives once, READY, in the visitor's submission", async () => {
    const rules: VisitorUploadRules = {
      ...DEFAULT_VISITOR_UPLOAD_RULES,
      enabled: true,
      allowedTypes: ['video/*'],
      maxFileSizeBytes: 64 * MIB,
    };
    await callOverHttp(app.url, owner, VISITOR_MODULE, 'saveVisitorUploadRules', [rules]);
    const visitor = await app.issueToken('VISITOR');
    const call =
      <T>(method: string) =>
      (input: unknown) =>
        callOverHttp<T>(app.url, visitor, VISITOR_MODULE, method, [input]);
    const started = await call<StartSubmissionResult>('startVisitorSubmission')({
      name: 'Ana',
      email: 'ana@example.com',
      message: variant,
    });
    if (!started.ok) throw new Error(started.reason);
    const methods = {
      createVisitorUploadSession: call('createVisitorUploadSession'),
      recordVisitorUpload: call('recordVisitorUpload'),
      getVisitorUploadStatus: call('getVisitorUploadStatus'),
    } as VisitorWebMethods;
    const queue = queueOf({ backend: visitorBackend(methods, () => ({ submissionId: started.submissionId, secret: started.secret })) });
    const name = `visitor-${variant}.mp4`;
    const film = writeRandomFile(dir, name, 3 * MIB, MP4_HEADER);
    const source = sourceFromPath(film.path, 'video/mp4');
    const [added] = queue.add([{ source, meta: resolveUploadMeta(source, {}) }]);
    const done = await settled(queue, added!.id);
    expect(done.error).toBeUndefined();
    expect(done.state).toBe('ready');
    expect(copiesOf(name)).toBe(1);
  });
});
