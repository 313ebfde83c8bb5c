import { randomUUID } from 'node:crypto';
import type { SqlDatabase } from '../platform/database.js';
import type { TokenSigner } from '../platform/identity.js';
import { WixApiError } from '../platform/api-error.js';

/**
 * issued: the token was handed out; uploading: a tus upload was created with it;
 * finalizing: a finalize PUT is under way; finalized: the file exists (the token is spent);
 * terminated: the tus upload was deleted (the token is spent); expired: the token's time ran out
 * before a finalize, and the bytes were swept.
 */
export type SessionState = 'issued' | 'uploading' | 'finalizing' | 'finalized' | 'terminated' | 'expired';

/** The local Wix's record of one upload token and its upload (the app sees only its {uploadUrl, uploadToken}). */
export interface UploadSessionRecord {
  id: string;
  mimeType: string;
  fileName?: string;
  parentFolderId: string;
  private: boolean;
  labels: string[];
  state: SessionState;
  tusUploadId?: string;
  fileId?: string;
  createdAt: string;
  expiresAt: number;
}

interface SessionRow {
  id: string;
  mime_type: string;
  file_name: string | null;
  parent_folder_id: string;
  private: number;
  labels: string;
  state: SessionState;
  tus_upload_id: string | null;
  file_id: string | null;
  created_at: string;
  expires_at: number;
}

function fromRow(row: SessionRow): UploadSessionRecord {
  return {
    id: row.id,
    mimeType: row.mime_type,
    fileName: row.file_name ?? undefined,
    parentFolderId: row.parent_folder_id,
    private: row.private === 1,
    labels: JSON.parse(row.labels) as string[],
    state: row.state,
    tusUploadId: row.tus_upload_id ?? undefined,
    fileId: row.file_id ?? undefined,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
}

/** A session still in flight whose time ran out: 410 with when it expired. */
export function assertNotExpired(session: UploadSessionRecord, now = Date.now()): void {
  const unfinished = session.state === 'issued' || session.state === 'uploading' || session.state === 'expired';
  if (unfinished && session.expiresAt <= now) {
    throw WixApiError.known(
      'UPLOAD_EXPIRED',
      `The upload token expired at ${new Date(session.expiresAt).toISOString()}; generate a new upload URL and upload again`,
    );
  }
}

/** Like Wix's token audience in the documented example. */
const UPLOAD_TOKEN_AUDIENCE = 'urn:service:upload';

export type NewSession = Pick<UploadSessionRecord, 'mimeType' | 'fileName' | 'parentFolderId' | 'private' | 'labels'>;

/** Single-use upload tokens and the upload each one is bound to. */
export class UploadSessions {
  constructor(
    private readonly db: SqlDatabase,
    private readonly signer: TokenSigner,
    private readonly ttlSeconds: number,
  ) {}

  /** Records a new session and returns its signed token. */
  async issue(request: NewSession): Promise<string> {
    const id = randomUUID();
    const now = Date.now();
    this.db
      .prepare(
        `INSERT INTO upload_sessions (id, mime_type, file_name, parent_folder_id, private, labels, state, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, 'issued', ?, ?)`,
      )
      .run(
        id,
        request.mimeType,
        request.fileName ?? null,
        request.parentFolderId,
        request.private ? 1 : 0,
        JSON.stringify(request.labels),
        new Date(now).toISOString(),
        now + this.ttlSeconds * 1000,
      );
    return this.signer.sign({ protocol: 'tus', mimeType: request.mimeType }, UPLOAD_TOKEN_AUDIENCE, this.ttlSeconds, id);
  }

  /** The session a token names; 401 for a missing, forged or unknown token, 410 for an expired one. */
  async resolve(token: string | undefined | null): Promise<UploadSessionRecord> {
    if (!token) throw WixApiError.known('MISSING_UPLOAD_TOKEN', 'The upload token is missing');
    const claims = await this.signer.verify(token, UPLOAD_TOKEN_AUDIENCE, { ignoreExpiry: true });
    const session = typeof claims?.jti === 'string' ? this.get(claims.jti) : undefined;
    if (!session) {
      throw WixApiError.known('INVALID_UPLOAD_TOKEN', 'The upload token is not valid');
    }
    assertNotExpired(session);
    return session;
  }

  get(id: string): UploadSessionRecord | undefined {
    const row = this.db.prepare('SELECT * FROM upload_sessions WHERE id = ?').get(id) as SessionRow | undefined;
    return row && fromRow(row);
  }

  byTusUpload(tusUploadId: string): UploadSessionRecord | undefined {
    const row = this.db.prepare('SELECT * FROM upload_sessions WHERE tus_upload_id = ?').get(tusUploadId) as SessionRow | undefined;
    return row && fromRow(row);
  }

  /** Binds the token's one tus upload; 409 when it already has one, 410 when it is spent. */
  bindTusUpload(session: UploadSessionRecord, tusUploadId: string): void {
    const result = this.db
      .prepare("UPDATE upload_sessions SET tus_upload_id = ?, state = 'uploading' WHERE id = ? AND state = 'issued'")
      .run(tusUploadId, session.id);
    if (result.changes === 1) return;
    const current = this.get(session.id);
    if (current?.state === 'finalized' || current?.state === 'terminated') {
      throw WixApiError.known('UPLOAD_TOKEN_USED', 'This upload token was already used; generate a new upload URL');
    }
    throw WixApiError.known('UPLOAD_ALREADY_STARTED', 'An upload already exists for this token; resume it instead', {
      tusUploadId: current?.tusUploadId,
    });
  }

  /** Claims the session for one finalize; the file id is chosen now so a crash can be cleaned up. */
  beginFinalize(session: UploadSessionRecord, fileId: string): void {
    const result = this.db
      .prepare("UPDATE upload_sessions SET state = 'finalizing', file_id = ? WHERE id = ? AND state = 'uploading'")
      .run(fileId, session.id);
    if (result.changes !== 1) {
      throw WixApiError.known('FINALIZE_IN_PROGRESS', 'This upload is already being finalized');
    }
  }

  markFinalized(sessionId: string): void {
    this.db.prepare("UPDATE upload_sessions SET state = 'finalized' WHERE id = ?").run(sessionId);
  }

  abandonFinalize(sessionId: string): void {
    this.db.prepare("UPDATE upload_sessions SET state = 'uploading', file_id = NULL WHERE id = ? AND state = 'finalizing'").run(sessionId);
  }

  markTerminated(tusUploadId: string): void {
    this.db.prepare("UPDATE upload_sessions SET state = 'terminated' WHERE tus_upload_id = ? AND state = 'uploading'").run(tusUploadId);
  }

  /** Sessions whose time ran out before they were finalized (their bytes are to be swept). */
  expiredUnfinished(now = Date.now()): UploadSessionRecord[] {
    return (
      this.db.prepare("SELECT * FROM upload_sessions WHERE state IN ('issued', 'uploading') AND expires_at <= ?").all(now) as SessionRow[]
    ).map(fromRow);
  }

  markExpired(sessionId: string): void {
    this.db.prepare("UPDATE upload_sessions SET state = 'expired' WHERE id = ? AND state IN ('issued', 'uploading')").run(sessionId);
  }

  /** Sessions a crash left in the middle of a finalize. */
  interruptedFinalizes(): UploadSessionRecord[] {
    return (this.db.prepare("SELECT * FROM upload_sessions WHERE state = 'finalizing'").all() as SessionRow[]).map(fromRow);
  }
}
