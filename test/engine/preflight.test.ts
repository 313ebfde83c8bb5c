import { afterEach, describe, expect, it } from 'vitest';
import { checkBeforeUpload, sessionRequestFor } from '../../src/upload-engine/run/preflight.js';
import { UploadQueue } from '../../src/upload-engine/queue/upload-queue.js';
import { resolveUploadMeta, uploadFingerprint } from '../../src/upload-engine/upload-source.js';
import { fakeSource, FakeBackend, FakeFinalize, ScriptedTransport } from './support/fakes.js';
import { withMeta } from '../../src/upload-engine/upload-source.js';

const anywhere = { maxFileSizeBytes: Number.POSITIVE_INFINITY, isQueued: () => false };

function check(name: string, input: Parameters<typeof resolveUploadMeta>[1] = {}, size = 1000, context = anywhere) {
  const source = fakeSource(name, size);
  const meta = resolveUploadMeta(source, input);
  return checkBeforeUpload(source, meta, uploadFingerprint(source, meta), context);
}

describe('the metadata of a file', () => {
  it('defaults the name and type from the source, and falls back to application/octet-stream', () => {
    expect(resolveUploadMeta(fakeSource('a.mp4'))).toEqual({ displayName: 'a.mp4', mimeType: 'video/mp4' });
    expect(resolveUploadMeta(fakeSource('a.xyz', 1, { type: '' })).mimeType).toBe('application/octet-stream');
    expect(resolveUploadMeta(fakeSource('a.txt', 1, { type: 'text/plain; charset=utf-8' })).mimeType).toBe('text/plain');
    expect(resolveUploadMeta(fakeSource('a.bin'), { mimeType: 'image/png', displayName: 'Shown' })).toMatchObject({
      displayName: 'Shown',
      mimeType: 'image/png',
    });
  });

  it("puts a dropped folder's subfolders into filePath, under the chosen one", () => {
    const source = fakeSource('a.jpg', 1, { relativePath: 'trip/day1/a.jpg' });
    expect(resolveUploadMeta(source).filePath).toBe('/trip/day1');
    expect(resolveUploadMeta(source, { filePath: '/photos/', parentFolderId: 'f1' })).toMatchObject({
      filePath: '/photos/trip/day1',
      parentFolderId: 'f1',
    });
    expect(resolveUploadMeta(fakeSource('a.jpg', 1, { relativePath: 'a.jpg' })).filePath).toBeUndefined();
  });

  it('builds the createUploadSession request with the size as a string', () => {
    const meta = resolveUploadMeta(fakeSource('a.mp4'), { labels: ['x'], private: true });
    expect(sessionRequestFor({ size: 42 }, meta)).toEqual({
      mimeType: 'video/mp4',
      fileName: 'a.mp4',
      sizeInBytes: '42',
      labels: ['x'],
      private: true,
    });
  });

  it('fingerprints name, size, modification time, relative path and destination', () => {
    const source = fakeSource('a.mp4');
    const meta = resolveUploadMeta(source);
    const base = uploadFingerprint(source, meta);
    const renamed = { ...meta, displayName: 'other', labels: ['x'] };
    expect(uploadFingerprint({ ...source }, renamed)).toBe(base);
    expect(uploadFingerprint({ ...source, size: 1001 }, meta)).not.toBe(base);
    expect(uploadFingerprint({ ...source, lastModified: 1 }, meta)).not.toBe(base);
    expect(uploadFingerprint({ ...source, relativePath: 'x/a.mp4' }, meta)).not.toBe(base);
    expect(uploadFingerprint(source, { ...meta, parentFolderId: 'f' })).not.toBe(base);
    expect(uploadFingerprint(source, { ...meta, filePath: '/x' })).not.toBe(base);
  });
});

describe('checks before any byte is sent', () => {
  it('passes a valid file', () => {
    expect(check('a.mp4', { labels: ['x'], filePath: '/videos/2024' })).toBeUndefined();
  });

  it('refuses a name over 255 characters, with the limit and the length', () => {
    expect(check(`${'n'.repeat(252)}.mp4`)).toEqual({
      code: 'INVALID_REQUEST',
      fatal: true,
      message: 'The file name must be at most 255 characters long (got 256).',
      violations: [expect.objectContaining({ field: 'fileName', violatedRule: 'MAX_LENGTH' })],
    });
  });

  it('says every broken rule: type, folder path, labels', () => {
    const error = check('a.bin', { mimeType: 'not a type', filePath: '/a/../b', labels: ['ok', 'l'.repeat(201)] });
    expect(error?.code).toBe('INVALID_REQUEST');
    expect(error?.message).toBe(
      'The file type must look like type/subtype, e.g. video/mp4. The folder path must not contain "." or ".." segments. ' +
        'Label 2 must be at most 200 characters long (got 201).',
    );
  });

  it('refuses a file over the configured maximum size, in words', () => {
    const error = check('big.mp4', {}, 5e9, { ...anywhere, maxFileSizeBytes: 4.5e9 });
    expect(error).toMatchObject({
      code: 'FILE_TOO_LARGE',
      fatal: true,
      message: 'The file is 5 GB; files up to 4.5 GB can be uploaded.',
    });
  });
});

describe('the queue refuses files before sending them', () => {
  const queues: UploadQueue[] = [];
  afterEach(async () => {
    await Promise.all(queues.splice(0).map((queue) => queue.dispose()));
  });

  function makeQueue(maxFileSizeBytes?: number) {
    const backend = new FakeBackend();
    const transport = new ScriptedTransport();
    const queue = new UploadQueue({ backend, transport, fetch: new FakeFinalize().fetch, maxFileSizeBytes });
    queues.push(queue);
    return { queue, backend, transport };
  }

  it('sums the files of each folder dropped whole, apart from files on their own; a refused one counts as not sent', () => {
    const { queue } = makeQueue(10_000);
    queue.add(
      withMeta([
        fakeSource('a.mp4', 100, { relativePath: 'Shoot/day 1/a.mp4' }),
        fakeSource('b.mp4', 20_000, { relativePath: 'Shoot/b.mp4' }),
        fakeSource('c.mp4', 50, { relativePath: 'Export/c.mp4' }),
        fakeSource('alone.mp4', 10),
      ]),
    );
    expect(queue.getSnapshot().folders).toEqual([
      { name: 'Shoot', files: 2, ready: 0, notSent: 1, bytesTotal: 20_100, bytesUploaded: 0, state: 'busy' },
      { name: 'Export', files: 1, ready: 0, notSent: 0, bytesTotal: 50, bytesUploaded: 0, state: 'busy' },
    ]);
  });

  it('adds refused files as fatal failures with the reason, and never asks the backend about them', () => {
    const { queue, backend } = makeQueue(10_000);
    const [long, big, fine] = queue.add(
      withMeta([fakeSource(`${'n'.repeat(252)}.mp4`), fakeSource('big.mp4', 20_000), fakeSource('ok.mp4')]),
    );
    expect(long).toMatchObject({ state: 'failed', error: { code: 'INVALID_REQUEST', fatal: true } });
    expect(long!.error!.message).toMatch(/at most 255 characters/);
    expect(big).toMatchObject({ state: 'failed', error: { code: 'FILE_TOO_LARGE' } });
    expect(fine!.state).toBe('uploading');
    expect(backend.sessionRequests.map((request) => request.fileName)).toEqual(['ok.mp4']);
    expect(queue.getSnapshot().totals.count.failed).toBe(2);
  });

  it('refuses the same file to the same place twice, but not to another folder or once the first failed', () => {
    const { queue } = makeQueue();
    const [first] = queue.add(withMeta([fakeSource('a.mp4')]));
    const [again, elsewhere] = [
      ...queue.add(withMeta([fakeSource('a.mp4')])),
      ...queue.add(withMeta([fakeSource('a.mp4')], { parentFolderId: 'f2' })),
    ];
    expect(again).toMatchObject({ state: 'failed', error: { code: 'DUPLICATE', fatal: true } });
    expect(again!.error!.message).toBe('This file is already in the list, going to the same folder.');
    expect(elsewhere!.state).not.toBe('failed');

    void queue.cancel(first!.id);
    queue.retry(again!.id); // the duplicate is free to go now
    expect(queue.getItem(again!.id)!.state).not.toBe('failed');
    queue.retry(first!.id); // and now the first is the duplicate
    expect(queue.getItem(first!.id)).toMatchObject({ state: 'failed', error: { code: 'DUPLICATE' } });
  });
});
