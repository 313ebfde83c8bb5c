import { describe, expect, it } from 'vitest';
import type { DetailedError, HttpRequest, HttpResponse } from 'tus-js-client';
import { ManualConnectivity } from '../../src/upload-engine/connectivity.js';
import { failureFromResponse } from '../../src/upload-engine/server-error.js';
import { failureFromTusError, shouldRetryTusError } from '../../src/upload-engine/tus-transport.js';

function wixError(code: string, description = code, data: Record<string, unknown> = {}): string {
  return JSON.stringify({ message: description, details: { applicationError: { code, description, data } } });
}

function tusError(status: number | undefined, body = '', method = 'PATCH'): DetailedError {
  const request = { getMethod: () => method, getURL: () => 'https://upload.test/x' } as HttpRequest;
  const response =
    status === undefined ? null : ({ getStatus: () => status, getBody: () => body, getHeader: () => undefined } as unknown as HttpResponse);
  return Object.assign(new Error('tus: failed'), {
    originalRequest: request,
    originalResponse: response,
    causingError: status === undefined ? new Error('socket hang up') : null,
  }) as DetailedError;
}

describe('fatal and retriable errors', () => {
  it.each([401, 403, 413, 400, 422])('never retries HTTP %i: fatal', (status) => {
    const failure = failureFromResponse(status, '', 'The upload server');
    expect(failure.options.transient).toBe(false);
    expect(failure.detail.fatal).toBe(true);
    expect(shouldRetryTusError(tusError(status), new ManualConnectivity(true))).toBe(false);
  });

  it.each([404, 410])('never repeats a request answered HTTP %i, but the file can be retried with a new session', (status) => {
    const failure = failureFromResponse(status, '', 'The upload server');
    expect(failure.options).toEqual({ transient: false, sessionGone: true });
    expect(failure.detail.fatal).toBe(false);
    expect(shouldRetryTusError(tusError(status), new ManualConnectivity(true))).toBe(false);
  });

  it.each([500, 502, 503, 408, 409, 423, 429])('retries HTTP %i', (status) => {
    const failure = failureFromResponse(status, '', 'The upload server');
    expect(failure.options.transient).toBe(true);
    expect(failure.detail.fatal).toBe(false);
    expect(shouldRetryTusError(tusError(status), new ManualConnectivity(true))).toBe(true);
  });

  it('retries a request that got no answer, unless offline (the queue pauses then)', () => {
    expect(shouldRetryTusError(tusError(undefined), new ManualConnectivity(true))).toBe(true);
    expect(shouldRetryTusError(tusError(undefined), new ManualConnectivity(false))).toBe(false);
    expect(failureFromTusError(tusError(undefined)).detail).toEqual({
      code: 'NETWORK',
      message: 'The upload server could not be reached: socket hang up',
      fatal: false,
    });
  });

  it('does not retry a 409 whose code says the session is spent, and marks it gone', () => {
    const failure = failureFromTusError(tusError(409, wixError('UPLOAD_ALREADY_STARTED', 'An upload already exists for this token')));
    expect(failure.options).toEqual({ transient: false, sessionGone: true });
    expect(failure.detail).toMatchObject({ code: 'UPLOAD_GONE', serverCode: 'UPLOAD_ALREADY_STARTED', fatal: false });
    expect(shouldRetryTusError(tusError(409, wixError('UPLOAD_TOKEN_USED')), new ManualConnectivity(true))).toBe(false);
  });

  it('takes a tus creation refused with 409 for a spent session, even with no code (an upload host that answers with a status only)', () => {
    const failure = failureFromTusError(tusError(409, '', 'POST'));
    expect(failure.options).toMatchObject({ transient: false, sessionGone: true });
    expect(failure.detail).toMatchObject({ code: 'UPLOAD_GONE', fatal: false, status: 409 });
    expect(shouldRetryTusError(tusError(409, '', 'POST'), new ManualConnectivity(true))).toBe(false);
    // A PATCH's 409 is an offset conflict: asked again after a HEAD.
    expect(failureFromTusError(tusError(409, '')).options.sessionGone).toBe(false);
  });

  it('names the reason the server gave, in its words', () => {
    expect(failureFromResponse(401, wixError('INVALID_UPLOAD_TOKEN', 'The upload token is not valid or has expired'), 'x').detail).toEqual({
      code: 'UPLOAD_GONE',
      message: 'The upload token is not valid or has expired',
      fatal: false,
      status: 401,
      serverCode: 'INVALID_UPLOAD_TOKEN',
    });
    expect(failureFromResponse(403, wixError('FORBIDDEN', 'Not allowed'), 'x').detail.code).toBe('NOT_AUTHORIZED');
    expect(failureFromResponse(413, 'Maximum size exceeded\n', 'x').detail).toMatchObject({
      code: 'FILE_TOO_LARGE',
      message: 'Maximum size exceeded',
    });
    expect(failureFromResponse(502, '', 'The upload server').detail.message).toBe('The upload server answered HTTP 502');
  });

  it('keeps an incomplete upload retriable by the user, without retrying it at once', () => {
    const failure = failureFromResponse(409, wixError('UPLOAD_INCOMPLETE', 'Only 5 of 10 bytes were uploaded'), 'x');
    expect(failure.options.transient).toBe(false);
    expect(failure.detail.fatal).toBe(false);
  });

  it('fails fatally on an error outside any request (the file changed or cannot be read)', () => {
    const failure = failureFromTusError(new Error('upload was configured with a size of 10 bytes, but the source is done after 5 bytes'));
    expect(failure.detail).toMatchObject({ code: 'UNEXPECTED', fatal: true });
  });

  it('says which fields a validation error names, in sentences', () => {
    const violations = [{ field: 'fileName', description: 'is too long', violatedRule: 'MAX_LENGTH' }];
    expect(
      failureFromResponse(400, JSON.stringify({ details: { validationError: { fieldViolations: violations } } }), 'x').detail.message,
    ).toBe('The file name is too long.');
  });
});
