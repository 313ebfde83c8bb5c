import { GB } from '../shared/format';

/** The largest file the page accepts; larger ones are refused before any byte is sent. */
export const MAX_FILE_SIZE_BYTES = 50 * GB;

/** Files uploaded at the same time, unless the owner changes it. */
export const DEFAULT_CONCURRENCY = 3;

export const RECENT_UPLOADS_SHOWN = 20;

/** The most files the owner may send at once: more only splits the same link into more parts. */
export const MAX_CONCURRENCY = 6;
