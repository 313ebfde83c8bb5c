import type { LocalApp } from '../../local/server.js';
import { DEFAULT_VISITOR_UPLOAD_RULES, type VisitorUploadRules } from '../../src/policies/visitor-rules-policy.js';
import { VISITOR_CLAIMS, VISITOR_FILES } from '../../src/backend/data-collections.js';
import { callWebModule, requestJson } from './wix-http.js';
import { createTusUpload, finalizeUpload, tusMetadataHeader } from './upload-session.js';
import { MP4_HEADER } from './files.js';

export const VISITOR_MODULE = 'src/backend/visitor-uploads.web.ts';

export type Answer = Record<string, unknown> & { ok?: boolean; reason?: string; code?: string };
export interface Ticket {
  submissionId: string;
  secret: string;
}
export interface Session {
  uploadUrl: string;
  uploadToken: string;
}
export interface StoredFile {
  id: string;
  displayName: string;
  sizeInBytes: string;
  parentFolderId: string;
  operationStatus: string;
  labels: string[];
}

export const DETAILS = { name: 'Ana', email: 'ana@example.com', message: 'Our wedding film' };

/** A video the local Media Manager accepts as one: an MP4 header, then `size` bytes in all. */
export function mp4(size = 600): Buffer {
  return Buffer.concat([MP4_HEADER, Buffer.alloc(Math.max(0, size - MP4_HEADER.length), 7)]);
}

/**
 * The site widget's server as a visitor (or an attacker) reaches it: its web methods over HTTP, tus
 * and the finalize straight to the upload URL it hands out; and what the owner sees.
 */
export class VisitorSite {
  private constructor(
    readonly app: LocalApp,
    readonly owner: string,
  ) {}

  static async of(app: LocalApp): Promise<VisitorSite> {
    return new VisitorSite(app, await app.issueToken('USER'));
  }

  /** A web method's result; a 5xx or a thrown error (Wix's "exception" answer) fails the caller. */
  async call<T = Answer>(token: string, method: string, ...args: unknown[]): Promise<T> {
    const { status, body } = await callWebModule<T>(this.app.url, token, VISITOR_MODULE, method, ...args);
    if (status >= 500 || body.exception) throw new Error(`${method} answered ${status}: ${JSON.stringify(body).slice(0, 300)}`);
    return body.result;
  }

  async setRules(rules: Partial<VisitorUploadRules>): Promise<VisitorUploadRules> {
    const saved = await this.call<Answer & { rules: VisitorUploadRules }>(this.owner, 'saveVisitorUploadRules', {
      ...DEFAULT_VISITOR_UPLOAD_RULES,
      enabled: true,
      maxFileSizeGb: undefined,
      ...rules,
      // The typed size, when given, says the bytes.
      ...(rules.maxFileSizeGb === undefined ? {} : { maxFileSizeBytes: undefined }),
    });
    if (!saved.ok) throw new Error(`the rules were refused: ${JSON.stringify(saved)}`);
    return saved.rules;
  }

  visitor(): Promise<string> {
    return this.app.issueToken('VISITOR');
  }

  /** `firstFiles`: upload requests whose answers come with the submission (`sessions`). */
  start(
    token: string,
    details: Record<string, unknown> = DETAILS,
    firstFiles?: Record<string, unknown>[],
  ): Promise<Answer & Partial<Ticket> & { sessions?: (Answer | null)[] }> {
    return firstFiles
      ? this.call(token, 'startVisitorSubmission', details, firstFiles)
      : this.call(token, 'startVisitorSubmission', details);
  }

  async ticket(token: string): Promise<Ticket> {
    const started = await this.start(token);
    if (!started.ok || !started.submissionId || !started.secret) throw new Error(`no submission: ${JSON.stringify(started)}`);
    return { submissionId: started.submissionId, secret: started.secret };
  }

  session(token: string, ticket: Ticket, request: Record<string, unknown>): Promise<Answer & { session?: Session }> {
    return this.call(token, 'createVisitorUploadSession', { ...ticket, request });
  }

  /** Sends the bytes for a session over tus and finalizes it; the file id. `deferLength`: the size is told only with the bytes. */
  async send(session: Session, bytes: Buffer, fileName = 'film.mp4', options: { deferLength?: boolean } = {}): Promise<string> {
    const metadata = { filename: fileName, contentType: 'video/mp4', token: session.uploadToken };
    if (options.deferLength) {
      const created = await fetch(session.uploadUrl, {
        method: 'POST',
        headers: { 'Tus-Resumable': '1.0.0', 'Upload-Defer-Length': '1', 'Upload-Metadata': tusMetadataHeader(metadata) },
      });
      if (created.status !== 201) throw new Error(`deferred creation answered ${created.status}: ${await created.text()}`);
      const location = new URL(created.headers.get('location') ?? '', session.uploadUrl).href;
      const patched = await fetch(location, {
        method: 'PATCH',
        headers: {
          'Tus-Resumable': '1.0.0',
          'Upload-Offset': '0',
          'Upload-Length': String(bytes.length),
          'Content-Type': 'application/offset+octet-stream',
        },
        body: bytes,
      });
      if (patched.status !== 204) throw new Error(`PATCH answered ${patched.status}: ${await patched.text()}`);
    } else {
      const created = await createTusUpload(session.uploadUrl, bytes.length, metadata, bytes);
      if (created.status !== 201) throw new Error(`tus creation answered ${created.status}: ${created.text}`);
    }
    const finalized = await finalizeUpload(session.uploadUrl, session.uploadToken, fileName);
    if (finalized.status !== 200) throw new Error(`finalize answered ${finalized.status}: ${JSON.stringify(finalized.body)}`);
    return String(finalized.body.file.id);
  }

  /** Every file of the Media Manager under a root folder (Search Files, every page). */
  async mediaFiles(rootFolder: 'VISITOR_UPLOADS_ROOT' | 'TRASH_ROOT' | 'MEDIA_ROOT' = 'VISITOR_UPLOADS_ROOT'): Promise<StoredFile[]> {
    const found: StoredFile[] = [];
    let cursor: string | undefined;
    do {
      const { body } = await requestJson<{ files: StoredFile[]; nextCursor?: { cursors?: { next?: string } } }>(
        `${this.app.url}/site-media/v1/files/search`,
        { token: this.owner, body: { rootFolder, paging: { limit: 100, cursor } } },
      );
      found.push(...body.files);
      cursor = body.nextCursor?.cursors?.next ?? undefined;
    } while (cursor);
    return found;
  }

  inbox(): Promise<
    Array<{ id: string; files: Array<{ fileId?: string; name: string; status: string; reason?: string; sizeInBytes: string }> }>
  > {
    return this.call(this.owner, 'listVisitorSubmissions');
  }

  /** Items of the app's collections as the owner can read them through Wix Data. */
  async dataItems(collectionId: string, filter: Record<string, unknown> = {}): Promise<Array<Record<string, unknown>>> {
    const { status, body } = await requestJson<{ dataItems: Array<{ data: Record<string, unknown> }> }>(
      `${this.app.url}/wix-data/v2/items/query`,
      {
        token: this.owner,
        body: { dataCollectionId: collectionId, query: { filter, paging: { limit: 1000 } } },
      },
    );
    if (status !== 200) throw new Error(`query answered ${status}`);
    return body.dataItems.map((item) => item.data);
  }

  /** The places taken in today's count of files or submissions: the site's, or one visitor's. */
  async countToday(count: 'files' | 'submissions', visitorId?: string): Promise<number> {
    const day = new Date().toISOString().slice(0, 10);
    const places = await this.dataItems(VISITOR_CLAIMS.id, { scope: visitorId ? `${count}:${day}:${visitorId}` : `${count}:${day}` });
    // A site place given back (expired) counts nothing any more.
    return places.filter((place) => place.expired !== true).length;
  }

  /** Every file place of every submission. */
  filePlaces(): Promise<Array<Record<string, unknown>>> {
    return this.dataItems(VISITOR_FILES.id);
  }
}
