/** What the harness and a client child say to each other (one JSON object per line). */
export const CONTENDERS = ['raw', 'peer', 'tus-on-app', 'ours'] as const;
export type ContenderId = (typeof CONTENDERS)[number];

export interface ClientJob {
  contender: ContenderId;
  /** raw: the PUT prefix; peer: the tus endpoint; tus-on-app and ours: the app's origin. */
  endpoint: string;
  /** tus-on-app and ours: a USER token of the local site. */
  token?: string;
  files: { path: string; name: string; size: number }[];
  /** Uploaded once before the timed part, so that start-up costs are not timed. */
  warmup: { path: string; name: string; size: number };
  concurrency: number;
  /** tus chunk size in bytes; null: unlimited (one PATCH per file). Ignored by raw. */
  chunkSize: number | null;
  /** peer: tus-js-client's retry delays (default: none, a failure fails the run). */
  retryDelays?: number[];
  /**
   * ours: the origin the tus bytes and the finalize go to instead of the upload URL's own (the
   * shaping proxy in front of the app). Default: the upload URL as the app gives it.
   */
  uploadOrigin?: string;
}

/** The client has started and done its warm-up upload; it waits for "go" on stdin. */
export interface ReadyMessage {
  type: 'ready';
}

export interface ResultMessage {
  type: 'result';
  elapsedMs: number;
  bytes: number;
  /** The client's own peak RSS since its peak was reset before "go" (undefined off Linux). */
  peakRssBytes?: number;
}

export interface ErrorMessage {
  type: 'error';
  message: string;
}

export const GO = 'go';
