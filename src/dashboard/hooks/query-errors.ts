import type { Refusal } from '../../shared/refusals';

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

/** What to show of a query's failure: the refusal's sentence, an error's message, or the fallback. */
export function errorMessage(error: unknown, fallback: string): string {
  return error instanceof Error && error.message ? error.message : fallback;
}

/** react-query's `retry`: a refusal is final; anything else is asked once more. */
export function retryUnlessRefused(failures: number, error: unknown): boolean {
  return !(error instanceof RefusedError) && failures < 1;
}
