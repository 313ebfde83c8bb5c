import { createHash, randomBytes } from 'node:crypto';
import dns, { type LookupAddress } from 'node:dns';
import fs from 'node:fs';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import net from 'node:net';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import mime from 'mime-types';
import type { Router } from '../platform/http.js';
import { readJsonBody, sendJson } from '../platform/http.js';
import { WixApiError } from '../platform/api-error.js';
import { requireAppOrUser, type TokenSigner } from '../platform/identity.js';
import { asRecord } from '../platform/json.js';
import type { FolderStore } from './folders.js';
import type { MediaFiles, MediaFileRecord } from './media-files.js';
import type { MediaProcessing } from './media-processing.js';
import { toFileDescriptor } from './descriptor.js';
import { inspectFile, mediaTypeOf } from './inspect.js';
import { displayNameOf, IMPORT_LIMITS, importViolations, MEDIA_ROOT_FOLDER_ID, splitFilePath, type ImportRequest } from './media-rules.js';

/**
 * Import File and Bulk Import File(s) (`/site-media/v1/files/import`, `/bulk/files/import`,
 * `/bulk/files/import-v2`, as @wix/media's typings describe them and Wix's "Importing Files"
 * article: https://dev.wix.com/docs/rest/assets/media/media-manager/importing-files). The answer is
 * a PENDING file at once; the bytes are fetched afterwards, then processed like an upload, and the
 * file ends READY or FAILED with File Ready / File Failed. The MIME type is the request's, else the
 * one of the extension of the name or the URL, else the one the link's server answers with.
 *
 * Where it fetches from. Wix fetches the URL from its own servers, so a link reaches only what is
 * public on the internet. The local Wix has no internet and runs on the developer's machine, so it
 * fetches only from loopback addresses (127.0.0.0/8, ::1): every address a name resolves to, every
 * redirect (at most 5) checked again, the address checked where the connection is made (no second
 * lookup a name could answer differently). Any other link is accepted as Wix accepts it, and the
 * file fails saying the local Wix does not fetch it, so it is never an open fetcher of the
 * developer's network. At most `maxBytes` are read; a link that sends more fails the file.
 */

export interface MediaImportsDeps {
  signer: TokenSigner;
  folders: FolderStore;
  files: MediaFiles;
  processing: MediaProcessing;
  mediaOrigin: () => string;
  mediaDir: string;
  mediaPrefix: string;
  maxBytes: number;
}

const MAX_REDIRECTS = 5;
const IDLE_TIMEOUT_MS = 30_000;

/** What a file being fetched says should the local Wix stop before the fetch ends (a restart settles it FAILED). */
const INTERRUPTED = { code: 'IMPORT_INTERRUPTED', description: 'The import stopped before the file arrived; import it again' };

class ImportFailure extends Error {
  constructor(
    readonly code: string,
    description: string,
  ) {
    super(description);
  }
}

export function isLoopbackAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '').toLowerCase();
  const v4 = bare.startsWith('::ffff:') ? bare.slice(7) : bare;
  if (net.isIPv4(v4)) return v4.startsWith('127.');
  return bare === '::1' || bare === '0:0:0:0:0:0:0:1';
}

const notFetched = (host: string) =>
  new ImportFailure(
    'IMPORT_NOT_FETCHED',
    `The local Wix fetches links only from this machine (127.0.0.1, ::1), not from ${host}; Wix itself fetches public links`,
  );

/** dns.lookup that answers only loopback addresses: the check is made where the connection is. */
function loopbackLookup(
  hostname: string,
  options: dns.LookupOptions,
  callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
): void {
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, '');
    const list = addresses as LookupAddress[];
    if (list.length === 0 || list.some((entry) => !isLoopbackAddress(entry.address))) return callback(notFetched(hostname), '');
    if (options.all) return callback(null, list);
    callback(null, list[0]!.address, list[0]!.family);
  });
}

function get(url: URL, signal: AbortSignal): Promise<IncomingMessage> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (net.isIP(host) && !isLoopbackAddress(host)) return Promise.reject(notFetched(host));
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.get(url, { lookup: loopbackLookup, signal, headers: { 'user-agent': 'local-wix-media-import' } }, resolve);
    request.setTimeout(IDLE_TIMEOUT_MS, () =>
      request.destroy(new ImportFailure('IMPORT_TIMEOUT', 'The link gave no answer for 30 seconds')),
    );
    request.on('error', reject);
  });
}

/** The response of the link, redirects followed (each checked as the first). */
async function fetchLink(link: string, signal: AbortSignal): Promise<IncomingMessage> {
  let url = new URL(link);
  for (let hop = 0; ; hop += 1) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new ImportFailure('IMPORT_FAILED', `The link redirects to ${url.protocol} which is not a web address`);
    }
    const response = await get(url, signal);
    const status = response.statusCode ?? 0;
    if (status >= 300 && status < 400 && response.headers.location) {
      response.resume();
      if (hop >= MAX_REDIRECTS) throw new ImportFailure('IMPORT_FAILED', `The link redirects more than ${MAX_REDIRECTS} times`);
      url = new URL(response.headers.location, url);
      continue;
    }
    if (status < 200 || status >= 300) {
      response.resume();
      throw new ImportFailure('IMPORT_FAILED', `The link's server answered ${status}`);
    }
    return response;
  }
}

function extensionOf(name: string): string | undefined {
  return /\.([A-Za-z0-9]{1,10})$/.exec(name)?.[1]?.toLowerCase();
}

/** The last segment of the URL's path, decoded: the name a file takes when none is given. */
function nameFromUrl(link: string): string {
  const segment = new URL(link).pathname.split('/').filter(Boolean).pop() ?? '';
  try {
    return decodeURIComponent(segment) || 'imported-file';
  } catch {
    return segment || 'imported-file';
  }
}

function mimeTypeOfName(name: string): string | undefined {
  return mime.lookup(name) || undefined;
}

export class MediaImports {
  private readonly running = new Map<string, AbortController>();

  constructor(private readonly deps: MediaImportsDeps) {}

  /** Refuses a request whose parent folder does not exist, before any file of a batch is made. */
  checkFolder(request: ImportRequest): void {
    this.deps.folders.require(request.parentFolderId || MEDIA_ROOT_FOLDER_ID, 'parentFolderId');
  }

  /** Makes the PENDING file of an import request (checked) and starts fetching its bytes. */
  start(request: ImportRequest): MediaFileRecord {
    const { folders, files, mediaPrefix } = this.deps;
    this.checkFolder(request);
    const parent = request.parentFolderId || MEDIA_ROOT_FOLDER_ID;
    const folderId = folders.ensurePath(parent, splitFilePath(request.filePath));
    const displayName = displayNameOf(request.displayName || nameFromUrl(request.url));
    const declared = request.mimeType || mimeTypeOfName(displayName) || mimeTypeOfName(new URL(request.url).pathname);
    const ext = extensionOf(displayName) ?? (declared ? mime.extension(declared) || undefined : undefined) ?? 'bin';
    const now = new Date().toISOString();
    const record: MediaFileRecord = {
      id: `${mediaPrefix}_${randomBytes(16).toString('hex')}~mv2.${ext}`,
      displayName,
      parentFolderId: folderId,
      hash: '',
      sizeInBytes: 0,
      private: request.private ?? false,
      mediaType: declared ? mediaTypeOf(declared) : 'OTHER',
      mimeType: declared ?? '',
      labels: request.labels ?? [],
      operationStatus: 'PENDING',
      failure: INTERRUPTED,
      createdAt: now,
      updatedAt: now,
    };
    files.insert(record);
    const controller = new AbortController();
    this.running.set(record.id, controller);
    void this.fetchInto(record, request, declared, controller.signal).finally(() => this.running.delete(record.id));
    return record;
  }

  /** Stops the fetches under way; their files say they were interrupted (processed FAILED after a restart). */
  stop(): void {
    for (const controller of this.running.values()) controller.abort();
    this.running.clear();
  }

  private async fetchInto(
    record: MediaFileRecord,
    request: ImportRequest,
    declared: string | undefined,
    signal: AbortSignal,
  ): Promise<void> {
    const { files, processing, mediaDir, maxBytes } = this.deps;
    const partial = path.join(mediaDir, `.import-${record.id}`);
    try {
      const response = await fetchLink(request.url, signal);
      const answered = response.headers['content-type']?.split(';')[0]?.trim();
      const mimeType = declared ?? answered;
      if (!mimeType) {
        response.resume();
        throw new ImportFailure('UNKNOWN_MIME_TYPE', 'The file type cannot be told from the request, the name, the link or its server');
      }
      const md5 = createHash('md5');
      let size = 0;
      const counter = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          size += chunk.length;
          if (size > maxBytes) return done(new ImportFailure('FILE_TOO_LARGE', `The file is larger than ${maxBytes} bytes`));
          md5.update(chunk);
          done(null, chunk);
        },
      });
      await pipeline(response, counter, fs.createWriteStream(partial), { signal });
      const inspection = await inspectFile(partial, mimeType);
      await fs.promises.rename(partial, path.join(mediaDir, record.id));
      files.completeImport(record.id, {
        hash: md5.digest('hex'),
        sizeInBytes: size,
        mediaType: inspection.mediaType,
        mimeType: inspection.mimeType,
        width: inspection.width,
        height: inspection.height,
        failure: inspection.failure,
      });
    } catch (error) {
      await fs.promises.rm(partial, { force: true });
      if (signal.aborted) return; // stopped: the file keeps INTERRUPTED, settled after a restart
      const failure =
        error instanceof ImportFailure
          ? { code: error.code, description: error.message }
          : { code: 'IMPORT_FAILED', description: `The link could not be fetched: ${(error as Error).message}` };
      files.completeImport(record.id, { ...record, failure });
    }
    processing.schedule(record.id);
  }
}

function readImportRequest(body: unknown, prefix = ''): ImportRequest {
  const violations = importViolations(body, prefix);
  if (violations.length > 0) throw WixApiError.validation(violations);
  return body as ImportRequest;
}

function readBulk(body: unknown): ImportRequest[] {
  const { importFileRequests } = asRecord(body);
  if (!Array.isArray(importFileRequests) || importFileRequests.length === 0 || importFileRequests.length > IMPORT_LIMITS.bulkMaxItems) {
    throw WixApiError.validation([
      {
        field: 'importFileRequests',
        description: `must be a list of 1 to ${IMPORT_LIMITS.bulkMaxItems} import requests`,
        violatedRule: 'MAX_SIZE',
        data: { threshold: IMPORT_LIMITS.bulkMaxItems },
      },
    ]);
  }
  const violations = importFileRequests.flatMap((request, index) => importViolations(request, `importFileRequests[${index}].`));
  if (violations.length > 0) throw WixApiError.validation(violations);
  return importFileRequests as ImportRequest[];
}

export function mountMediaImports(router: Router, imports: MediaImports, deps: Pick<MediaImportsDeps, 'signer' | 'mediaOrigin'>): void {
  const describe = (file: MediaFileRecord) => toFileDescriptor(file, deps.mediaOrigin());

  const readBulkOf = async (req: IncomingMessage) => {
    const requests = readBulk(await readJsonBody(req));
    for (const request of requests) imports.checkFolder(request);
    return requests;
  };

  router.on('POST', '/site-media/v1/files/import', async ({ req, res }) => {
    requireAppOrUser(await deps.signer.authenticate(req));
    const request = readImportRequest(await readJsonBody(req));
    sendJson(res, 200, { file: describe(imports.start(request)) });
  });

  // Bulk Import Files (deprecated in the typings, still served): the files, in the order asked.
  router.on('POST', '/site-media/v1/bulk/files/import', async ({ req, res }) => {
    requireAppOrUser(await deps.signer.authenticate(req));
    const requests = await readBulkOf(req);
    sendJson(res, 200, { files: requests.map((request) => describe(imports.start(request))) });
  });

  // Bulk Import File: a result per request with its index; `returnEntity` (default true) includes the file.
  router.on('POST', '/site-media/v1/bulk/files/import-v2', async ({ req, res }) => {
    requireAppOrUser(await deps.signer.authenticate(req));
    const body = await readJsonBody(req);
    const requests = readBulk(body);
    for (const request of requests) imports.checkFolder(request);
    const returnEntity = asRecord(body).returnEntity !== false;
    const results = requests.map((request, originalIndex) => {
      const file = imports.start(request);
      return { itemMetadata: { id: file.id, originalIndex, success: true }, ...(returnEntity ? { item: describe(file) } : {}) };
    });
    sendJson(res, 200, { results, bulkActionMetadata: { totalSuccesses: results.length, totalFailures: 0, undetailedFailures: 0 } });
  });
}
