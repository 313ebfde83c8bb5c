import type { ServerFinalizeAnswer, UploadSession } from '../../shared/upload-methods';
import type { UploadBackend } from '../upload-backend';
import { failureFromNetworkError, failureFromResponse } from '../server-error';
import { failureFromRefusal, UploadFailure } from '../upload-error';
import { readWixAnswer, type WixErrorCodeName } from '../../shared/wix-errors';

export type FetchLike = (url: string, init: { method: string; signal?: AbortSignal }) => Promise<Response>;

/** The file descriptor the finalize answers with (the fields the engine uses). */
export interface FinalizedFile {
  id: string;
  url?: string;
  thumbnailUrl?: string;
  operationStatus?: string;
  mediaType?: string;
  sizeInBytes?: string;
  hash?: string;
}

export interface FinalizeResult {
  fileId: string;
  /** Absent when an earlier finalize had already succeeded and only its file id is known. */
  file?: FinalizedFile;
}

function readFile(text: string): FinalizedFile | undefined {
  try {
    const body = JSON.parse(text) as { file?: Partial<FinalizedFile> } | null;
    const file = body?.file;
    return typeof file?.id === 'string' ? (file as FinalizedFile) : undefined;
  } catch {
    return undefined;
  }
}

/** Reads Wix's answer to a finalize PUT; throws an UploadFailure for an error answer. */
export function readFinalizeAnswer(status: number, text: string): FinalizeResult {
  if (status >= 200 && status < 300) {
    const file = readFile(text);
    if (!file) {
      throw new UploadFailure({ code: 'UNEXPECTED', message: 'The upload server finalized the file but named no file id', fatal: false });
    }
    return { fileId: file.id, file };
  }
  const info = readWixAnswer(status, text);
  // The token is single-use: this answer means an earlier finalize succeeded and its response was lost.
  if (status === 409 && info.code === ('UPLOAD_TOKEN_USED' satisfies WixErrorCodeName) && typeof info.data?.fileId === 'string') {
    return { fileId: info.data.fileId };
  }
  throw failureFromResponse(status, text, 'The upload server');
}

/**
 * Turns the uploaded bytes into a Media Manager file: `PUT {uploadUrl}/{uploadToken}?filename=`.
 * Throws an UploadFailure (transient ones are worth retrying; code NETWORK when no answer came).
 */
export async function finalizeUpload(
  fetchFn: FetchLike,
  session: UploadSession,
  fileName: string,
  signal?: AbortSignal,
): Promise<FinalizeResult> {
  const url = `${session.uploadUrl}/${encodeURIComponent(session.uploadToken)}?filename=${encodeURIComponent(fileName)}`;
  let response: Response;
  let text: string;
  try {
    response = await fetchFn(url, { method: 'PUT', signal });
    text = await response.text();
  } catch (error) {
    signal?.throwIfAborted();
    throw failureFromNetworkError(error, 'The upload server');
  }
  return readFinalizeAnswer(response.status, text);
}

/** The same finalize, sent by the app's backend: for a browser that got no answer sending it itself. */
export async function finalizeThroughBackend(
  send: NonNullable<UploadBackend['finalizeUploadFromServer']>,
  session: UploadSession,
  fileName: string,
): Promise<FinalizeResult> {
  let answer: ServerFinalizeAnswer;
  try {
    answer = await send(session, fileName);
  } catch (error) {
    throw failureFromNetworkError(error, 'The app');
  }
  if (!answer.ok) throw failureFromRefusal(answer);
  return readFinalizeAnswer(answer.status, answer.body);
}
