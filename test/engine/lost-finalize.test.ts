import { describe, expect, it, vi } from 'vitest';
import { ManualConnectivity } from '../../src/upload-engine/connectivity.js';
import { UploadQueue } from '../../src/upload-engine/queue/upload-queue.js';
import { withMeta } from '../../src/upload-engine/upload-source.js';
import { fakeSource, FakeBackend, FakeFinalize, ScriptedTransport } from './support/fakes.js';

const eventually = (check: () => void) => vi.waitFor(check, { timeout: 5000, interval: 5 });
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
/** What an upload host that answers errors with a status only says to a second finalize: 409, nothing else. */
const namelessConflict = { status: 409, body: '' };

function setup(backend = new FakeBackend()) {
  const transport = new ScriptedTransport();
  const finalize = new FakeFinalize();
  const queue = new UploadQueue({
    backend,
    transport,
    fetch: finalize.fetch,
    connectivity: new ManualConnectivity(true),
    retryDelays: [0, 10, 10],
    statusPollIntervalMs: 1000,
    verifyIntegrity: false,
  });
  return { queue, backend, transport, finalize, item: (id: string) => queue.getItem(id)! };
}

describe('a finalize whose answer is lost, on an upload host whose errors name nothing', () => {
  it('finds the file it made by its name and size, and goes on with it', async () => {
    const { queue, backend, transport, finalize, item } = setup();
    backend.fitting = ['made-by-the-lost-finalize'];
    finalize.answers.push('network', namelessConflict);
    const [added] = queue.add(withMeta([fakeSource('clip.mp4', 1000)]));
    await settle();
    transport.of('clip.mp4').url().complete();
    await eventually(() => expect(item(added!.id).state).toBe('processing'));
    expect(item(added!.id).fileId).toBe('made-by-the-lost-finalize');
    expect(backend.lookedFor).toEqual([expect.objectContaining({ displayName: 'clip.mp4', sizeInBytes: '1000', private: false })]);
    expect(backend.recorded).toEqual(['made-by-the-lost-finalize']);
    expect(backend.sessionRequests).toHaveLength(1);
    await queue.dispose();
  });

  it('fails saying the file may be there, never sending it again, when it cannot be found or told apart', async () => {
    for (const fitting of [[], ['one', 'two']]) {
      const { queue, backend, transport, finalize, item } = setup();
      backend.fitting = fitting;
      finalize.answers.push('network', namelessConflict, namelessConflict, namelessConflict, namelessConflict);
      const [added] = queue.add(withMeta([fakeSource('clip.mp4', 1000)]));
      await settle();
      transport.of('clip.mp4').url().complete();
      await eventually(() => expect(item(added!.id).state).toBe('failed'));
      expect(item(added!.id).error).toMatchObject({
        code: 'OUTCOME_UNKNOWN',
        fatal: true,
        message: expect.stringContaining('Look there before sending it again'),
      });
      expect(backend.sessionRequests).toHaveLength(1);
      expect(queue.getSnapshot().actions.retryFailed).toBe(false);
      await queue.dispose();
    }
  });

  it('says so at once where the backend cannot look (a visitor)', async () => {
    const backend = new FakeBackend();
    (backend as { findUploadedFile?: unknown }).findUploadedFile = undefined;
    const { queue, transport, finalize, item } = setup(backend);
    finalize.answers.push('network', namelessConflict);
    const [added] = queue.add(withMeta([fakeSource('clip.mp4', 1000)]));
    await settle();
    transport.of('clip.mp4').url().complete();
    await eventually(() => expect(item(added!.id).state).toBe('failed'));
    expect(item(added!.id).error).toMatchObject({ code: 'OUTCOME_UNKNOWN', fatal: true });
    expect(finalize.calls).toHaveLength(2);
    await queue.dispose();
  });
});
