import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../support/local-app.js';
import { requestJson } from '../support/wix-http.js';
import { isLoopbackAddress } from '../../local/loopback.js';

function postWithHost(url: string, host: string, body: unknown): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', headers: { Host: host, 'Content-Type': 'application/json' } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', reject);
    request.end(JSON.stringify(body));
  });
}

describe('local access to the local Wix', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('gives a token for an identity to a request addressed to a loopback name', async () => {
    const { status, body } = await requestJson<{ accessToken: string; subjectType: string }>(`${app.url}/_local/identities`, {
      body: { subjectType: 'USER' },
    });
    expect(status).toBe(200);
    expect(body.subjectType).toBe('USER');
    const port = new URL(app.url).port;
    expect(await postWithHost(`${app.url}/_local/identities`, `localhost:${port}`, { subjectType: 'USER' })).toBe(200);
  });

  it('refuses a request whose Host is another name (a DNS-rebinding page)', async () => {
    expect(await postWithHost(`${app.url}/_local/identities`, 'attacker.example:80', { subjectType: 'USER' })).toBe(403);
  });

  it('refuses to listen on a non-loopback address unless asked to', async () => {
    await expect(startTestApp({ host: '0.0.0.0' })).rejects.toThrow(/ALLOW_REMOTE=1/);
  });

  it('knows loopback names', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', 'app.localhost'])
      expect(isLoopbackAddress(host), host).toBe(true);
    for (const host of ['0.0.0.0', '10.0.0.1', 'example.com', '', '::']) expect(isLoopbackAddress(host), host).toBe(false);
  });
});
