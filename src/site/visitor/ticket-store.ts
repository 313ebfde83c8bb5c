import type { SubmissionTicket } from '../../shared/visitor-upload-methods';
import { isRecord } from '../../shared/is-record';

const KEY = 'resumable-media-uploader/visitor-submission';

/** The submission this browser started and has not finished, kept so a reload can continue it. */
export function readTicket(storage: Pick<Storage, 'getItem'> | undefined = safeStorage()): SubmissionTicket | undefined {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(KEY) ?? 'null');
    return isRecord(parsed) && typeof parsed.submissionId === 'string' && typeof parsed.secret === 'string'
      ? { submissionId: parsed.submissionId, secret: parsed.secret }
      : undefined;
  } catch {
    return undefined;
  }
}

export function writeTicket(
  ticket: SubmissionTicket | undefined,
  storage: Pick<Storage, 'setItem' | 'removeItem'> | undefined = safeStorage(),
): void {
  try {
    if (ticket) storage?.setItem(KEY, JSON.stringify(ticket));
    else storage?.removeItem(KEY);
  } catch {
    // Storage refused: the submission still goes on, it only cannot be continued after a reload.
  }
}

function safeStorage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}
