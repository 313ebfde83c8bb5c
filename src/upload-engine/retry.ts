/** Waits `ms`; rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export interface RetryPolicy {
  /** The wait before each retry; its length is the number of retries. */
  delays: readonly number[];
  shouldRetry(error: unknown): boolean;
  signal?: AbortSignal;
  /** Awaited before each retry, after the delay (e.g. until the network is back). */
  beforeRetry?: () => Promise<void>;
}

/** Runs `attempt` until it succeeds, the error is not worth retrying, or the delays run out. */
export async function withRetries<T>(attempt: () => Promise<T>, policy: RetryPolicy): Promise<T> {
  for (let retry = 0; ; retry++) {
    policy.signal?.throwIfAborted();
    try {
      return await attempt();
    } catch (error) {
      const delay = policy.delays[retry];
      if (delay === undefined || policy.signal?.aborted || !policy.shouldRetry(error)) throw error;
      await sleep(delay, policy.signal);
      await policy.beforeRetry?.();
    }
  }
}
