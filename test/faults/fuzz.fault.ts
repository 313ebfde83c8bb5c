import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, tempDir } from '../support/local-app.js';
import { tusMetadataHeader } from '../support/upload-session.js';
import { expectDiskMatchesRecords } from './support/invariants.js';
import { seededRandom } from '../support/seeded-random.js';

const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);
const ROUNDS = Number(process.env.FUZZ_ROUNDS ?? 400);

/** Random choices from a seed, so a failing run can be replayed with FUZZ_SEED. */
function generator(seed: number) {
  const next = seededRandom(seed);
  const int = (max: number) => Math.floor(next() * max);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  const strings = [
    '',
    ' ',
    'a',
    'x'.repeat(201),
    'x'.repeat(5000),
    'nul\u0000',
    'crlf\r\n',
    'rtl\u202e',
    '../../etc/passwd',
    '%00',
    '💥'.repeat(60),
    '<script>',
  ];
  const value = (depth = 0): unknown => {
    switch (int(depth > 2 ? 5 : 8)) {
      case 0:
        return pick(strings);
      case 1:
        return pick([0, -1, 1.5, 2 ** 53, Number.MAX_SAFE_INTEGER]);
      case 2:
        return pick([true, false, null]);
      case 3:
        return undefined;
      case 4:
        return crypto.randomBytes(int(40)).toString('base64');
      case 5:
        return Array.from({ length: int(4) }, () => value(depth + 1));
      case 6:
        return Array.from({ length: pick([501, 3]) }, () => pick(strings));
      default:
        return Object.fromEntries(
          Array.from({ length: int(5) }, () => [
            pick(['mimeType', 'fileName', 'filePath', 'labels', 'private', 'parentFolderId', 'fileIds', 'fileId', 'x']),
            value(depth + 1),
          ]),
        );
    }
  };
  return { int, pick, value, strings };
}

/**
 * Random bodies, headers, names and arguments at every door: each answer is 2xx or a 4xx with a
 * reason, never a 5xx; the server keeps answering; nothing is written outside DATA_DIR and nothing
 * half-written is READY.
 */
describe(`the fuzz pass (FUZZ_SEED=${SEED})`, () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let owner: string;
  /** DATA_DIR's own parent: anything written outside DATA_DIR by a path that climbs out lands here. */
  let root: string;
  beforeAll(async () => {
    root = tempDir('rmu-fuzz-');
    app = await startTestApp({ processingDelayMs: 10, dataDir: path.join(root, 'data') });
    owner = await app.issueToken('USER');
  });
  afterAll(() => app?.close());

  it(`answers ${ROUNDS} rounds of hostile input without a 5xx`, async () => {
    const random = generator(SEED);
    const failures: string[] = [];
    const expectClientAnswer = async (what: string, response: Response) => {
      const text = await response.text();
      if (response.status >= 500) failures.push(`${what}: ${response.status} ${text.slice(0, 200)}`);
      // A HEAD answer has no body by definition: its status is the reason.
      else if (response.status >= 400 && text.trim() === '' && !what.startsWith('tus HEAD'))
        failures.push(`${what}: ${response.status} without a reason`);
    };
    const generated: { uploadUrl: string; uploadToken: string }[] = [];

    for (let round = 0; round < ROUNDS; round++) {
      const door = random.int(5);
      if (door === 0) {
        const body = random.value();
        const contentType = random.pick(['application/json', 'text/plain', 'application/json; charset=utf-8', '']);
        const response = await fetch(`${app.url}/site-media/v1/files/generate-resumable-upload-url`, {
          method: 'POST',
          headers: { Authorization: owner, ...(contentType ? { 'Content-Type': contentType } : {}) },
          body: random.int(4) === 0 ? '{not json' : JSON.stringify(body ?? null),
        });
        if (response.status === 200) generated.push((await response.clone().json()) as { uploadUrl: string; uploadToken: string });
        await expectClientAnswer(`generate ${JSON.stringify(body)?.slice(0, 80)}`, response);
      } else if (door === 1) {
        const session = generated.length > 0 ? random.pick(generated) : undefined;
        const headers: Record<string, string> = {
          'Tus-Resumable': random.pick(['1.0.0', '0.2.2', '']),
          'Upload-Length': String(random.pick([0, 1, -5, 2 ** 60, 'abc', 10])),
          'Upload-Metadata': random.pick([
            tusMetadataHeader({ filename: String(random.pick(random.strings)), token: session?.uploadToken ?? 'x' }),
            'filename !!!notbase64',
            `token ${Buffer.from(session?.uploadToken ?? '').toString('base64')}`,
            '',
          ]),
        };
        await expectClientAnswer(
          `tus creation ${JSON.stringify(headers).slice(0, 120)}`,
          await fetch(`${app.url}/upload/tus`, { method: 'POST', headers, body: random.int(2) ? 'bytes' : undefined }),
        );
      } else if (door === 2) {
        const id = random.pick(['abc', '../../x', '%2e%2e', crypto.randomBytes(16).toString('hex')]);
        const method = random.pick(['PATCH', 'HEAD', 'DELETE', 'GET']);
        const response = await fetch(`${app.url}/upload/tus/${encodeURIComponent(id)}`, {
          method,
          headers: {
            'Tus-Resumable': '1.0.0',
            'Upload-Offset': String(random.pick([0, -1, 'x', 5])),
            'Content-Type': 'application/offset+octet-stream',
          },
          body: method === 'PATCH' ? Buffer.from('data') : undefined,
        });
        await expectClientAnswer(`tus ${method} ${id}`, response);
      } else if (door === 3) {
        const session = generated.length > 0 ? random.pick(generated) : { uploadUrl: `${app.url}/upload/tus`, uploadToken: 'forged' };
        const name = String(random.pick(random.strings));
        await expectClientAnswer(
          `finalize ${JSON.stringify(name).slice(0, 40)}`,
          await fetch(`${session.uploadUrl}/${encodeURIComponent(session.uploadToken)}?filename=${encodeURIComponent(name)}`, {
            method: 'PUT',
          }),
        );
      } else {
        const method = random.pick([
          'createUploadSession',
          'recordUpload',
          'getUploadStatus',
          'listRecentUploads',
          'listFolders',
          'getFileDownloadUrl',
          'finalizeUploadFromServer',
        ]);
        const args = Array.from({ length: random.int(3) }, () => random.value());
        const response = await fetch(`${app.url}/_webMethods/src/backend/uploads.web.ts/${method}.ajax`, {
          method: 'POST',
          headers: { Authorization: owner, 'Content-Type': 'application/json' },
          body: JSON.stringify(args),
        });
        const text = await response.text();
        if (response.status >= 500 || text.includes('"exception":true'))
          failures.push(`${method}(${JSON.stringify(args).slice(0, 120)}): ${response.status} ${text.slice(0, 160)}`);
      }
    }
    expect(failures).toEqual([]);
    expect((await fetch(`${app.url}/site-media/v1/folders`, { headers: { Authorization: owner } })).status).toBe(200);
    expect(fs.readdirSync(root)).toEqual(['data']);
    const stored = await expectDiskMatchesRecords(app.url, owner, app.dataDir);
    for (const file of stored.filter((entry) => entry.operationStatus === 'READY')) {
      const bytes = fs.readFileSync(path.join(app.dataDir, 'media', file.id));
      expect(crypto.createHash('md5').update(bytes).digest('hex')).toBe(file.hash);
    }
  });
});
