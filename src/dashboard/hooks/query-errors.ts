import type { Wording } from '../../i18n/describe';
import type { Refusal } from '../../shared/refusals';
import { describeRefusal } from '../../i18n/describe';
import { SOURCE_LANGUAGE } from '../../i18n/languages';

/**
 * The page's queries (react-query) and the backend's refusals: a refusal is thrown as a
 * RefusedError, which is not asked again (the backend's answer will not change) and whose message
 * is the refusal's sentence for people.
 */
export class RefusedError extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.reason);
    this.name = 'RefusedError';
  }
}

/**
 * What to show of a query's failure: a refusal told by its code and data in the reader's language
 * (its own sentence for a code not known there); an exception's message to an English reader
 * (it is English); else the fallback.
 */
export function errorMessage(speech: Wording, error: unknown, fallback: string): string {
  if (error instanceof RefusedError) return describeRefusal(speech, error.refusal);
  return speech.language === SOURCE_LANGUAGE && error instanceof Error && error.message ? error.message : fallback;
}

/** react-query's `retry`: a refusal is final; anything else is asked once more. */
export function retryUnlessRefused(failures: number, error: unknown): boolean {
  return !(error instanceof RefusedError) && failures < 1;
}
