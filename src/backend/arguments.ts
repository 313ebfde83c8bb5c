import { MAX_MEDIA_ID_LENGTH } from '../shared/upload-methods';
import { refuse, type Refusal } from '../shared/refusals';

/**
 * Checks of web-method arguments. A web method is an HTTP endpoint anyone with the permission can
 * call with any JSON, so each argument is checked before use and a bad one is answered as a
 * refusal naming it, never as a thrown error (Wix would answer that with a generic message).
 */
export function invalidArgument(reason: string): Refusal {
  return refuse('INVALID_REQUEST', reason);
}

export function isMediaId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_MEDIA_ID_LENGTH && value.trim() === value;
}

/**
 * A Media Manager file id as a visitor may send it: the characters Wix's ids use
 * (`8b7eef_0a1b…~mv2.jpg`), nothing that could climb or end a URL path (`/`, `?`, `#`, `%`).
 */
export function isMediaFileIdShape(value: unknown): value is string {
  return isMediaId(value) && /^[A-Za-z0-9][A-Za-z0-9_.~-]*$/.test(value) && !value.includes('..');
}

/** A submission id: the server makes them with crypto.randomUUID(). */
export function isSubmissionId(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value);
}

/** A submission's secret: the server makes them as 32 random bytes, hex. */
export function isSubmissionSecret(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);
}

/** A list of Media Manager ids of at most `max` items, or why it is not one. */
export function mediaIdList(value: unknown, max: number): string[] | Refusal {
  if (!Array.isArray(value)) return invalidArgument('fileIds must be a list of file ids');
  if (value.length > max) return invalidArgument(`fileIds may hold at most ${max} file ids (got ${value.length})`);
  const bad = value.findIndex((id) => !isMediaId(id));
  if (bad >= 0) return invalidArgument(`fileIds[${bad}] is not a file id`);
  return value as string[];
}

export function optionalString(record: Record<string, unknown>, key: string, maxLength: number): string | undefined | Refusal {
  const value = record[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.length > maxLength)
    return invalidArgument(`${key} must be text of at most ${maxLength} characters`);
  return value;
}
