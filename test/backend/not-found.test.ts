import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isNotFound } from '../../src/shared/wix-errors.js';
import type { ListFoldersResult, RecordUploadResult, UploadStatusResult } from '../../src/shared/upload-methods.js';
import { startTestApp } from '../support/local-app.js';
import { uploadSmallFile } from '../support/upload-session.js';
import { callWebMethod } from '../support/wix-http.js';

/** The SDK's error for a validation error (its transformError): the status stays on the error. */
const validationError = (status: number, ruleName: string) => ({
  status,
  details: { validationError: { fieldViolations: [{ field: 'fileId', description: 'x', violatedRule: 'OTHER', ruleName }] } },
});
const applicationError = (status: number, code: string) => ({ status, details: { applicationError: { code, description: 'x' } } });

describe("Wix's not-found answers, whatever their status", () => {
  it('recognises the not-found codes the typings and the app rely on, and nothing else', () => {
    expect(isNotFound(validationError(400, 'RESOURCE_NOT_FOUND'))).toBe(true);
    expect(isNotFound(applicationError(400, 'FILE_NOT_FOUND'))).toBe(true);
    expect(isNotFound(applicationError(400, 'FOLDER_NOT_FOUND'))).toBe(true);
    expect(isNotFound(applicationError(404, 'NOT_FOUND'))).toBe(true);
    expect(isNotFound({ status: 404 })).toBe(true);
    expect(isNotFound(validationError(400, 'MISMATCH_MIME_TYPE'))).toBe(false);
    expect(isNotFound(applicationError(403, 'PERMISSION_DENIED'))).toBe(false);
    expect(isNotFound(new Error('network'))).toBe(false);
    expect(isNotFound(undefined)).toBe(false);
  });

  describe('on a local Wix that answers not-found as 400 RESOURCE_NOT_FOUND (the not-found-400 variant)', () => {
    let app: Awaited<ReturnType<typeof startTestApp>>;
    let owner: string;
    beforeAll(async () => {
      app = await startTestApp({ variants: new Set(['not-found-400']) });
      owner = await app.issueToken('USER');
    });
    afterAll(() => app.close());

    it('refuses to record a file the Media Manager does not have, with the reason', async () => {
      const { body } = await callWebMethod<RecordUploadResult>(app.url, owner, 'recordUpload', {
        fileId: 'nope~mv2.bin',
        displayName: 'a.bin',
        sizeInBytes: '1',
        mimeType: 'application/octet-stream',
      });
      expect(body.result).toEqual({ ok: false, code: 'NOT_FOUND', reason: 'The file is not in the Media Manager' });
    });

    it('names the unknown ids of a status request, beside the known ones', async () => {
      const file = await uploadSmallFile(app.url, owner, { name: 'known.txt', mimeType: 'text/plain', bytes: Buffer.from('known') });
      await callWebMethod(app.url, owner, 'recordUpload', {
        fileId: file.id,
        displayName: 'known.txt',
        sizeInBytes: '5',
        mimeType: 'text/plain',
      });
      const { body } = await callWebMethod<UploadStatusResult>(app.url, owner, 'getUploadStatus', [String(file.id), 'nope~mv2.bin']);
      expect(body.result).toMatchObject({
        ok: true,
        unknownFileIds: ['nope~mv2.bin'],
        reports: [expect.objectContaining({ fileId: file.id })],
      });
    });

    it('says a folder does not exist', async () => {
      const { body } = await callWebMethod<ListFoldersResult>(app.url, owner, 'listFolders', 'no-such-folder');
      expect(body.result).toEqual({ ok: false, code: 'NOT_FOUND', reason: 'The folder does not exist in the Media Manager' });
    });
  });
});
