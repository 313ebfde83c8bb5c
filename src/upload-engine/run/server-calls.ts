import type {
  CreateUploadSessionResult,
  ExpectedFile,
  LostUpload,
  FinalizedUpload,
  FolderPathResult,
  RecordUploadResult,
  UploadSession,
  UploadSessionRequest,
  UploadStatusReport,
} from '../../shared/upload-methods';
import { whenOnline, type Connectivity } from '../connectivity';
import { finalizeThroughBackend, finalizeUpload, type FetchLike, type FinalizeResult } from './finalize';
import { withRetries, type RetryPolicy } from '../retry';
import type { UploadBackend } from '../upload-backend';
import { splitFilePath } from '../../policies/upload-request-policy';
import { errorMessageOf, failureFromRefusal, UploadFailure } from '../upload-error';

/**
 * The calls around a file's bytes: the session before, the finalize and the upload log after.
 * Each is retried with backoff (waiting for the network when it is down) unless the error is final.
 */
export class ServerCalls {
  constructor(
    private readonly backend: UploadBackend,
    private readonly fetchFn: FetchLike,
    private readonly connectivity: Connectivity,
    private readonly retryDelays: readonly number[],
  ) {}

  /** The folders made for files of this queue, by parent and path: each is asked for once, however many files go there. */
  private readonly folders = new Map<string, Promise<string>>();

  /** Whether a file's filePath is made here folder by folder (folderTreeViolation's rules) rather than by Wix from the session's filePath. */
  get makesFolders(): boolean {
    return this.backend.createFolderPath !== undefined;
  }

  /**
   * Throws an UploadFailure: fatal with the reasons when refused, retriable when the backend could
   * not be reached. A request with a filePath goes to its folder by id when the backend makes folders.
   */
  async createSession(request: UploadSessionRequest, signal: AbortSignal): Promise<UploadSession> {
    const sent = this.makesFolders && splitFilePath(request.filePath).length > 0 ? await this.inItsFolder(request, signal) : request;
    let result: CreateUploadSessionResult;
    try {
      result = await withRetries(() => this.backend.createUploadSession(sent), this.policy(signal));
    } catch (error) {
      signal.throwIfAborted();
      throw new UploadFailure({ code: 'SERVER_ERROR', message: `The upload could not be started: ${errorMessageOf(error)}`, fatal: false });
    }
    if (!result.ok) throw failureFromRefusal(result);
    return result.session;
  }

  /** The request sent by id to the folder its filePath names, made first (once per folder). */
  private async inItsFolder(request: UploadSessionRequest, signal: AbortSignal): Promise<UploadSessionRequest> {
    const parentFolderId = await this.folderAt(request.parentFolderId, splitFilePath(request.filePath));
    signal.throwIfAborted();
    const sent = { ...request, parentFolderId };
    delete sent.filePath;
    return sent;
  }

  /**
   * The id of the folder at `names` under a folder: its parent first, then it, each made by one
   * call shared by every file that goes there (files racing for one folder wait for the same
   * call); a failed call is forgotten, so the next file asks again. It is not stopped by one file's
   * cancel: other files may wait for it.
   */
  private folderAt(parentFolderId: string | undefined, names: readonly string[]): Promise<string> {
    const key = `${parentFolderId ?? ''}\n${names.join('/')}`;
    const known = this.folders.get(key);
    if (known) return known;
    const made = (async () => {
      const parent = names.length > 1 ? await this.folderAt(parentFolderId, names.slice(0, -1)) : parentFolderId;
      const never = new AbortController().signal;
      let result: FolderPathResult;
      try {
        result = await withRetries(() => this.backend.createFolderPath!(parent, names.at(-1)!), this.policy(never));
      } catch (error) {
        const message = `The folder "${names.join('/')}" could not be made: ${errorMessageOf(error)}`;
        throw new UploadFailure({ code: 'SERVER_ERROR', message, fatal: false });
      }
      if (!result.ok) throw failureFromRefusal(result);
      return result.folderId;
    })();
    this.folders.set(key, made);
    made.catch(() => this.folders.delete(key));
    return made;
  }

  /**
   * The finalize, retried. When an attempt got no answer and a later one is a conflict that names
   * nothing (an upload host answering with a status only), the first may have made the file: it is
   * looked for instead of being asked again forever.
   */
  finalize(session: UploadSession, fileName: string, lost: LostUpload, signal: AbortSignal): Promise<FinalizeResult> {
    let unanswered = false;
    return withRetries(async () => {
      try {
        return await this.finalizeOnce(session, fileName, signal, () => (unanswered = true));
      } catch (error) {
        if (unanswered && isNamelessConflict(error)) return this.locate(lost, signal);
        throw error;
      }
    }, this.policy(signal));
  }

  /**
   * One finalize attempt, for a session whose upload is gone: whether an earlier finalize made the
   * file (undefined: it did not). A conflict that names nothing means the token was used: the file
   * is looked for.
   */
  async finalizedEarlier(
    session: UploadSession,
    fileName: string,
    lost: LostUpload,
    signal: AbortSignal,
  ): Promise<FinalizeResult | undefined> {
    try {
      return await this.finalizeOnce(session, fileName, signal);
    } catch (error) {
      if (isNamelessConflict(error)) return withRetries(() => this.locate(lost, signal), this.policy(signal));
      return undefined;
    }
  }

  /**
   * The file a finalize whose answer was lost made, found in the Media Manager through the backend;
   * an UploadFailure (OUTCOME_UNKNOWN, fatal: never sent again) when it cannot be told, retried
   * while none is found yet (the finalize may still be running).
   */
  private async locate(lost: LostUpload, signal: AbortSignal): Promise<FinalizeResult> {
    const uncertain = (why: string, transient: boolean) =>
      new UploadFailure(
        {
          code: 'OUTCOME_UNKNOWN',
          message: `Wix's upload server did not say what became of this file${why}: it may already be in the Media Manager. Look there before sending it again.`,
          fatal: true,
        },
        { transient },
      );
    const find = this.backend.findUploadedFile?.bind(this.backend);
    if (!find) throw uncertain('', false);
    signal.throwIfAborted();
    const found = await find(lost);
    if (found.ok && found.fileId) return { fileId: found.fileId };
    if (found.ok && found.candidates > 1) throw uncertain(`, and ${found.candidates} files there could be it`, false);
    throw uncertain(', and it is not there yet', true);
  }

  /**
   * The finalize PUT from here; when it gets no answer at all (the network, or a browser refusing a
   * cross-origin answer, which looks the same), the same PUT from the app's backend. `unanswered`
   * hears of a PUT that went without an answer: it may have made the file all the same.
   */
  private async finalizeOnce(
    session: UploadSession,
    fileName: string,
    signal: AbortSignal,
    unanswered = () => {},
  ): Promise<FinalizeResult> {
    try {
      return await finalizeUpload(this.fetchFn, session, fileName, signal);
    } catch (error) {
      if (!(error instanceof UploadFailure) || error.detail.code !== 'NETWORK') throw error;
      unanswered();
      const fromServer = this.backend.finalizeUploadFromServer?.bind(this.backend);
      if (!fromServer) throw error;
      signal.throwIfAborted();
      return finalizeThroughBackend(fromServer, session, fileName);
    }
  }

  /**
   * The upload log entry; undefined if the backend could not be reached (polling still finds the
   * file). Throws a fatal UploadFailure when the backend refuses (the file is not in the Media Manager).
   */
  async record(upload: FinalizedUpload, signal: AbortSignal): Promise<UploadStatusReport | undefined> {
    let result: RecordUploadResult;
    try {
      result = await withRetries(() => this.backend.recordUpload(upload), this.policy(signal));
    } catch {
      signal.throwIfAborted();
      return undefined;
    }
    if (!result.ok) throw failureFromRefusal(result);
    return result.report;
  }

  /** The file as the backend sees it now (its size), to check a file whose finalize answer was lost; undefined when unknown. */
  async describe(fileId: string, signal: AbortSignal): Promise<UploadStatusReport | undefined> {
    try {
      const result = await withRetries(() => this.backend.getUploadStatus([fileId]), this.policy(signal));
      return result.ok ? result.reports.find((report) => report.fileId === fileId) : undefined;
    } catch {
      signal.throwIfAborted();
      return undefined;
    }
  }

  /** Asks the backend to remove a bad copy; whether it is gone (false: the backend cannot, or would not). */
  async discard(fileId: string, expected: ExpectedFile, signal: AbortSignal): Promise<boolean> {
    const discard = this.backend.discardArrivedCopy?.bind(this.backend);
    if (!discard) return false;
    try {
      return (await withRetries(() => discard(fileId, expected), this.policy(signal))).ok;
    } catch {
      signal.throwIfAborted();
      return false;
    }
  }

  private policy(signal: AbortSignal): RetryPolicy {
    return {
      delays: this.retryDelays,
      signal,
      shouldRetry: (error) => !(error instanceof UploadFailure) || error.options.transient === true,
      beforeRetry: () => whenOnline(this.connectivity, signal),
    };
  }
}

/** A 409 without a code: with no code, the upload host says a token is taken without saying by what. */
function isNamelessConflict(error: unknown): boolean {
  return error instanceof UploadFailure && error.detail.status === 409 && error.detail.serverCode === undefined;
}
