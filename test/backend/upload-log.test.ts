import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeUploadLogEntry } from '../../src/backend/upload-log.js';
import { startTestApp } from '../support/local-app.js';
import { callWebMethod, requestJson, waitFor } from '../support/wix-http.js';
import { deliverEvent, fileFailedEvent, fileReadyEvent, readyFileDescriptor, waitForEventsHandled } from '../support/events.js';
import { uploadSmallFile } from '../support/upload-session.js';
import { UPLOAD_LOG } from '../../src/backend/data-collections.js';
import type { RecordUploadResult, UploadStatusReport, UploadStatusResult } from '../../src/shared/upload-methods.js';

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

describe("the upload log: the files the app uploaded, whatever the order of File Ready / File Failed and the page's record", () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let owner: string;
  let appToken: string;
  beforeAll(async () => {
    // Processing takes long enough for the page's record to come first, unless a test waits.
    app = await startTestApp({ processingDelayMs: 400 });
    owner = await app.issueToken('USER');
    appToken = await app.issueToken('APP');
  });
  afterAll(() => app.close());

  async function logged(fileId: string): Promise<UploadStatusReport[]> {
    const { body } = await callWebMethod<UploadStatusReport[]>(app.url, owner, 'listRecentUploads', 100);
    return body.result.filter((entry) => entry.fileId === fileId);
  }
  /** The log's entry as stored, without the refresh the web methods make. */
  async function stored(fileId: string): Promise<Record<string, unknown> | undefined> {
    const { status, body } = await requestJson<{ dataItem?: { data: Record<string, unknown> } }>(
      `${app.url}/wix-data/v2/items/${encodeURIComponent(fileId)}?dataCollectionId=${encodeURIComponent(UPLOAD_LOG.id)}`,
      { token: appToken },
    );
    return status === 200 ? body.dataItem?.data : undefined;
  }
  const logSize = () =>
    (app.wix.db.prepare('SELECT COUNT(*) AS n FROM data_items WHERE collection_id = ?').get(UPLOAD_LOG.id) as { n: number }).n;
  const upload = (name: string, mimeType = 'text/plain', bytes = Buffer.from(`bytes of ${name}`)) =>
    uploadSmallFile(app.url, owner, { name, mimeType, bytes });
  const record = async (file: Record<string, unknown>) =>
    (
      await callWebMethod<RecordUploadResult>(app.url, owner, 'recordUpload', {
        fileId: file.id,
        displayName: file.displayName,
        sizeInBytes: file.sizeInBytes,
        mimeType: 'text/plain',
      })
    ).body.result;

  it('ignores File Ready of a file the app did not record; the record that comes after still says READY', async () => {
    const file = await upload('event-first.txt');
    await waitForEventsHandled(app);
    expect(await stored(String(file.id))).toBeUndefined();
    expect(await record(file)).toMatchObject({ ok: true, report: { status: 'READY', url: expect.stringContaining(String(file.id)) } });
    expect(await logged(String(file.id))).toEqual([expect.objectContaining({ status: 'READY', displayName: 'event-first.txt' })]);
  });

  it('updates the entry the record made when File Ready comes after it, and once however often it comes', async () => {
    const file = await upload('record-first.txt');
    expect(await record(file)).toMatchObject({ ok: true, report: { status: 'PENDING' } });
    await waitForEventsHandled(app);
    expect(await stored(String(file.id))).toMatchObject({ status: 'READY', url: expect.any(String) });
    const again = fileReadyEvent(String(file.id), readyFileDescriptor(String(file.id), { displayName: 'record-first.txt' }));
    await deliverEvent(app, again);
    await deliverEvent(app, again);
    expect(await logged(String(file.id))).toEqual([expect.objectContaining({ status: 'READY' })]);
  });

  it('records FAILED with the reason from File Failed, also when it comes before the record: that delivery is refused, to come again', async () => {
    const before = await upload('not-a-video.mp4', 'video/mp4', Buffer.from('plain text, not a video'));
    await record(before);
    await waitForEventsHandled(app);
    expect(await stored(String(before.id))).toMatchObject({ status: 'FAILED', failureCode: 'UNRECOGNIZED_CONTENT' });

    // File Failed before the page's record: that delivery is refused, and Wix sends it again (a minute later on Wix).
    const racing = await upload('racing.mp4', 'video/mp4', Buffer.from('also not a video'));
    const failed = fileFailedEvent(String(racing.id), { code: 'FILE_TYPE_MISMATCH', description: 'not a video' });
    await expect(deliverEvent(app, failed)).rejects.toThrow(/came before the upload's record/);
    expect(await stored(String(racing.id))).toBeUndefined();
    await record(racing);
    await deliverEvent(app, failed);
    // The reason came: this delivery's, or the local Wix's own File Failed, sent again too.
    expect(await stored(String(racing.id))).toMatchObject({ status: 'FAILED', failureDescription: expect.stringMatching(/video/) });
  });

  it("leaves the log untouched by events for files it does not hold: the site's other files, or ids nobody has", async () => {
    await waitForEventsHandled(app);
    const size = logSize();
    const foreign = await upload('owners-own.txt');
    await waitForEventsHandled(app);
    await deliverEvent(app, fileReadyEvent('nobodys~mv2.mp4', readyFileDescriptor('nobodys~mv2.mp4')));
    await deliverEvent(app, fileFailedEvent('nobodys~mv2.mp4', { code: 'X', description: 'y' }));
    expect(logSize()).toBe(size);
    expect(await logged(String(foreign.id))).toEqual([]);
  });
});

describe('the upload log when File Ready never comes', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let owner: string;
  beforeAll(async () => {
    // Events go nowhere: the app never hears of any file being processed.
    app = await startTestApp({ processingDelayMs: 1000, webhookUrl: 'http://127.0.0.1:9/nowhere' });
    owner = await app.issueToken('USER');
  });
  afterAll(() => app.close());

  it('brings a PENDING entry up to date from the Media Manager when the status or the recent uploads are read', async () => {
    const file = await uploadSmallFile(app.url, owner, { name: 'silent.txt', mimeType: 'text/plain', bytes: Buffer.from('silent') });
    const recorded = await callWebMethod<RecordUploadResult>(app.url, owner, 'recordUpload', {
      fileId: file.id,
      displayName: 'silent.txt',
      sizeInBytes: file.sizeInBytes,
      mimeType: 'text/plain',
    });
    expect(recorded.body.result).toMatchObject({ ok: true, report: { status: 'PENDING' } });
    const recent = await waitFor(async () => {
      const { body } = await callWebMethod<UploadStatusReport[]>(app.url, owner, 'listRecentUploads', 20);
      return body.result.find((entry) => entry.fileId === file.id && entry.status === 'READY');
    }, 'READY in the recent uploads');
    expect(recent.url).toEqual(expect.any(String));
    const status = await callWebMethod<UploadStatusResult>(app.url, owner, 'getUploadStatus', [file.id]);
    expect(status.body.result).toMatchObject({ ok: true, reports: [expect.objectContaining({ status: 'READY' })] });
  });
});
