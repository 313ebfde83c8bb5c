import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestApp } from '../support/local-app.js';

/** Sends `size` bytes as the body in 64 KiB writes, as a client streaming a large body does; resolves with the status it reads. */
function postLarge(url: string, size: number, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', headers: { ...headers, 'Content-Length': String(size) } }, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('error', reject);
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    const write = () => {
      while (sent < size) {
        const part = chunk.subarray(0, Math.min(chunk.length, size - sent));
        sent += part.length;
        if (!request.write(part)) return void request.once('drain', write);
      }
      request.end();
    };
    write();
  });
}

/** Every reader of request bodies has a cap, and a client sending more reads the refusal instead of a reset connection. */
describe('request bodies over their limit', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let owner: string;
  beforeAll(async () => {
    app = await startTestApp();
    owner = await app.issueToken('USER');
  });
  afterAll(() => app.close());

  it('answers 413 to an over-limit REST, web method or webhook body, every time, never resetting the connection', async () => {
    const json = { 'Content-Type': 'application/json', Authorization: owner };
    const targets = [
      `${app.url}/site-media/v1/files/generate-resumable-upload-url`,
      `${app.url}/wix-data/v2/items/query`,
      `${app.url}/_webMethods/src/backend/uploads.web.ts/listFolders.ajax`,
      `${app.url}/webhooks`,
    ];
    for (const url of targets) {
      for (let attempt = 0; attempt < 5; attempt++) {
        const answer = await postLarge(url, 8 * 1024 * 1024, json);
        expect(answer.status, url).toBe(413);
        expect(answer.body).toContain('PAYLOAD_TOO_LARGE');
      }
    }
  });
});

/** Bodies that cost the local Wix more than they should: cut off half-way, or nested without end. */
describe('hostile request bodies', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let owner: string;
  beforeAll(async () => {
    app = await startTestApp();
    owner = await app.issueToken('USER');
  });
  afterAll(() => app.close());

  it('logs a body the client cut off in one line, without a stack trace', async () => {
    const logged: unknown[][] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args));
    try {
      for (const path of ['/site-media/v1/folders', '/_webMethods/src/backend/visitor-uploads.web.ts/getVisitorUploadTerms.ajax']) {
        await new Promise<void>((resolve) => {
          const request = http.request(`${app.url}${path}`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Authorization: owner, 'Content-Length': '100000' },
          });
          request.on('error', () => resolve());
          request.write('[{"a":');
          setTimeout(() => request.destroy(), 100);
        });
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
      const aborted = logged.filter((args) => args.some((arg) => String(arg).includes('aborted') || arg instanceof Error));
      expect(aborted.length).toBeGreaterThan(0);
      for (const args of aborted) {
        expect(
          args.some((arg) => arg instanceof Error),
          JSON.stringify(args),
        ).toBe(false);
        expect(args.join(' ')).not.toContain('\n');
      }
    } finally {
      spy.mockRestore();
    }
  });

  it('refuses JSON nested deeper than 1000 levels with a 400, the web methods as their runtime does', async () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    const rest = await fetch(`${app.url}/site-media/v1/files/search`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: owner },
      body: `{"x":${deep}}`,
    });
    expect(rest.status).toBe(400);
    expect(await rest.json()).toMatchObject({ details: { applicationError: { code: 'MALFORMED_JSON' } } });
    const method = await fetch(`${app.url}/_webMethods/src/backend/visitor-uploads.web.ts/getVisitorUploadTerms.ajax`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: owner },
      body: `[${deep}]`,
    });
    expect(method.status).toBe(400);
    // Ordinary nesting is read as before.
    const fine = await fetch(`${app.url}/site-media/v1/files/search`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: owner },
      body: JSON.stringify({ rootFolder: 'MEDIA_ROOT', x: JSON.parse(`${'['.repeat(50)}${']'.repeat(50)}`) }),
    });
    expect(fine.status).toBe(200);
  });
});
