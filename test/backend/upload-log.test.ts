import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeUploadLogEntry } from '../../src/backend/upload-log.js';
import { startTestApp } from '../support/local-app.js';
import { callWebMethod } from '../support/wix-http.js';
import { deliverEvent, fileFailedEvent, fileReadyEvent, readyFileDescriptor } from '../support/events.js';
import type { UploadStatusReport } from '../../src/shared/upload-api.js';

describe('mergeUploadLogEntry', () => {
  it('never replaces a settled status with PENDING, whatever the order', () => {
    const ready = mergeUploadLogEntry(undefined, { _id: 'f', status: 'READY', url: 'u' });
    const late = mergeUploadLogEntry(ready, { _id: 'f', status: 'PENDING', displayName: 'clip.mp4', mimeType: 'video/mp4' });
    expect(late).toEqual({ _id: 'f', status: 'READY', url: 'u', displayName: 'clip.mp4', mimeType: 'video/mp4' });
  });

  it('lets a settled status replace PENDING and keeps fields an update does not carry', () => {
    const pending = mergeUploadLogEntry(undefined, { _id: 'f', status: 'PENDING', displayName: 'a.png' });
    expect(mergeUploadLogEntry(pending, { _id: 'f', status: 'FAILED', failureCode: 'X', displayName: undefined })).toEqual({
      _id: 'f',
      status: 'FAILED',
      displayName: 'a.png',
      failureCode: 'X',
    });
  });

  it('is idempotent', () => {
    const update = { _id: 'f', status: 'READY' as const, url: 'u' };
    const once = mergeUploadLogEntry(undefined, update);
    expect(mergeUploadLogEntry(once, update)).toEqual(once);
  });
});

describe('the File Ready / File Failed handlers', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let owner: string;
  beforeAll(async () => {
    app = await startTestApp();
    owner = await app.issueToken('USER');
  });
  afterAll(() => app.close());

  async function logged(fileId: string): Promise<UploadStatusReport[]> {
    const { body } = await callWebMethod<UploadStatusReport[]>(app.url, owner, 'listRecentUploads', 100);
    return body.result.filter((entry) => entry.fileId === fileId);
  }

  it('records READY once even when the event is delivered twice', async () => {
    const event = fileReadyEvent('dup~mv2.mp4', readyFileDescriptor('dup~mv2.mp4'));
    await deliverEvent(app, event);
    await deliverEvent(app, event);
    const entries = await logged('dup~mv2.mp4');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ status: 'READY', displayName: 'clip.mp4', mediaType: 'VIDEO' });
  });

  it('records FAILED with the reason from the event', async () => {
    await deliverEvent(app, fileFailedEvent('bad~mv2.mp4', { code: 'FILE_TYPE_MISMATCH', description: 'not a video' }));
    expect(await logged('bad~mv2.mp4')).toEqual([
      expect.objectContaining({ status: 'FAILED', failureCode: 'FILE_TYPE_MISMATCH', failureDescription: 'not a video' }),
    ]);
  });

  it('says in which folder each recent upload is, as the Media Manager names it', async () => {
    const createFolder = async (displayName: string, parentFolderId?: string): Promise<string> => {
      const response = await fetch(`${app.url}/site-media/v1/folders`, {
        method: 'POST',
        headers: { Authorization: owner, 'Content-Type': 'application/json' },
        body: JSON.stringify({ displayName, parentFolderId }),
      });
      return ((await response.json()) as { folder: { id: string } }).folder.id;
    };
    const year = await createFolder('2026', await createFolder('clients'));
    await deliverEvent(app, fileReadyEvent('deep~mv2.mp4', readyFileDescriptor('deep~mv2.mp4', { parentFolderId: year })));
    await deliverEvent(app, fileReadyEvent('top~mv2.mp4', readyFileDescriptor('top~mv2.mp4', { parentFolderId: 'media-root' })));
    await deliverEvent(app, fileReadyEvent('lost~mv2.mp4', readyFileDescriptor('lost~mv2.mp4', { parentFolderId: 'no-such-folder' })));
    expect((await logged('deep~mv2.mp4'))[0]).toMatchObject({ parentFolderId: year, folderPath: 'clients / 2026' });
    expect((await logged('top~mv2.mp4'))[0]).toMatchObject({ folderPath: '' });
    expect((await logged('lost~mv2.mp4'))[0]?.folderPath).toBeUndefined();
  });

  it('refuses a webhook body not signed by Wix with a 4xx', async () => {
    const response = await fetch(`${app.url}${app.runtime.webhooksPath}`, { method: 'POST', body: 'eyJhbGciOiJub25lIn0.e30.' });
    expect(response.status).toBe(400);
  });
});
