import { isRecord } from '../shared/is-record';
import { fileExtension, mediaTypeOf, type MediaType } from '../shared/media-types';
import { formatBytes, formatDuration, formatGigabytes, GB } from '../shared/format';
import { refuse, type BrokenRule, type FieldViolation, type RateLimited, type Refusal, type RefusalOf } from '../shared/refusals';
import { APP_UPLOAD_LIMITS, typedTextViolation } from './upload-request-policy';

/**
 * The visitor rules policy: what a site visitor may send through the widget, answered in one place
 * for the widget (before anything is sent), the web methods (before an upload URL is issued) and
 * the server's own check of what arrived. Who may send, which types and sizes, how many files per
 * submission, per visitor and per site a day, and what a file that arrived must be. Pure: the
 * counts it is asked about are taken elsewhere (backend/visitor-claims.ts, atomic places), the
 * bytes read elsewhere (backend/visitor-file-check.ts). Its test: test/policies/visitor-rules-policy.test.ts.
 */

/** Who may send files through the site widget. */
export type VisitorAudience = 'ANYONE' | 'MEMBERS';

/** The owner's rules, kept on the server and checked there for every file; the widget only shows them. */
export interface VisitorUploadRules {
  enabled: boolean;
  audience: VisitorAudience;
  /** MIME types ("application/pdf") or families ("video/*"); empty: any type. */
  allowedTypes: string[];
  /** The largest file, in bytes: `maxFileSizeGb` computed once, exactly (1 GB = 10^9 bytes). */
  maxFileSizeBytes: number;
  /** The largest file in GB as the owner typed it ("0.1"), shown back and to visitors as typed. */
  maxFileSizeGb: string;
  maxFilesPerSubmission: number;
  /** Files one visitor may send in a day (UTC). */
  maxFilesPerVisitorPerDay: number;
  /** Files all visitors together may send in a day (UTC). */
  maxFilesPerDay: number;
  /** Submissions one visitor may start in a day (UTC). */
  maxSubmissionsPerVisitorPerDay: number;
  /** Submissions all visitors together may start in a day (UTC). */
  maxSubmissionsPerDay: number;
}

/** What the widget may know of the rules: what is accepted and by whom. */
export interface VisitorUploadTerms
  extends Pick<VisitorUploadRules, 'enabled' | 'audience' | 'allowedTypes' | 'maxFileSizeBytes' | 'maxFilesPerSubmission'>,
    Partial<Pick<VisitorUploadRules, 'maxFileSizeGb'>> {
  /** The caller must log in as a member before sending (members-only rules, an anonymous visitor). */
  loginNeeded?: boolean;
}

export const DEFAULT_VISITOR_UPLOAD_RULES: VisitorUploadRules = {
  enabled: false,
  audience: 'ANYONE',
  allowedTypes: [],
  maxFileSizeBytes: 5 * GB,
  maxFileSizeGb: '5',
  maxFilesPerSubmission: 10,
  maxFilesPerVisitorPerDay: 20,
  maxFilesPerDay: 200,
  maxSubmissionsPerVisitorPerDay: 5,
  maxSubmissionsPerDay: 100,
};

/** The most any rule may say, whatever the owner types. */
export const VISITOR_RULE_BOUNDS = {
  maxFileSizeBytes: APP_UPLOAD_LIMITS.maxFileSizeBytes,
  maxFilesPerSubmission: 100,
  maxFilesPerVisitorPerDay: 1000,
  maxFilesPerDay: 100_000,
  maxSubmissionsPerVisitorPerDay: 100,
  maxSubmissionsPerDay: 10_000,
  allowedTypes: 50,
} as const;

/**
 * Upload URLs issued for one file at most: its first, and re-issues after a lost session or an
 * expired token. Each URL can deliver a file; only the first file to arrive is kept.
 */
export const MAX_UPLOAD_URLS_PER_FILE = 5;
/** Finalizes the server sends for one upload URL at most (a visitor whose own finalize got no answer). */
export const MAX_SERVER_FINALIZES_PER_URL = 3;

/** What the widget is told of the rules. */
export function termsOf(rules: VisitorUploadRules): VisitorUploadTerms {
  const { enabled, audience, allowedTypes, maxFileSizeBytes, maxFileSizeGb, maxFilesPerSubmission } = rules;
  return { enabled, audience, allowedTypes, maxFileSizeBytes, maxFileSizeGb, maxFilesPerSubmission };
}

// ---- the largest file, in GB as typed ------------------------------------------------------

/** A byte is 10^-9 GB: more decimals than that name no whole number of bytes. */
const GB_DECIMALS = 9;

/**
 * A size in GB as typed ("0.1", "2,5") in bytes, exactly: the digits are read as text, never
 * through a binary fraction (0.1 GB is 100,000,000 bytes, not 99,999,999.62...). Undefined when
 * the text is not a decimal number with at most 9 decimals.
 */
export function gigabytesToBytes(typed: string): number | undefined {
  const match = /^(\d{1,6})(?:[.,](\d{1,9}))?$/.exec(typed.trim());
  if (!match) return undefined;
  const whole = Number(match[1]);
  const fraction = Number((match[2] ?? '').padEnd(GB_DECIMALS, '0'));
  return whole * GB + fraction;
}

/** Bytes in GB as the shortest exact decimal text: 100000000 → "0.1", 5368709120 → "5.36870912". */
export function bytesToGigabytes(bytes: number): string {
  const whole = Math.floor(bytes / GB);
  const fraction = String(bytes % GB)
    .padStart(GB_DECIMALS, '0')
    .replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : String(whole);
}

/** The largest file as the visitor is told it: the owner's own number when known ("0.1 GB"; "0,1 GB" in German). */
export function maxFileSizeWords(terms: VisitorUploadTerms, locale?: string): string {
  return terms.maxFileSizeGb ? formatGigabytes(terms.maxFileSizeGb, locale) : formatBytes(terms.maxFileSizeBytes, locale);
}

// ---- the rules broken, in the server's words -----------------------------------------------

/** Extensions a sentence lists at most; more are cut with "…". */
const SHOWN_EXTENSIONS = 12;

/** The extensions of an EXTENSION_NOT_ACCEPTED as a sentence lists them, in any language: ".pdf, .mp4…". */
export function shownExtensions(extensions: readonly string[]): string {
  const shown = extensions.slice(0, SHOWN_EXTENSIONS).map((one) => `.${one}`);
  return extensions.length > shown.length ? `${shown.join(', ')}…` : shown.join(', ');
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * A broken rule in the server's one English sentence (a refusal's `reason`, a rejected file's
 * reason in the inbox); readers in other languages are told it by its rule and data instead
 * (src/i18n/describe.ts).
 */
export function brokenRuleSentence(broken: BrokenRule): string {
  switch (broken.rule) {
    case 'SESSION_UNKNOWN':
      return 'Your session could not be identified: reload the page.';
    case 'TYPE_NOT_ACCEPTED':
      return `Files of type ${broken.mimeType || 'unknown'} are not accepted here (accepted: ${broken.accepted.join(', ')}).`;
    case 'FILE_TOO_LARGE':
      return `The file is larger than the ${broken.maxGb ? formatGigabytes(broken.maxGb) : formatBytes(broken.maxBytes)} accepted here.`;
    case 'EXTENSION_NOT_ACCEPTED': {
      const list = shownExtensions(broken.extensions);
      return `The file's name must end in an extension of the types accepted here${list ? ` (${list})` : ''}.`;
    }
    case 'NAME_TAKEN':
      return `A file named "${broken.fileName}" is already in this submission.`;
    case 'SUBMISSION_CLOSED':
      return 'The site owner closed this submission: start a new one.';
    case 'TOO_MANY_FILES':
      return `At most ${broken.max} files can be sent at once.`;
    case 'ASKED_TOO_OFTEN':
      return `"${broken.fileName}" was asked for ${broken.max} times already: send it in a new submission.`;
    case 'FINALIZED_TOO_OFTEN':
      return 'This upload was finalized from the server too many times.';
    case 'NOT_IN_SUBMISSION':
      return 'This file is no longer part of your submission.';
    case 'DAILY_FILES_OF_VISITOR':
      return `You can send at most ${plural(broken.max, 'file')} a day.`;
    case 'DAILY_FILES_OF_SITE':
      return 'This site has received all the files it accepts today.';
    case 'DAILY_SUBMISSIONS_OF_VISITOR':
      return `You can start at most ${plural(broken.max, 'submission')} a day.`;
    case 'DAILY_SUBMISSIONS_OF_SITE':
      return 'This site has received all the submissions it accepts today.';
    case 'NO_OPEN_PLACE':
      return 'This file belongs to no file of an open submission.';
    case 'EXTRA_FILE':
      return 'Another file already arrived for this file of the submission: only the first is kept.';
    case 'NOT_PROCESSED':
      return broken.wixReason ?? 'The Media Manager could not process this file.';
    case 'UNREADABLE':
      return 'The file could not be read to check its content.';
    case 'PLACE_EXPIRED':
      return 'Not finished: no file arrived in the time this file was given. Send it again in a new submission.';
    case 'CLOSED_BY_OWNER':
      return 'Not finished: the site owner closed the submission before this file arrived.';
    case 'UPLOADS_TURNED_OFF':
      return 'Not finished: the site owner stopped accepting files before this file arrived.';
    case 'GONE_FROM_MEDIA_MANAGER':
      return 'The file is no longer in the Media Manager.';
    case 'RENAMED':
      return 'The file arrived under another name than the one announced.';
    case 'SIZE_UNKNOWN':
      return 'The Media Manager did not say the size of the file that arrived.';
    case 'SIZE_NOT_ANNOUNCED':
      return `The file that arrived (${broken.arrivedBytes} bytes) is not the size announced (${broken.announcedBytes} bytes).`;
    case 'KIND_NOT_ACCEPTED':
      return `The file's content (${broken.kind}) is not a type accepted here.`;
    case 'CONTENT_NOT_ACCEPTED': {
      const sentence = `The file's content (${broken.found ?? 'not a recognised type'}) is not a type accepted here.`;
      return broken.wixReason ? `${sentence} (${broken.wixReason})` : sentence;
    }
  }
}

/** Why, as a visitor's file keeps it (VISITOR_FILES' `reason` and `broken`): the sentence, and the rule for readers in other languages. */
export function because(broken: BrokenRule): { reason: string; broken: BrokenRule } {
  return { reason: brokenRuleSentence(broken), broken };
}

/** A request refused for a broken rule: its sentence and the rule, for readers in other languages. */
export function refuseBecause(broken: BrokenRule): RefusalOf<'NOT_ALLOWED'> {
  return { ...refuse('NOT_ALLOWED', brokenRuleSentence(broken)), broken };
}

/** A request refused for what a visitor file's place says: its sentence, and its rule when the place keeps one. */
export function refusalOfPlace(place: { reason?: string; broken?: BrokenRule }): RefusalOf<'NOT_ALLOWED'> {
  if (place.broken) return refuseBecause(place.broken);
  return refuse('NOT_ALLOWED', place.reason ?? brokenRuleSentence({ rule: 'NO_OPEN_PLACE' }));
}

// ---- who may send ----------------------------------------------------------------------------

/** Who is calling a visitor web method, from their token (Wix's Token Info). */
export interface Caller {
  type: 'APP' | 'USER' | 'MEMBER' | 'VISITOR' | 'UNKNOWN';
  id: string;
}

/** Why this caller may not send files under these rules, or undefined when they may. */
/** Uploads are turned off: nothing is accepted, whoever asks. */
export const uploadsOffRefusal = () => refuse('DISABLED', 'The site owner is not accepting files right now.');

export function audienceRefusal(rules: VisitorUploadRules, caller: Caller): Refusal | undefined {
  if (!rules.enabled) return uploadsOffRefusal();
  if (caller.type === 'UNKNOWN' || caller.id === '') return refuseBecause({ rule: 'SESSION_UNKNOWN' });
  // The site's owner and collaborators (USER) may try the widget on their own site.
  if (rules.audience === 'MEMBERS' && caller.type !== 'MEMBER' && caller.type !== 'USER') {
    return refuse('MEMBERS_ONLY', 'Only members of this site can send files: log in first.');
  }
  return undefined;
}

/** The limits on what a visitor writes with the files. */
export const SUBMISSION_FIELD_LIMITS = { name: 100, email: 254, message: 2000 } as const;

/** The visitor's part of a submission: who they are and what they want the owner to know. */
export interface SubmissionDetails {
  name: string;
  email: string;
  message: string;
}

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** What the visitor wrote, checked: trimmed details, or what is wrong with each field. */
export function parseSubmissionDetails(input: unknown): { details: SubmissionDetails } | { violations: FieldViolation[] } {
  if (!isRecord(input)) return { violations: [{ field: 'details', description: 'must be an object', violatedRule: 'TYPE' }] };
  const violations: FieldViolation[] = [];
  const text = (field: keyof SubmissionDetails, required: boolean): string => {
    const value = input[field];
    if (typeof value !== 'string') {
      violations.push({ field, description: 'must be text', violatedRule: 'TYPE' });
      return '';
    }
    const trimmed = value.trim();
    if (required && trimmed === '') violations.push({ field, description: 'is required', violatedRule: 'REQUIRED_FIELD' });
    else if (trimmed.length > SUBMISSION_FIELD_LIMITS[field]) {
      violations.push({
        field,
        description: `must be at most ${SUBMISSION_FIELD_LIMITS[field]} characters long`,
        violatedRule: 'MAX_LENGTH',
      });
    } else {
      const forbidden = typedTextViolation(trimmed, field, { multiline: field === 'message' });
      if (forbidden) violations.push(forbidden);
    }
    return trimmed;
  };
  const details = { name: text('name', true), email: text('email', true), message: text('message', false) };
  if (details.email && !violations.some((v) => v.field === 'email') && !EMAIL_PATTERN.test(details.email)) {
    violations.push({ field: 'email', description: 'must be an e-mail address', violatedRule: 'FORMAT' });
  }
  return violations.length > 0 ? { violations } : { details };
}

/** The details refused in one sentence: the first field at fault. */
export function detailsRefusal(violations: readonly FieldViolation[]): Refusal {
  const [first] = violations;
  return refuse('NOT_ALLOWED', first ? `The ${first.field} ${first.description}.` : 'The details are not valid.');
}

// ---- types and sizes -------------------------------------------------------------------------

/** Whether a MIME type is one the rules accept ("video/*" accepts "video/mp4"). */
export function typeAllowed(allowedTypes: readonly string[], mimeType: string): boolean {
  if (allowedTypes.length === 0) return true;
  const type = mimeType.toLowerCase();
  return allowedTypes.some((allowed) => {
    const rule = allowed.toLowerCase();
    return rule.endsWith('/*') ? type.startsWith(rule.slice(0, -1)) : type === rule;
  });
}

/** Which rule a file breaks (its type, or its size), for a caller that words it itself (the widget, in the visitor's language). */
export type FileRuleBreach = { rule: 'type'; mimeType: string } | { rule: 'size' };

export function fileRuleBreach(rules: VisitorUploadTerms, file: { mimeType: string; sizeInBytes: number }): FileRuleBreach | undefined {
  if (!typeAllowed(rules.allowedTypes, file.mimeType)) return { rule: 'type', mimeType: file.mimeType };
  if (file.sizeInBytes > rules.maxFileSizeBytes) return { rule: 'size' };
  return undefined;
}

/** Which rule a file breaks (its type or its size), undefined when it keeps to them. */
export function fileRuleProblem(rules: VisitorUploadTerms, file: { mimeType: string; sizeInBytes: number }): BrokenRule | undefined {
  const breach = fileRuleBreach(rules, file);
  if (breach?.rule === 'type') return { rule: 'TYPE_NOT_ACCEPTED', mimeType: file.mimeType, accepted: [...rules.allowedTypes] };
  if (breach?.rule === 'size')
    return { rule: 'FILE_TOO_LARGE', maxBytes: rules.maxFileSizeBytes, ...(rules.maxFileSizeGb && { maxGb: rules.maxFileSizeGb }) };
  return undefined;
}

/**
 * Why a file's name does not fit the accepted types, or undefined: with types chosen, the name's
 * extension must be one of theirs (`extensionsByType`, a table such as mime-db's: type → its
 * extensions), so a PDF-only rule gives the owner only files named .pdf and no .hta, .html, .bat
 * or .svg comes through under another declared type. A rule naming a type the table does not know
 * allows the extensions no known type has. Any name passes when every type is accepted.
 */
export function fileNameTypeProblem(
  allowedTypes: readonly string[],
  fileName: string,
  extensionsByType: ReadonlyMap<string, readonly string[]>,
): BrokenRule | undefined {
  if (allowedTypes.length === 0) return undefined;
  const allowed = new Set<string>();
  let unknownTypeAllowed = false;
  for (const rule of allowedTypes.map((type) => type.toLowerCase())) {
    const family = rule.endsWith('/*') ? rule.slice(0, -1) : undefined;
    const known = family
      ? [...extensionsByType].filter(([type]) => type.startsWith(family)).map(([, ext]) => ext)
      : [extensionsByType.get(rule)];
    if (!family && known[0] === undefined) unknownTypeAllowed = true;
    for (const extensions of known) for (const extension of extensions ?? []) allowed.add(extension);
  }
  const extension = fileExtension(fileName);
  if (extension && allowed.has(extension)) return undefined;
  if (extension && unknownTypeAllowed && ![...extensionsByType.values()].some((extensions) => extensions.includes(extension)))
    return undefined;
  return { rule: 'EXTENSION_NOT_ACCEPTED', extensions: [...allowed].slice(0, SHOWN_EXTENSIONS + 1) };
}

// ---- per submission --------------------------------------------------------------------------

/** A file of a submission as far as these rules care: its name, size and whether it is still waiting for its bytes. */
export interface SubmissionFilePlace {
  name: string;
  sizeInBytes: string;
  status: string;
}

/**
 * The file of the submission a request for `fileName` continues (the same name and size, no file
 * arrived yet: a lost session, an expired token), a refusal (another file of that name), or
 * undefined for a new file.
 */
export function fileAskedAgain<F extends SubmissionFilePlace>(
  existing: readonly F[],
  fileName: string,
  size: number,
): F | Refusal | undefined {
  const named = existing.filter((file) => file.name === fileName);
  if (named.length === 0) return undefined;
  const open = named.find((file) => file.status === 'UPLOADING' && file.sizeInBytes === String(size));
  return open ?? refuseBecause({ rule: 'NAME_TAKEN', fileName });
}

export const SUBMISSION_REFUSALS = {
  closed: () => refuseBecause({ rule: 'SUBMISSION_CLOSED' }),
  tooManyFiles: (rules: Pick<VisitorUploadRules, 'maxFilesPerSubmission'>) =>
    refuseBecause({ rule: 'TOO_MANY_FILES', max: rules.maxFilesPerSubmission }),
  askedTooOften: (fileName: string) => refuseBecause({ rule: 'ASKED_TOO_OFTEN', fileName, max: MAX_UPLOAD_URLS_PER_FILE }),
  finalizedTooOften: () => refuseBecause({ rule: 'FINALIZED_TOO_OFTEN' }),
  notInSubmission: () => refuseBecause({ rule: 'NOT_IN_SUBMISSION' }),
} as const;

/**
 * How long a file's place in the site's count of the day waits for its file: half an hour, and the
 * time its announced size takes at 250 kB/s (a 2 Mbit/s upload). A place still empty then is given
 * back, so URLs asked for and never used cannot fill the site's day; the place's own URLs stay
 * valid at Wix, and what arrives through them later is deleted.
 */
export function unfilledPlaceLifetimeMs(sizeInBytes: number): number {
  return UNFILLED_PLACE_BASE_MS + Math.ceil(Math.max(0, sizeInBytes) / SLOWEST_UPLOAD_BYTES_PER_SECOND) * 1000;
}
const UNFILLED_PLACE_BASE_MS = 30 * 60_000;
const SLOWEST_UPLOAD_BYTES_PER_SECOND = 250_000;
export const PLACE_EXPIRED: BrokenRule = { rule: 'PLACE_EXPIRED' };

/** What the owner's actions leave a file that had not arrived when they were taken. */
export const CLOSED_BY_OWNER: BrokenRule = { rule: 'CLOSED_BY_OWNER' };
export const UPLOADS_TURNED_OFF: BrokenRule = { rule: 'UPLOADS_TURNED_OFF' };

// ---- per visitor and per site, a day ---------------------------------------------------------

/** The counts kept per day (UTC), per visitor and per site. */
export type DailyCount = 'files' | 'submissions';

/** A daily count's limits under these rules, and the rule a visitor over each breaks. */
export function dailyLimits(
  count: DailyCount,
  rules: VisitorUploadRules,
): { visitor: number; site: number; visitorRule: BrokenRule; siteRule: BrokenRule } {
  return count === 'files'
    ? {
        visitor: rules.maxFilesPerVisitorPerDay,
        site: rules.maxFilesPerDay,
        visitorRule: { rule: 'DAILY_FILES_OF_VISITOR', max: rules.maxFilesPerVisitorPerDay },
        siteRule: { rule: 'DAILY_FILES_OF_SITE' },
      }
    : {
        visitor: rules.maxSubmissionsPerVisitorPerDay,
        site: rules.maxSubmissionsPerDay,
        visitorRule: { rule: 'DAILY_SUBMISSIONS_OF_VISITOR', max: rules.maxSubmissionsPerVisitorPerDay },
        siteRule: { rule: 'DAILY_SUBMISSIONS_OF_SITE' },
      };
}

/** The day a daily count belongs to: the UTC date, "2026-05-04". */
export function utcDay(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

/** Seconds until the next UTC day begins (at least 1): when a daily count starts again. */
export function secondsUntilNextUtcDay(at: number): number {
  const next = Date.UTC(new Date(at).getUTCFullYear(), new Date(at).getUTCMonth(), new Date(at).getUTCDate() + 1);
  return Math.max(1, Math.ceil((next - at) / 1000));
}

/** A daily limit reached: which, and when the next day begins. */
export function rateLimited(broken: BrokenRule, now: number): RateLimited {
  const retryAfterSeconds = secondsUntilNextUtcDay(now);
  const reason = `${brokenRuleSentence(broken)} Try again in ${formatDuration(retryAfterSeconds)}.`;
  return { ok: false, code: 'RATE_LIMITED', retryAfterSeconds, reason, broken };
}

// ---- what arrived ----------------------------------------------------------------------------

/** The Media Manager kinds a rule covers: "image/*" covers images and vector images. */
function mediaTypesOfRule(rule: string): MediaType[] {
  if (rule.endsWith('/*')) {
    const kind = mediaTypeOf(`${rule.slice(0, -1)}any`);
    return kind === 'IMAGE' ? ['IMAGE', 'VECTOR'] : [kind];
  }
  return [mediaTypeOf(rule)];
}

/**
 * Whether the kind the Media Manager found in the bytes (a descriptor's mediaType) is one the
 * rules accept: what arrived is checked, not only what the browser declared.
 */
export function mediaTypeAllowed(allowedTypes: readonly string[], mediaType: string): boolean {
  if (allowedTypes.length === 0) return true;
  return allowedTypes.some((rule) => mediaTypesOfRule(rule.toLowerCase()).includes(mediaType as MediaType));
}

/** What first bytes that say only "XML" can be: an SVG image, an office part, a feed. They name no narrower kind. */
const GENERIC_CONTENT = new Set(['application/xml']);

/**
 * Whether the kind the file's first bytes show is one the rules accept. `signatureTypes` are the
 * types a content sniffer tells by their bytes. Content it does not recognise (or an empty file)
 * passes only for the type the file was announced as, and only when that type is allowed by a
 * rule that names a family ("video/*", the Media Manager's kind checked too) and the Media
 * Manager processed the file (READY: a file it FAILED is nothing it could recognise), or by a type
 * without a signature ("text/csv"): with application/pdf and video/* allowed, bytes announced as
 * a PDF that are not one are refused.
 */
export function contentKindAllowed(
  allowedTypes: readonly string[],
  sniffedMimeType: string | undefined,
  signatureTypes: ReadonlySet<string>,
  arrived: { mimeType: string; operationStatus?: string | null },
): boolean {
  if (allowedTypes.length === 0) return true;
  if (sniffedMimeType && !GENERIC_CONTENT.has(sniffedMimeType)) return typeAllowed(allowedTypes, sniffedMimeType);
  const announced = arrived.mimeType.toLowerCase();
  return allowedTypes.some((rule) => {
    if (!typeAllowed([rule], announced)) return false;
    return rule.endsWith('/*') ? arrived.operationStatus === 'READY' : !signatureTypes.has(rule.toLowerCase());
  });
}

/** What the Media Manager says of a file that arrived. */
export interface ArrivedFile {
  /** The descriptor's sizeInBytes, whatever the upload declared. */
  sizeInBytes?: string | null;
  /** PENDING while being processed; READY or FAILED once processed (the bytes are there either way). */
  operationStatus?: string | null;
  mediaType?: string | null;
  /** The name it was stored under: the visitor's own finalize (`?filename=`) may try to set it. */
  displayName?: string | null;
}

/**
 * Why the file that arrived breaks the rules, from what the Media Manager says of it, not what the
 * visitor declared: its size from the start, its kind once processed. `content` when the rules can
 * be told only by the file's first bytes (the caller reads them, then asks `contentProblem`);
 * undefined when it keeps to the rules (so far: a file still PENDING is asked again once processed).
 */
export function arrivalProblem(
  arrived: ArrivedFile,
  announced: { mimeType: string; sizeInBytes: string; name?: string },
  rules: VisitorUploadRules,
): BrokenRule | 'content' | undefined {
  // The rules were asked of the name announced; a file stored under another one (payload.html for film.mp4) is not that file.
  if (
    announced.name !== undefined &&
    typeof arrived.displayName === 'string' &&
    arrived.displayName.normalize() !== announced.name.normalize()
  ) {
    return { rule: 'RENAMED' };
  }
  const processed = arrived.operationStatus === 'READY' || arrived.operationStatus === 'FAILED';
  const size = arrived.sizeInBytes === undefined || arrived.sizeInBytes === null ? undefined : Number(arrived.sizeInBytes);
  if (size === undefined || !Number.isSafeInteger(size)) {
    return processed ? { rule: 'SIZE_UNKNOWN' } : undefined;
  }
  const declared = fileRuleProblem(rules, { mimeType: announced.mimeType, sizeInBytes: size });
  if (declared) return declared;
  if (String(size) !== announced.sizeInBytes) {
    return { rule: 'SIZE_NOT_ANNOUNCED', arrivedBytes: size, announcedBytes: Number(announced.sizeInBytes) };
  }
  if (!processed) return undefined;
  const kind = arrived.mediaType ?? 'OTHER';
  if (!mediaTypeAllowed(rules.allowedTypes, kind)) return { rule: 'KIND_NOT_ACCEPTED', kind: kind.toLowerCase() };
  return rules.allowedTypes.length === 0 ? undefined : 'content';
}

/** Why the kind the file's first bytes show breaks the rules (see contentKindAllowed), or undefined. */
export function contentProblem(
  rules: VisitorUploadRules,
  sniffedMimeType: string | undefined,
  signatureTypes: ReadonlySet<string>,
  arrived: { mimeType: string; operationStatus?: string | null },
): BrokenRule | undefined {
  if (contentKindAllowed(rules.allowedTypes, sniffedMimeType, signatureTypes, arrived)) return undefined;
  return { rule: 'CONTENT_NOT_ACCEPTED', ...(sniffedMimeType && { found: sniffedMimeType }) };
}

// ---- the owner's rules, as typed -------------------------------------------------------------

const TYPE_PATTERN = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/(\*|[a-z0-9][a-z0-9!#$&^_.+-]*)$/i;

type CountRule = Exclude<keyof typeof VISITOR_RULE_BOUNDS, 'allowedTypes' | 'maxFileSizeBytes'>;
/** Rules added after the first release: absent (rules saved before, an older caller), they take their default. */
const LATER_RULES: ReadonlySet<CountRule> = new Set(['maxSubmissionsPerVisitorPerDay', 'maxSubmissionsPerDay']);

function wholeNumber(input: Record<string, unknown>, field: CountRule, violations: FieldViolation[]): number {
  const value = input[field];
  if (value === undefined && LATER_RULES.has(field)) return DEFAULT_VISITOR_UPLOAD_RULES[field];
  const max = VISITOR_RULE_BOUNDS[field];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    violations.push({ field, description: `must be a whole number from 1 to ${max}`, violatedRule: 'FORMAT', data: { threshold: max } });
    return 0;
  }
  return value;
}

/**
 * The largest file: `maxFileSizeGb` as the owner typed it, its bytes computed from the text; a
 * caller that sends only `maxFileSizeBytes` (or bytes the text does not say) gets the text of
 * those bytes.
 */
function largestFile(
  input: Record<string, unknown>,
  violations: FieldViolation[],
): Pick<VisitorUploadRules, 'maxFileSizeBytes' | 'maxFileSizeGb'> {
  const max = VISITOR_RULE_BOUNDS.maxFileSizeBytes;
  const { maxFileSizeGb: typed, maxFileSizeBytes: bytes } = input;
  const typedBytes = typeof typed === 'string' ? gigabytesToBytes(typed) : undefined;
  if (typed !== undefined && typed !== null && typedBytes === undefined) {
    violations.push({
      field: 'maxFileSizeGb',
      description: 'must be a number of GB, such as 2 or 0.5, with at most 9 decimals',
      violatedRule: 'FORMAT',
    });
    return { maxFileSizeBytes: 0, maxFileSizeGb: '' };
  }
  const chosen = bytes === undefined || bytes === null ? typedBytes : bytes;
  if (typeof chosen !== 'number' || !Number.isSafeInteger(chosen) || chosen < 1 || chosen > max) {
    const field = bytes === undefined || bytes === null ? 'maxFileSizeGb' : 'maxFileSizeBytes';
    const description =
      field === 'maxFileSizeGb' ? `must be more than 0 and at most ${bytesToGigabytes(max)} GB` : `must be a whole number from 1 to ${max}`;
    violations.push({ field, description, violatedRule: 'FORMAT', data: { threshold: max } });
    return { maxFileSizeBytes: 0, maxFileSizeGb: '' };
  }
  return { maxFileSizeBytes: chosen, maxFileSizeGb: chosen === typedBytes ? (typed as string).trim() : bytesToGigabytes(chosen) };
}

/** The owner's rules as typed, checked: the rules, or what is wrong with each field. */
export function parseVisitorUploadRules(input: unknown): { rules: VisitorUploadRules } | { violations: FieldViolation[] } {
  if (!isRecord(input)) return { violations: [{ field: 'rules', description: 'must be an object', violatedRule: 'TYPE' }] };
  const violations: FieldViolation[] = [];
  if (typeof input.enabled !== 'boolean') violations.push({ field: 'enabled', description: 'must be true or false', violatedRule: 'TYPE' });
  if (input.audience !== 'ANYONE' && input.audience !== 'MEMBERS') {
    violations.push({ field: 'audience', description: 'must be ANYONE or MEMBERS', violatedRule: 'INVALID_ENUM_VALUE' });
  }
  const types = input.allowedTypes;
  if (!Array.isArray(types) || types.length > VISITOR_RULE_BOUNDS.allowedTypes) {
    violations.push({
      field: 'allowedTypes',
      description: `must be a list of at most ${VISITOR_RULE_BOUNDS.allowedTypes} types`,
      violatedRule: 'TYPE',
      data: { threshold: VISITOR_RULE_BOUNDS.allowedTypes },
    });
  } else {
    types.forEach((type, index) => {
      if (typeof type !== 'string' || !TYPE_PATTERN.test(type)) {
        violations.push({
          field: `allowedTypes[${index}]`,
          description: 'must be a MIME type such as video/* or application/pdf',
          violatedRule: 'FORMAT',
        });
      }
    });
  }
  const rules: VisitorUploadRules = {
    enabled: input.enabled === true,
    audience: input.audience === 'MEMBERS' ? 'MEMBERS' : 'ANYONE',
    allowedTypes: Array.isArray(types)
      ? types.filter((type): type is string => typeof type === 'string').map((type) => type.toLowerCase())
      : [],
    ...largestFile(input, violations),
    maxFilesPerSubmission: wholeNumber(input, 'maxFilesPerSubmission', violations),
    maxFilesPerVisitorPerDay: wholeNumber(input, 'maxFilesPerVisitorPerDay', violations),
    maxFilesPerDay: wholeNumber(input, 'maxFilesPerDay', violations),
    maxSubmissionsPerVisitorPerDay: wholeNumber(input, 'maxSubmissionsPerVisitorPerDay', violations),
    maxSubmissionsPerDay: wholeNumber(input, 'maxSubmissionsPerDay', violations),
  };
  return violations.length > 0 ? { violations } : { rules };
}
