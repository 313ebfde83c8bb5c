import { describe, expect, it } from 'vitest';
import {
  isAlreadyExists,
  isDataRefused,
  isFinalAnswer,
  isItemNotFound,
  isMissingCollection,
  readWixAnswer,
  readWixError,
  refusalOfInput,
} from '../../src/shared/wix-errors.js';

/** Wix's error body: `{message, details: {applicationError}}`. */
function wixError(code: string, description = code, data: Record<string, unknown> = {}): string {
  return JSON.stringify({ message: description, details: { applicationError: { code, description, data } } });
}

describe("the one reader of Wix's errors", () => {
  it('reads an HTTP answer: application errors, field violations, and anything else', () => {
    expect(readWixAnswer(409, wixError('UPLOAD_TOKEN_USED', 'used', { fileId: 'f1' }))).toEqual({
      status: 409,
      message: 'used',
      code: 'UPLOAD_TOKEN_USED',
      description: 'used',
      data: { fileId: 'f1' },
    });
    const violations = [{ field: 'fileName', description: 'is too long', violatedRule: 'MAX_LENGTH' }];
    expect(
      readWixAnswer(400, JSON.stringify({ message: 'bad', details: { validationError: { fieldViolations: violations } } })).violations,
    ).toEqual(violations);
    expect(readWixAnswer(502, '')).toEqual({ status: 502 });
    expect(readWixAnswer(400, '[1]')).toEqual({ status: 400 });
    expect(readWixAnswer(413, 'Maximum size exceeded\n')).toEqual({ status: 413, message: 'Maximum size exceeded' });
  });

  it('reads what the SDK throws the same way, and reads a WixError it already read to the same', () => {
    const thrown = { message: 'x', status: 404, details: { applicationError: { code: 'FILE_NOT_FOUND', description: 'no file' } } };
    const read = readWixError(thrown);
    expect(read).toEqual({ message: 'x', status: 404, code: 'FILE_NOT_FOUND', description: 'no file' });
    expect(readWixError(read)).toEqual(read);
    // @wix/data's own errors carry their WDE code at the top.
    expect(readWixError({ code: 'WDE0074', message: 'Item already exists' }).code).toBe('WDE0074');
    expect(readWixError(new Error('fetch failed'))).toEqual({ message: 'fetch failed' });
    expect(readWixError(undefined)).toEqual({});
  });

  it("tells Wix Data's answers apart: an existing _id, a missing item, a missing collection, Data refused", () => {
    expect(isAlreadyExists({ details: { applicationError: { code: 'WDE0074' } } })).toBe(true);
    expect(isAlreadyExists({ status: 409 })).toBe(true);
    expect(isAlreadyExists({ status: 400 })).toBe(false);
    expect(isItemNotFound({ code: 'WDE0073' })).toBe(true);
    expect(isItemNotFound({ status: 404 })).toBe(true);
    expect(isMissingCollection({ details: { applicationError: { code: 'WDE0025' } } })).toBe(true);
    expect(isMissingCollection({ status: 404 })).toBe(false);
    expect(isDataRefused({ status: 403 })).toBe(true);
    expect(isDataRefused({ details: { applicationError: { code: 'WDE0027' } } })).toBe(true);
    expect(isDataRefused({ status: 500 })).toBe(false);
  });

  it('says which answers asking again cannot change: a 4xx but a timeout or too many requests', () => {
    expect(isFinalAnswer({ status: 403 })).toBe(true);
    expect(isFinalAnswer({ status: 408 })).toBe(false);
    expect(isFinalAnswer({ status: 429 })).toBe(false);
    expect(isFinalAnswer({ status: 503 })).toBe(false);
    expect(isFinalAnswer(new Error('no answer'))).toBe(false);
  });

  it("turns Wix's refusal of the input into the app's INVALID_REQUEST, and nothing else", () => {
    const violations = [{ field: 'options.fileName', description: 'must be at most 1000 characters', violatedRule: 'MAX_LENGTH' }];
    expect(refusalOfInput({ details: { validationError: { fieldViolations: violations } } })).toEqual({
      ok: false,
      code: 'INVALID_REQUEST',
      reason: '"options.fileName" must be at most 1000 characters.',
      violations,
    });
    expect(refusalOfInput({ status: 404, details: { applicationError: { code: 'FOLDER_NOT_FOUND' } } })).toMatchObject({
      code: 'INVALID_REQUEST',
      violations: [{ field: 'parentFolderId', description: 'does not exist in the Media Manager' }],
    });
    expect(refusalOfInput({ status: 500 })).toBeUndefined();
  });
});
