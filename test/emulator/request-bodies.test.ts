import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
