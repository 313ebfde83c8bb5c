import type { UploadError } from '../upload-engine/upload-error';
import type { UploadItem } from '../upload-engine/queue/upload-item';
import type { BrokenRule, FieldViolation, Refusal } from '../shared/refusals';
import { formatBytes, formatDuration, formatGigabytes } from '../shared/format';
import { shownExtensions } from '../policies/visitor-rules-policy';
import { describeViolations } from '../shared/refusals';
import { type Language, SOURCE_LANGUAGE } from './languages';
import type { Translate } from './translator';

/**
 * The backend's and the engine's English sentences, told in the reader's language by their codes
 * and data: a refusal by its `code` (and `violations`, `retryAfterSeconds`), an engine failure by
 * its UploadErrorCode. What this does not know (a code added later, a rule without data) keeps
 * the server's own sentence, so nothing is lost, only left in English. An English reader gets the
 * server's and the engine's sentences as they are: they are in English already, with every
 * detail ("(got 256)", the Media Manager's own reason).
 */

export interface Wording {
  t: Translate;
  locale: string;
  language: Language;
}

/** An English reader gets the server's and the engine's sentences as they are. */
export const readsEnglish = (wording: Wording) => wording.language === SOURCE_LANGUAGE;

/** Fields the people-facing checks name (the rest are requests no person types). */
const FIELDS = new Set(['fileName', 'filename', 'mimeType', 'sizeInBytes', 'parentFolderId', 'filePath', 'labels', 'label', 'private']);

function fieldName({ t }: Wording, field: string): string | undefined {
  if (FIELDS.has(field)) return t(`field.${field === 'filename' ? 'fileName' : field}`);
  const labelIndex = /^labels\[(\d+)\]$/.exec(field)?.[1];
  return labelIndex === undefined ? undefined : t('field.labelNumber', { number: Number(labelIndex) + 1 });
}

/** One violation in words: by its rule and its data, else the server's English; `fieldLabel` names the field as the form does. */
export function describeViolation(wording: Wording, violation: FieldViolation, fieldLabel?: string): string {
  const { t } = wording;
  if (readsEnglish(wording)) return fieldLabel ? `${fieldLabel} ${violation.description}.` : describeViolations([violation]);
  const field = fieldLabel ?? fieldName(wording, violation.field);
  const threshold = violation.data?.threshold;
  if (field === undefined) return `${violation.field} ${violation.description}.`;
  switch (violation.violatedRule) {
    case 'REQUIRED_FIELD':
      return t('violation.required', { field });
    case 'MAX_LENGTH':
      return threshold === undefined ? t('violation.tooLong', { field }) : t('violation.maxLength', { field, count: threshold });
    case 'MAX_SIZE':
      return threshold === undefined ? t('violation.tooMany', { field }) : t('violation.maxItems', { field, count: threshold });
    case 'FORMAT':
      if (violation.ruleName === 'FORBIDDEN_CHARACTERS') return t('violation.forbiddenCharacters', { field });
      if (violation.ruleName === 'DOT_SEGMENTS') return t('violation.dotSegments', { field });
      if (violation.ruleName === 'INVISIBLE_CHARACTERS') return t('violation.invisibleCharacters', { field });
      if (violation.ruleName === 'NOT_A_LINK') return t('violation.notALink', { field });
      if (violation.ruleName === 'LINK_SCHEME') return t('violation.linkScheme', { field });
      if (violation.ruleName === 'LINK_CREDENTIALS') return t('violation.linkCredentials', { field });
      if (violation.ruleName === 'COMBINING_MARKS') return t('violation.combiningMarks', { field, max: threshold });
      return t('violation.format', { field });
    default:
      return `${field}: ${violation.description}.`;
  }
}

export function describeViolationsIn(wording: Wording, violations: readonly FieldViolation[]): string {
  return violations.map((violation) => describeViolation(wording, violation)).join(' ');
}

/**
 * A rule a visitor request broke, or why the server rejected a visitor's file, by its rule and
 * data; `reason` (the server's sentence) for a rule not known here. Wix's own reason, when the
 * Media Manager gave one, stays as Wix wrote it.
 */
export function describeBrokenRule(wording: Wording, broken: BrokenRule, reason?: string): string {
  const { t, locale } = wording;
  if (readsEnglish(wording) && reason) return reason;
  const withWix = (sentence: string, wixReason: string | undefined) =>
    wixReason ? t('broken.withWixReason', { sentence, wixReason }) : sentence;
  switch (broken.rule) {
    case 'TYPE_NOT_ACCEPTED':
      return t('broken.TYPE_NOT_ACCEPTED', { mimeType: broken.mimeType || '?', accepted: broken.accepted.join(', ') });
    case 'FILE_TOO_LARGE':
      return t('broken.FILE_TOO_LARGE', {
        max: broken.maxGb ? formatGigabytes(broken.maxGb, locale) : formatBytes(broken.maxBytes, locale),
      });
    case 'EXTENSION_NOT_ACCEPTED':
      return t('broken.EXTENSION_NOT_ACCEPTED', { extensions: shownExtensions(broken.extensions) });
    case 'NAME_TAKEN':
    case 'ASKED_TOO_OFTEN':
      return t(`broken.${broken.rule}`, {
        fileName: isolated(broken.fileName),
        max: broken.rule === 'ASKED_TOO_OFTEN' ? broken.max : undefined,
      });
    case 'TOO_MANY_FILES':
    case 'DAILY_FILES_OF_VISITOR':
    case 'DAILY_SUBMISSIONS_OF_VISITOR':
      return t(`broken.${broken.rule}`, { count: broken.max });
    case 'NOT_PROCESSED':
      return broken.wixReason ? t('broken.NOT_PROCESSED_wix', { wixReason: broken.wixReason }) : t('broken.NOT_PROCESSED');
    case 'SIZE_NOT_ANNOUNCED':
      return t('broken.SIZE_NOT_ANNOUNCED', {
        arrived: formatBytes(broken.arrivedBytes, locale),
        announced: formatBytes(broken.announcedBytes, locale),
      });
    case 'KIND_NOT_ACCEPTED':
      return t('broken.KIND_NOT_ACCEPTED', { kind: broken.kind });
    case 'CONTENT_NOT_ACCEPTED':
      return withWix(
        broken.found ? t('broken.CONTENT_NOT_ACCEPTED', { found: broken.found }) : t('broken.CONTENT_NOT_RECOGNISED'),
        broken.wixReason,
      );
    case 'SESSION_UNKNOWN':
    case 'SUBMISSION_CLOSED':
    case 'FINALIZED_TOO_OFTEN':
    case 'NOT_IN_SUBMISSION':
    case 'DAILY_FILES_OF_SITE':
    case 'DAILY_SUBMISSIONS_OF_SITE':
    case 'NO_OPEN_PLACE':
    case 'EXTRA_FILE':
    case 'UNREADABLE':
    case 'PLACE_EXPIRED':
    case 'CLOSED_BY_OWNER':
    case 'UPLOADS_TURNED_OFF':
    case 'GONE_FROM_MEDIA_MANAGER':
    case 'RENAMED':
    case 'SIZE_UNKNOWN':
      return t(`broken.${broken.rule}`);
    default:
      // A rule added to the server after this page was built.
      return reason || t('refusal.unknown');
  }
}

/** A name in a sentence of another direction keeps its own (U+2068 FIRST STRONG ISOLATE … U+2069). */
const isolated = (text: string) => `\u2068${text}\u2069`;

/** A refusal of the backend, by its code and data; its own sentence for a code not known here. */
export function describeRefusal(
  wording: Wording,
  refusal: Pick<Refusal, 'code' | 'reason' | 'violations' | 'retryAfterSeconds' | 'broken'>,
): string {
  const { t, locale } = wording;
  if (readsEnglish(wording) && refusal.reason) return refusal.reason;
  if (refusal.violations?.length) return describeViolationsIn(wording, refusal.violations);
  if (refusal.broken) {
    const sentence = describeBrokenRule(wording, refusal.broken, refusal.reason);
    return refusal.code === 'RATE_LIMITED' && refusal.retryAfterSeconds !== undefined
      ? t('broken.tryAgainIn', { sentence, duration: formatDuration(refusal.retryAfterSeconds, locale) })
      : sentence;
  }
  switch (refusal.code) {
    case 'DISABLED':
      return t('refusal.DISABLED');
    case 'MEMBERS_ONLY':
      return t('refusal.MEMBERS_ONLY');
    case 'NOT_FOUND':
      return t('refusal.NOT_FOUND');
    case 'NOT_YOURS':
      return t('refusal.NOT_YOURS');
    case 'UNAVAILABLE':
      return t('refusal.UNAVAILABLE');
    case 'RATE_LIMITED':
      return refusal.retryAfterSeconds === undefined
        ? t('refusal.RATE_LIMITED')
        : t('refusal.RATE_LIMITED_for', { duration: formatDuration(refusal.retryAfterSeconds, locale) });
    default:
      // NOT_ALLOWED names many rules in one code, and codes added later are unknown here: the server's words.
      return refusal.reason || t('refusal.unknown');
  }
}

/** Why a file did not upload, in the reader's language. */
export function describeUploadError(wording: Wording, error: UploadError): string {
  const { t, locale } = wording;
  if (readsEnglish(wording) && error.message) return error.message;
  switch (error.code) {
    case 'INVALID_REQUEST':
      return error.violations?.length ? describeViolationsIn(wording, error.violations) : error.message;
    case 'FILE_TOO_LARGE':
      return error.limitBytes === undefined
        ? t('failure.FILE_TOO_LARGE')
        : t('failure.FILE_TOO_LARGE_limit', { limit: formatBytes(error.limitBytes, locale) });
    case 'DUPLICATE':
      return t('failure.DUPLICATE');
    case 'NOT_AUTHORIZED':
      return t('failure.NOT_AUTHORIZED');
    case 'UPLOAD_GONE':
      return t('failure.UPLOAD_GONE');
    case 'RATE_LIMITED':
    case 'REJECTED':
      return error.serverCode
        ? describeRefusal(wording, {
            code: error.serverCode as Refusal['code'],
            reason: error.message,
            retryAfterSeconds: error.retryAfterSeconds,
            broken: error.broken,
          })
        : error.message;
    case 'NETWORK':
      return t('failure.NETWORK');
    case 'SERVER_ERROR':
      return error.status === undefined ? t('failure.SERVER_ERROR') : t('failure.SERVER_ERROR_status', { status: error.status });
    case 'PROCESSING_FAILED':
      if (error.broken) return describeBrokenRule(wording, error.broken, error.message);
      return error.serverCode ? t('failure.PROCESSING_FAILED_code', { code: error.serverCode }) : t('failure.PROCESSING_FAILED');
    case 'INTEGRITY':
      return error.fatal ? t('failure.INTEGRITY_kept') : t('failure.INTEGRITY_removed');
    case 'OUTCOME_UNKNOWN':
      return t('failure.OUTCOME_UNKNOWN');
    default:
      return t('failure.UNEXPECTED');
  }
}

/**
 * Why a file of a queue failed or was refused (the page's and the widget's): the engine's failure
 * by its code. The Media Manager's own reason is English and may come after the failure: an
 * English reader gets it, as does anyone when it is all there is.
 */
export function failureReason(wording: Wording, item: Pick<UploadItem, 'state' | 'error' | 'failureDescription'>): string | undefined {
  if (item.state !== 'failed' && item.state !== 'refused') return undefined;
  if (item.failureDescription && (readsEnglish(wording) || !item.error)) return item.failureDescription;
  return item.error && describeUploadError(wording, item.error);
}
