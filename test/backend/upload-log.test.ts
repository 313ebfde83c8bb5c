import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeUploadLogEntry } from '../../src/backend/upload-log.js';
import { startTestApp } from '../support/local-app.js';
import { callWebMethod } from '../support/wix-http.js';
import { webhookDelivery } from '../../local/emulator/platform/webhook-delivery.js';
import { FILE_FAILED_EVENT, FILE_READY_EVENT } from '../../local/emulator/media/media-events.js';
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
  let deliver: ReturnType<typeof webhookDelivery>;
  beforeAll(async () => {
    app = await startTestApp();
    owner = await app.issueToken('USER');
    deliver = webhookDelivery(app.wix.signer, app.wix.site, () => `${app.url}${app.runtime.webhooksPath}`);
  });
  afterAll(() => app.close());

  const readyEvent = (fileId: string) => ({
    eventId: `evt-${fileId}`,
    eventType: FILE_READY_EVENT,
    attempts: 1,
    payload: {
      id: `evt-${fileId}`,
      entityFqdn: 'wix.media.site_media.v1.file_descriptor',
      slug: 'file_ready',
      entityId: fileId,
      eventTime: new Date().toISOString(),
      actionEvent: {
        body: {
          file: {
            id: fileId,
            displayName: 'clip.mp4',
            url: `https://example.invalid/${fileId}`,
            operationStatus: 'READY',
            mediaType: 'VIDEO',
            sizeInBytes: '10',
          },
          externalInfo: { origin: '', externalIds: [] },
        },
      },
    },
  });

  async function logged(fileId: string): Promise<UploadStatusReport[]> {
    const { body } = await callWebMethod<UploadStatusReport[]>(app.url, owner, 'listRecentUploads', 100);
    return body.result.filter((entry) => entry.fileId === fileId);
  }

  it('records READY once even when the event is delivered twice', async () => {
    await deliver(readyEvent('dup~mv2.mp4'));
    await deliver(readyEvent('dup~mv2.mp4'));
    const entries = await logged('dup~mv2.mp4');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ status: 'READY', displayName: 'clip.mp4', mediaType: 'VIDEO' });
  });

  it('records FAILED with the reason from the event', async () => {
    await deliver({
      eventId: 'evt-failed',
      eventType: FILE_FAILED_EVENT,
      attempts: 1,
      payload: {
        id: 'evt-failed',
        entityFqdn: 'wix.media.site_media.v1.file_descriptor',
        slug: 'file_failed',
        entityId: 'bad~mv2.mp4',
        eventTime: new Date().toISOString(),
        actionEvent: { body: { error: { code: 'FILE_TYPE_MISMATCH', description: 'not a video', data: {} } } },
      },
    });
    expect(await logged('bad~mv2.mp4')).toEqual([
      expect.objectContaining({ status: 'FAILED', failureCode: 'FILE_TYPE_MISMATCH', failureDescription: 'not a video' }),
    ]);
  });

  it('refuses a webhook body not signed by Wix with a 4xx', async () => {
    const response = await fetch(`${app.url}${app.runtime.webhooksPath}`, { method: 'POST', body: 'eyJhbGciOiJub25lIn0.e30.' });
    expect(response.status).toBe(400);
  });
});
