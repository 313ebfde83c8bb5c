/**
 * Each assumption the app makes where Wix documents nothing (src/shared/wix-errors.ts, the
 * hash, CORS, events), asked of a target: what it answered, and which variant of the local Wix
 * (local/emulator/platform/variants.ts) that answer is. On a real site the table says which world
 * the app is in; on the local Wix it must name the variant the local Wix runs.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { decodeJwt } from 'jose';
import { UPLOAD_LOG } from '../../../src/backend/data-collections.js';
import { WIX_ERROR_CODES, type WixErrorCodeName } from '../../../src/shared/wix-errors.js';
import type { WixVariant } from '../../../local/emulator/platform/variants.js';
import { makePng } from '../../support/files.js';
import { createTusUpload, finalizeUpload, patchTus, tusMetadataHeader, tusOffset } from '../../support/upload-session.js';
import { requestJson } from '../../support/wix-http.js';
import type { ContractTarget, PageContext } from './target.js';

/** Which variant an answer is: the app's assumption ('default'), another, none the local Wix has, or not asked. */
export type Match = 'default' | WixVariant | 'unknown' | 'not checked';

export interface Finding {
  assumption: string;
  /** The codes of wix-error-codes.ts this row is about. */
  codes: WixErrorCodeName[];
  /** Those the target answered with. */
  observed: WixErrorCodeName[];
  answered: string;
  matches: Match[];
}

interface Answer {
  status: number;
  code?: string;
  data?: Record<string, unknown>;
}

const RUN = `contract-${Date.now().toString(36)}`;
const MIB = 1024 * 1024;

/**
 * A PATCH that announces `announced` bytes and sends `sent` of them, then waits up to `waitMs` for
 * an answer before its connection is cut, as a dropped link cuts it: the status answered, if any.
 */
function cutPatch(tusUrl: string, announced: number, sent: number, waitMs: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const url = new URL(tusUrl);
    const request = (url.protocol === 'https:' ? https : http).request(url, {
      method: 'PATCH',
      headers: {
        'Tus-Resumable': '1.0.0',
        'Upload-Offset': '0',
        'Content-Type': 'application/offset+octet-stream',
        'Content-Length': String(announced),
      },
    });
    let answered: number | undefined;
    const cut = setTimeout(() => request.destroy(), waitMs);
    request.on('response', (response) => {
      answered = response.statusCode;
      response.resume();
      clearTimeout(cut);
      request.destroy();
    });
    request.on('error', () => undefined);
    request.on('close', () => resolve(answered));
    request.write(crypto.randomBytes(sent));
  });
}

async function rawAnswer(response: Response): Promise<Answer> {
  const text = await response.text();
  let body: { details?: { applicationError?: { code?: string; data?: Record<string, unknown> } } } = {};
  try {
    body = text ? (JSON.parse(text) as typeof body) : {};
  } catch {
    // A plain-text answer has no code.
  }
  return { status: response.status, code: body.details?.applicationError?.code, data: body.details?.applicationError?.data };
}

function describe(answer: Answer, dataKey?: string): string {
  const data = dataKey && answer.data?.[dataKey] !== undefined ? ` with data.${dataKey}` : '';
  return `${answer.status} ${answer.code ?? '(no code)'}${data}`;
}

/** An answer of the upload host, against the code the app assumes for it (and the datum it reads, if any). */
function hostFinding(assumption: string, expected: WixErrorCodeName, answer: Answer, dataKey?: string): Finding {
  const status = WIX_ERROR_CODES[expected].status;
  const complete = answer.code === expected && (!dataKey || answer.data?.[dataKey] !== undefined);
  const match: Match =
    answer.status === status && complete ? 'default' : answer.status === status && !answer.code ? 'errors-status-only' : 'unknown';
  return {
    assumption,
    codes: [expected],
    observed: answer.code === expected ? [expected] : [],
    answered: describe(answer, dataKey),
    matches: [match],
  };
}

const notChecked = (assumption: string, codes: WixErrorCodeName[], why: string): Finding => ({
  assumption,
  codes,
  observed: [],
  answered: why,
  matches: ['not checked'],
});

/** The SDK's error, as the app's backend sees it: status, application code, or a validation rule. */
function sdkAnswer(error: unknown): { status?: number; code?: string; rule?: string } {
  const sdkError = error as {
    status?: number;
    details?: { applicationError?: { code?: string }; validationError?: { fieldViolations?: { ruleName?: string }[] } };
  };
  return {
    status: sdkError?.status,
    code: sdkError?.details?.applicationError?.code,
    rule: sdkError?.details?.validationError?.fieldViolations?.find((violation) => violation.ruleName)?.ruleName,
  };
}

/** A not-found from the Media Manager: 404 with the code the app assumes, or the typings' 400 RESOURCE_NOT_FOUND. */
function notFoundFinding(assumption: string, expected: 'FILE_NOT_FOUND' | 'FOLDER_NOT_FOUND', error: unknown): Finding {
  const { status, code, rule } = sdkAnswer(error);
  const codes: WixErrorCodeName[] = [expected, 'RESOURCE_NOT_FOUND'];
  if (status === WIX_ERROR_CODES[expected].status && code === expected) {
    return { assumption, codes, observed: [expected], answered: `${status} ${code}`, matches: ['default'] };
  }
  if (rule === 'RESOURCE_NOT_FOUND') {
    return {
      assumption,
      codes,
      observed: ['RESOURCE_NOT_FOUND'],
      answered: `${status} validation RESOURCE_NOT_FOUND`,
      matches: ['not-found-400'],
    };
  }
  return { assumption, codes, observed: [], answered: `${status ?? 'no answer'} ${code ?? rule ?? '(no code)'}`, matches: ['unknown'] };
}

export class Prober {
  /** The files the probes made: any other file the target announces is not the app's. */
  private readonly made = new Set<string>();

  constructor(private readonly target: ContractTarget) {}

  private async generate(fileName: string, mimeType = 'text/plain', options: { parentFolderId?: string } = {}) {
    const answer = await this.target.wix.files.generateFileResumableUploadUrl(mimeType, { fileName, uploadProtocol: 'TUS', ...options });
    return { uploadUrl: answer.uploadUrl!, uploadToken: answer.uploadToken! };
  }

  /** A complete upload of `bytes`, not finalized: its session and tus URL. */
  private async uploaded(name: string, bytes: Buffer, mimeType = 'text/plain') {
    const session = await this.generate(name, mimeType);
    const created = await createTusUpload(
      session.uploadUrl,
      bytes.length,
      { filename: name, contentType: mimeType, token: session.uploadToken },
      bytes,
    );
    if (created.status !== 201) throw new Error(`the tus creation answered ${created.status}: ${created.text}`);
    return { ...session, tusUrl: new URL(created.location!, session.uploadUrl).href };
  }

  async all(): Promise<Finding[]> {
    return [
      await this.missingToken(),
      await this.forgedToken(),
      await this.secondCreation(),
      await this.earlyFinalize(),
      await this.secondFinalize(),
      await this.concurrentFinalizes(),
      await this.terminatedFinalize(),
      await this.bytesGone(),
      await this.expiredToken(),
      await this.unknownFolder(),
      await this.unknownFile(),
      await this.batchWithUnknownFile(),
      await this.missingCollection(),
      await this.refusedAction(),
      await this.fileHash(),
      await this.cutRequestKept(),
      await this.bodyLimit(),
      await this.pageRequests('dashboard', this.target.pages.dashboard, 'cors-dashboard'),
      await this.pageRequests('site', this.target.pages.site, 'cors-site'),
      await this.events(),
    ];
  }

  async missingToken(): Promise<Finding> {
    const { uploadUrl } = await this.generate('x.txt');
    const response = await fetch(uploadUrl, { method: 'POST', headers: { 'Tus-Resumable': '1.0.0', 'Upload-Length': '1' } });
    return hostFinding('a tus creation without the token is refused', 'MISSING_UPLOAD_TOKEN', await rawAnswer(response));
  }

  async forgedToken(): Promise<Finding> {
    const { uploadUrl, uploadToken } = await this.generate('x.txt');
    const forged = await createTusUpload(uploadUrl, 1, { token: `${uploadToken.slice(0, -4)}AAAA` });
    return hostFinding(
      'a tus creation with a forged token is refused',
      'INVALID_UPLOAD_TOKEN',
      await rawAnswer(new Response(forged.text, { status: forged.status })),
    );
  }

  async secondCreation(): Promise<Finding> {
    const { uploadUrl, uploadToken } = await this.generate('x.txt');
    const metadata = { filename: 'x.txt', contentType: 'text/plain', token: uploadToken };
    await createTusUpload(uploadUrl, 4, metadata);
    const again = await createTusUpload(uploadUrl, 4, metadata);
    return hostFinding(
      'a second tus creation with one token is refused',
      'UPLOAD_ALREADY_STARTED',
      await rawAnswer(new Response(again.text, { status: again.status })),
    );
  }

  async earlyFinalize(): Promise<Finding> {
    const { uploadUrl, uploadToken } = await this.generate('half.bin', 'application/octet-stream');
    const created = await createTusUpload(uploadUrl, 10, {
      filename: 'half.bin',
      contentType: 'application/octet-stream',
      token: uploadToken,
    });
    await patchTus(new URL(created.location!, uploadUrl).href, 0, Buffer.alloc(4));
    const answer = await this.finalize(uploadUrl, uploadToken, 'half.bin');
    return hostFinding('a finalize before every byte arrived says how many did', 'UPLOAD_INCOMPLETE', answer, 'offset');
  }

  async secondFinalize(): Promise<Finding> {
    const { uploadUrl, uploadToken } = await this.uploaded(`${RUN}-once.txt`, Buffer.from('once'));
    await this.finalize(uploadUrl, uploadToken, `${RUN}-once.txt`);
    const answer = await this.finalize(uploadUrl, uploadToken, `${RUN}-once.txt`);
    return hostFinding('a second finalize of a token names the file the first made', 'UPLOAD_TOKEN_USED', answer, 'fileId');
  }

  /** Several finalizes of one token at once: one makes the file, the others meet it in progress (or already made). */
  async concurrentFinalizes(): Promise<Finding> {
    let last: Answer[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      const { uploadUrl, uploadToken } = await this.uploaded(
        `${RUN}-race-${attempt}.bin`,
        crypto.randomBytes(256 * 1024),
        'application/octet-stream',
      );
      last = await Promise.all(Array.from({ length: 4 }, () => this.finalize(uploadUrl, uploadToken, `${RUN}-race-${attempt}.bin`)));
      const inProgress = last.find((answer) => answer.status === 409 && answer.code !== 'UPLOAD_TOKEN_USED');
      if (inProgress)
        return hostFinding(
          'a finalize while another of the same token runs is refused, to be asked again',
          'FINALIZE_IN_PROGRESS',
          inProgress,
        );
    }
    return {
      assumption: 'a finalize while another of the same token runs is refused, to be asked again',
      codes: ['FINALIZE_IN_PROGRESS'],
      observed: [],
      answered: `the finalizes did not overlap (${last.map((answer) => describe(answer)).join(', ')})`,
      matches: ['not checked'],
    };
  }

  async terminatedFinalize(): Promise<Finding> {
    const { uploadUrl, uploadToken, tusUrl } = await this.uploaded('gone.txt', Buffer.from('gone'));
    await fetch(tusUrl, { method: 'DELETE', headers: { 'Tus-Resumable': '1.0.0' } });
    return hostFinding(
      'a finalize of a deleted (terminated) upload is refused',
      'UPLOAD_TERMINATED',
      await this.finalize(uploadUrl, uploadToken, 'gone.txt'),
    );
  }

  async bytesGone(): Promise<Finding> {
    const assumption = 'a finalize whose bytes the upload host no longer has is refused as gone';
    const local = this.target.local;
    if (!local) return notChecked(assumption, ['UPLOAD_GONE'], 'cannot be provoked from outside Wix');
    const { uploadUrl, uploadToken, tusUrl } = await this.uploaded('lost.txt', Buffer.from('lost'));
    const tusId = new URL(tusUrl).pathname.split('/').at(-1)!;
    const uploads = path.join(local.app.dataDir, 'uploads');
    for (const name of fs.readdirSync(uploads)) if (name.startsWith(tusId)) fs.rmSync(path.join(uploads, name), { force: true });
    return hostFinding(assumption, 'UPLOAD_GONE', await this.finalize(uploadUrl, uploadToken, 'lost.txt'));
  }

  async expiredToken(): Promise<Finding> {
    const assumption = 'a tus request with an expired upload token is refused';
    const local = this.target.local;
    if (!local) return notChecked(assumption, ['UPLOAD_EXPIRED'], "would take the token's lifetime");
    const { uploadToken, tusUrl } = await this.uploaded('late.txt', Buffer.from('late'));
    local.app.wix.db.prepare('UPDATE upload_sessions SET expires_at = 0 WHERE id = ?').run(decodeJwt(uploadToken).jti);
    // A PATCH, not a HEAD: an answer to HEAD carries no body, so no code.
    return hostFinding(assumption, 'UPLOAD_EXPIRED', await rawAnswer(await patchTus(tusUrl, 4, Buffer.alloc(0))));
  }

  async unknownFolder(): Promise<Finding> {
    const refusal = await this.generate('x.png', 'image/png', { parentFolderId: `${RUN}-no-such-folder` }).catch((error: unknown) => error);
    return notFoundFinding('a parentFolderId that does not exist is refused', 'FOLDER_NOT_FOUND', refusal);
  }

  async unknownFile(): Promise<Finding> {
    const refusal = await this.target.wix.files.getFileDescriptor(`${RUN}-nope~mv2.txt`).catch((error: unknown) => error);
    return notFoundFinding('a file id that does not exist is not found', 'FILE_NOT_FOUND', refusal);
  }

  /** The app asks each file alone when a batch is refused for one unknown id; either answer is handled. */
  async batchWithUnknownFile(): Promise<Finding> {
    const assumption = 'a batch of file descriptors with one unknown id is refused whole';
    const known = await this.finalized(`${RUN}-known.txt`, Buffer.from('known'));
    try {
      const answer = await this.target.wix.files.getFileDescriptors([known, `${RUN}-nope~mv2.txt`]);
      return {
        assumption,
        codes: ['FILE_NOT_FOUND'],
        observed: [],
        answered: `200 with ${answer.files?.length ?? 0} of 2 files`,
        matches: ['unknown'],
      };
    } catch (error) {
      return notFoundFinding(assumption, 'FILE_NOT_FOUND', error);
    }
  }

  async missingCollection(): Promise<Finding> {
    const assumption = 'a collection that does not exist is WDE0025';
    try {
      await this.target.wix.items.query(`${RUN}-no-such-collection`).limit(1).find();
      return { assumption, codes: ['WDE0025'], observed: [], answered: '200: the collection was found', matches: ['unknown'] };
    } catch (error) {
      const { status, code } = sdkAnswer(error);
      // The Data SDK's errors carry the code, not the HTTP status.
      if (code === 'WDE0025') return { assumption, codes: ['WDE0025'], observed: ['WDE0025'], answered: 'WDE0025', matches: ['default'] };
      if (status === 401 || status === 403 || code === 'PERMISSION_DENIED' || code === 'UNAUTHENTICATED') {
        return notChecked(assumption, ['WDE0025'], `${code ?? status}: the API key has no Wix Data permission`);
      }
      return {
        assumption,
        codes: ['WDE0025'],
        observed: [],
        answered: `${status ?? ''} ${code ?? '(no code)'}`.trim(),
        matches: ['unknown'],
      };
    }
  }

  async refusedAction(): Promise<Finding> {
    const assumption = 'a visitor reading a privileged-only collection is WDE0027';
    const local = this.target.local;
    if (!local) return notChecked(assumption, ['WDE0027'], "needs a visitor's identity on the site");
    const visitor = await local.app.issueToken('VISITOR');
    const response = await requestJson<{ details?: { applicationError?: { code?: string } } }>(`${local.app.url}/wix-data/v2/items/query`, {
      token: visitor,
      body: { dataCollectionId: UPLOAD_LOG.id, query: {} },
    });
    const code = response.body.details?.applicationError?.code;
    const ok = response.status === WIX_ERROR_CODES.WDE0027.status && code === 'WDE0027';
    return {
      assumption,
      codes: ['WDE0027'],
      observed: ok ? ['WDE0027'] : [],
      answered: `${response.status} ${code ?? '(no code)'}`,
      matches: [ok ? 'default' : 'unknown'],
    };
  }

  async fileHash(): Promise<Finding> {
    const png = makePng(23, 17);
    const name = `${RUN}-hash.png`;
    const { uploadUrl, uploadToken } = await this.uploaded(name, png, 'image/png');
    const finalized = await finalizeUpload(uploadUrl, uploadToken, name);
    this.made.add(String(finalized.body.file.id));
    const hash = finalized.body.file.hash;
    const md5 = crypto.createHash('md5').update(png).digest('hex');
    const sha256 = crypto.createHash('sha256').update(png).digest('hex');
    const [answered, match]: [string, Match] =
      hash === undefined || hash === ''
        ? ['no hash', 'hash-absent']
        : hash === md5
          ? ['the md5 of the bytes', 'default']
          : hash === sha256
            ? ['the SHA-256 of the bytes', 'hash-sha256']
            : /^[0-9a-f]{32}$/i.test(String(hash))
              ? ['32 hex digits, not the md5 of the bytes', 'hash-opaque']
              : [`"${String(hash).slice(0, 80)}"`, 'unknown'];
    return { assumption: "a file's hash is the md5 of its bytes", codes: [], observed: [], answered, matches: [match] };
  }

  /** Whether the upload host keeps what a cut PATCH carried, as tus asks: the offset after 4 MiB of 8 were sent and the link cut. */
  async cutRequestKept(): Promise<Finding> {
    const assumption = 'the upload host keeps what a request cut short carried';
    const name = `${RUN}-cut.bin`;
    const session = await this.generate(name, 'application/octet-stream');
    const created = await createTusUpload(session.uploadUrl, 8 * MIB, {
      filename: name,
      contentType: 'application/octet-stream',
      token: session.uploadToken,
    });
    const tusUrl = new URL(created.location!, session.uploadUrl).href;
    await cutPatch(tusUrl, 8 * MIB, 4 * MIB, 1000);
    // What reached the host is written once the host sees the cut.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const offset = await tusOffset(tusUrl);
    await fetch(tusUrl, { method: 'DELETE', headers: { 'Tus-Resumable': '1.0.0' } });
    const answered = `offset ${offset} after 4 MiB of a cut request`;
    return { assumption, codes: [], observed: [], answered, matches: [offset > 0 ? 'default' : 'cut-requests-lost'] };
  }

  /** Whether a request announcing more than 100 MB (Cloudflare's Free and Pro limit) is refused before its body: a 413 at once. */
  async bodyLimit(): Promise<Finding> {
    const assumption = 'nothing on the way to the upload host refuses a request body of 100 MB';
    const name = `${RUN}-large.bin`;
    const announced = 100_000_001;
    const session = await this.generate(name, 'application/octet-stream');
    const created = await createTusUpload(session.uploadUrl, announced, {
      filename: name,
      contentType: 'application/octet-stream',
      token: session.uploadToken,
    });
    const tusUrl = new URL(created.location!, session.uploadUrl).href;
    const status = await cutPatch(tusUrl, announced, 64 * 1024, 1500);
    await fetch(tusUrl, { method: 'DELETE', headers: { 'Tus-Resumable': '1.0.0' } });
    const answered = status === undefined ? 'no answer before the body: taken' : `${status} before the body`;
    const match: Match = status === undefined ? 'default' : status === 413 ? 'proxy-body-limit' : 'unknown';
    return { assumption, codes: [], observed: [], answered, matches: [match] };
  }

  /**
   * Whether the upload host answers the app's page: on a real site, a browser's preflights from the
   * page's origin for the tus creation and the finalize PUT; locally (one origin), a request from it.
   */
  async pageRequests(which: 'dashboard' | 'site', page: PageContext, refusal: WixVariant): Promise<Finding> {
    const assumption = `the upload host lets the ${which}'s pages send tus requests and the finalize PUT (${page.origin})`;
    const { uploadUrl, uploadToken } = await this.generate('cors.txt');
    if (this.target.kind === 'wix') {
      const preflight = async (url: string, method: string, headers: string) => {
        const response = await fetch(url, {
          method: 'OPTIONS',
          headers: { Origin: page.origin, 'Access-Control-Request-Method': method, 'Access-Control-Request-Headers': headers },
        });
        const origin = response.headers.get('access-control-allow-origin');
        const methods = (response.headers.get('access-control-allow-methods') ?? '').toUpperCase().split(/\s*,\s*/);
        return response.status < 300 && (origin === '*' || origin === page.origin) && methods.includes(method);
      };
      const tus = await preflight(uploadUrl, 'POST', 'tus-resumable,upload-length,upload-metadata');
      const put = await preflight(`${uploadUrl}/${uploadToken}`, 'PUT', '');
      const answered = `tus: ${tus ? 'allowed' : 'refused'}, finalize PUT: ${put ? 'allowed' : 'refused (the app finalizes through its backend)'}`;
      return { assumption, codes: [], observed: [], answered, matches: [tus ? 'default' : refusal] };
    }
    const answered = await fetch(uploadUrl, {
      method: 'POST',
      headers: {
        Origin: page.origin,
        Referer: page.referer,
        'Tus-Resumable': '1.0.0',
        'Upload-Length': '1',
        'Upload-Metadata': tusMetadataHeader({ filename: 'cors.txt', contentType: 'text/plain', token: uploadToken }),
      },
    }).then(
      (response) => `answered ${response.status}`,
      () => undefined,
    );
    return { assumption, codes: [], observed: [], answered: answered ?? 'no answer', matches: [answered ? 'default' : refusal] };
  }

  /** When File Ready comes for the app's files, and whether it comes for others: what the local Wix sent. */
  async events(): Promise<Finding> {
    const assumption = "File Ready comes promptly, for each of the app's files and for no other";
    const local = this.target.local;
    if (!local) return notChecked(assumption, [], 'the contract suite receives no events: see docs/REAL-SITE.md');
    const ours = [
      await this.finalized(`${RUN}-event-1.txt`, Buffer.from('one')),
      await this.finalized(`${RUN}-event-2.txt`, Buffer.from('two')),
    ];
    const db = local.app.wix.db;
    const settledAt = (fileId: string) =>
      db.prepare("SELECT updated_at AS at FROM files WHERE id = ? AND operation_status != 'PENDING'").get(fileId) as
        | { at: string }
        | undefined;
    const outbox = () =>
      (db.prepare('SELECT payload, delivered_at FROM outbox').all() as { payload: string; delivered_at: number | null }[]).map((row) => ({
        fileId: String((JSON.parse(row.payload) as { entityId?: string }).entityId),
        deliveredAt: row.delivered_at,
      }));
    const deadline = Date.now() + local.eventDelayMs + 3000;
    let rows = outbox();
    while (Date.now() < deadline) {
      rows = outbox();
      const settled = ours.every((fileId) => settledAt(fileId));
      if (settled && ours.every((fileId) => rows.some((row) => row.fileId === fileId && row.deliveredAt !== null))) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const matches: Match[] = [];
    const lateness = ours.map((fileId) => {
      const delivered = rows.find((row) => row.fileId === fileId)?.deliveredAt;
      const settled = settledAt(fileId);
      return delivered && settled ? delivered - Date.parse(settled.at) : undefined;
    });
    if (lateness.some((ms) => ms === undefined)) matches.push('events-missing');
    if (lateness.some((ms) => ms !== undefined && ms > local.eventDelayMs / 2)) matches.push('events-late');
    const foreign = rows.filter((row) => !this.made.has(row.fileId));
    if (foreign.length > 0) matches.push('events-foreign');
    const answered =
      `${lateness.map((ms) => (ms === undefined ? 'never' : `${ms} ms after processing`)).join(', ')}` +
      (foreign.length > 0 ? `; ${foreign.length} for files the app did not upload` : '');
    return { assumption, codes: [], observed: [], answered, matches: matches.length > 0 ? matches : ['default'] };
  }

  private async finalize(uploadUrl: string, uploadToken: string, filename: string): Promise<Answer & { fileId?: string }> {
    const response = await fetch(`${uploadUrl}/${encodeURIComponent(uploadToken)}?filename=${encodeURIComponent(filename)}`, {
      method: 'PUT',
    });
    if (response.status !== 200) return rawAnswer(response);
    const fileId = String(((await response.json()) as { file: { id: string } }).file.id);
    this.made.add(fileId);
    return { status: 200, fileId };
  }

  private async finalized(name: string, bytes: Buffer, mimeType = 'text/plain'): Promise<string> {
    const { uploadUrl, uploadToken } = await this.uploaded(name, bytes, mimeType);
    const answer = await this.finalize(uploadUrl, uploadToken, name);
    if (!answer.fileId) throw new Error(`the finalize of ${name} answered ${describe(answer)}`);
    return answer.fileId;
  }
}

/** The findings as a table: assumption → what the target answered → the variant it matches. */
export function findingsTable(findings: readonly Finding[]): string {
  const rows = findings.map((finding) => [
    finding.assumption + (finding.codes.length > 0 ? ` [${finding.codes.join(', ')}]` : ''),
    finding.answered,
    finding.matches.join(', '),
  ]);
  const header = ['assumption', 'what it answered', 'variant it matches'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}
