import { auth } from '@wix/essentials';
import { files } from '@wix/media';
import { findUploadRequestViolations } from '../policies/upload-request-policy';
import {
  audienceRefusal,
  because,
  CLOSED_BY_OWNER,
  detailsRefusal,
  fileAskedAgain,
  fileNameTypeProblem,
  fileRuleProblem,
  parseSubmissionDetails,
  parseVisitorUploadRules,
  refusalOfPlace,
  refuseBecause,
  SUBMISSION_REFUSALS,
  termsOf,
  unfilledPlaceLifetimeMs,
  uploadsOffRefusal,
  type VisitorUploadRules,
  type VisitorUploadTerms,
} from '../policies/visitor-rules-policy';
import { VISITOR_UPLOADS_FOLDER_ID } from '../shared/media-folders';
import { MAX_STATUS_BATCH, type UploadStatusReport } from '../shared/upload-methods';
import { invalidRequest, isRefusal, refuse, type Refusal } from '../shared/refusals';
import { refusalOfInput } from '../shared/wix-errors';
import {
  INBOX_PAGE_SIZE,
  INBOX_SEARCH_MAX_LENGTH,
  SESSIONS_WITH_SUBMISSION_MAX,
  type InboxPage,
  type SaveRulesResult,
  type StartSubmissionResult,
  type SubmissionSummary,
  type VisitorFinalizeResult,
  type VisitorRecordResult,
  type VisitorSessionResult,
  type VisitorStatusResult,
} from '../shared/visitor-upload-methods';
import { isRecord } from '../shared/is-record';
import { readVisitorUploadRules, writeVisitorUploadRules } from './visitor-rules';
import {
  claimFileSlot,
  fileSlotLabel,
  filesOf,
  INBOX_PAGE_DEFAULTS,
  insertSubmission,
  parseFileSlotId,
  readFileSlot,
  readRecentSubmissions,
  readSubmission,
  readSubmissionPage,
  releaseFileSlot,
  removeSubmission,
  reportOfSubmissionFile,
  toSummary,
  updateFile,
  updateSubmission,
  type SubmissionEntry,
  type SubmissionFileEntry,
} from './visitor-submissions';
import { currentCaller, isVisitorRefusal, openSubmission } from './visitor-access';
import {
  claimServerFinalize,
  claimToday,
  claimUploadUrl,
  filesTodayFull,
  isRateLimited,
  issuedUploadUrl,
  markSubmissionDeleted,
  recordUploadUrl,
  releaseUploadUrl,
  removeSubmissionClaims,
} from './visitor-claims';
import { checkVisitorFile } from './visitor-file-check';
import { EXTENSIONS_BY_TYPE } from './file-name-types';
import { closePlaces, closeWaitingPlaces, giveBackUnfilledPlaces, sweepIfDue, sweepVisitorUploads } from './visitor-sweep';
import { deleteMediaFiles, fileDescriptor, fileDescriptors } from './media-manager';
import { invalidArgument, isMediaFileIdShape, mediaIdList } from './arguments';
import { resumableUploadOptions, uploadSessionOf } from './resumable-upload-url';
import { newSecret, sha256Hex } from './secrets';
import { finalizeAtUploadHost, isWixUploadUrl, UPLOAD_TOKEN_MAX_LENGTH } from './upload-hosts';

/**
 * The site widget's operations and the owner's inbox, as plain functions: visitor-uploads.web.ts
 * makes each a web method in one line (visitors: Anyone; the owner: Admin), backend/http-endpoints.ts
 * an HTTP endpoint. A visitor (or member) starts a submission, gets an upload URL per file,
 * records each finalized file and reads their status. What a visitor may do is the visitor rules
 * policy's (src/policies/visitor-rules-policy.ts), asked here before a URL is issued and again of
 * the file that arrived (visitor-file-check.ts, also run for its events and by the sweep: the
 * server does not rely on the visitor to report). Every count is a numbered place taken by an
 * insert (visitor-claims.ts, numbered-claims.ts).
 */

const RECENT_SUBMISSIONS = 100;
/** The label every visitor file carries in the Media Manager (they go, private, to visitor-uploads/<submission id>). */
const VISITOR_LABEL = 'visitor-upload';

/** Sweeps on a visitor's call when this period's sweep is due; its failure is logged, never the visitor's. */
async function sweepForVisitor(): Promise<void> {
  await sweepIfDue().catch((error: unknown) => console.error('[visitor uploads] sweep', error));
}

/** What is accepted, and whether this caller must log in first, for the widget to say before anything is chosen. */
export async function getVisitorUploadTerms(): Promise<VisitorUploadTerms> {
  const [rules, caller] = await Promise.all([readVisitorUploadRules(), currentCaller()]);
  return { ...termsOf(rules), loginNeeded: audienceRefusal(rules, caller)?.code === 'MEMBERS_ONLY' };
}

/**
 * Starts a submission: the visitor's name, e-mail and message; files follow one by one. The
 * upload URLs of the files sent first (`firstFiles`, at most SESSIONS_WITH_SUBMISSION_MAX) come
 * with it, each asked as createVisitorUploadSession asks it, so that the visitor's first bytes
 * do not wait a round trip more than the page's.
 */
export async function startVisitorSubmission(details: unknown, firstFiles?: unknown): Promise<StartSubmissionResult> {
  if (firstFiles !== undefined && !(Array.isArray(firstFiles) && firstFiles.length <= SESSIONS_WITH_SUBMISSION_MAX))
    return invalidArgument(`The files asked with a submission must be a list of at most ${SESSIONS_WITH_SUBMISSION_MAX} upload requests`);
  await sweepForVisitor();
  const [rules, caller] = await Promise.all([readVisitorUploadRules(), currentCaller()]);
  const refusal = audienceRefusal(rules, caller);
  if (refusal) return refusal;
  const parsed = parseSubmissionDetails(details);
  if ('violations' in parsed) return detailsRefusal(parsed.violations);
  const full = await filesTodayFull(rules, caller, { giveBackUnfilled: () => giveBackUnfilledPlaces() });
  if (full) return full;
  const today = await claimToday('submissions', rules, caller);
  if (isRateLimited(today)) return today;
  const secret = newSecret();
  const entry = await insertSubmission({
    _id: crypto.randomUUID(),
    ...parsed.details,
    visitorId: caller.id,
    fromMember: caller.type === 'MEMBER',
    secretHash: await sha256Hex(secret),
    handled: false,
  });
  const ticket = { submissionId: entry._id, secret };
  if (!firstFiles?.length) return { ok: true, ...ticket, terms: termsOf(rules) };
  // One after another, as the widget would ask them: the same file asked twice keeps one place.
  const sessions: (VisitorSessionResult | null)[] = [];
  for (const request of firstFiles as unknown[]) {
    sessions.push(
      await createVisitorUploadSession({ ...ticket, request }).catch((error: unknown) => {
        // The submission stands: the widget asks for this file's URL again on its own.
        console.error('[visitor uploads] upload URL with the submission', error);
        return null;
      }),
    );
  }
  return { ok: true, ...ticket, terms: termsOf(rules), sessions };
}

/**
 * An upload URL for one file of the visitor's submission, once every rule allows it. A new file
 * takes a place of its submission and one of today's (the visitor's and the site's); the same
 * file asked again (a lost session, an expired token) keeps its place, up to
 * MAX_UPLOAD_URLS_PER_FILE URLs in all.
 */
export async function createVisitorUploadSession(input: unknown): Promise<VisitorSessionResult> {
  if (!isRecord(input)) return invalidArgument('createVisitorUploadSession needs the submission and the file');
  await sweepForVisitor();
  const [rules, caller] = await Promise.all([readVisitorUploadRules(), currentCaller()]);
  const closed = audienceRefusal(rules, caller);
  if (closed) return closed;
  const entry = await openSubmission(input, caller);
  if (isVisitorRefusal(entry)) return entry;
  if (entry.closedDate) return SUBMISSION_REFUSALS.closed();
  const request = input.request;
  const violations = findUploadRequestViolations(request);
  if (violations.length > 0 || !isRecord(request)) return invalidRequest(violations);
  const fileName = typeof request.fileName === 'string' ? request.fileName : '';
  const mimeType = typeof request.mimeType === 'string' ? request.mimeType : '';
  const size = Number(request.sizeInBytes);
  if (fileName === '' || !Number.isSafeInteger(size) || size < 0)
    return invalidArgument('A visitor upload needs the file name and its size');
  const problem =
    fileRuleProblem(rules, { mimeType, sizeInBytes: size }) ?? fileNameTypeProblem(rules.allowedTypes, fileName, EXTENSIONS_BY_TYPE);
  if (problem) return refuseBecause(problem);

  const again = fileAskedAgain(await filesOf(entry._id), fileName, size);
  if (isRefusal(again)) return again;
  let file: SubmissionFileEntry;
  /** For a new file: gives back its places (the submission's and today's) when no URL comes of them. */
  let giveBackPlaces: (() => Promise<void>) | undefined;
  if (again) file = again;
  else {
    const claimed = await claimFileSlot(entry, rules.maxFilesPerSubmission, { name: fileName, sizeInBytes: String(size), mimeType });
    if (!claimed) return SUBMISSION_REFUSALS.tooManyFiles(rules);
    const today = await claimToday('files', rules, caller, {
      place: { fileSlotId: claimed._id, expiresAt: Date.now() + unfilledPlaceLifetimeMs(size) },
      giveBackUnfilled: () => giveBackUnfilledPlaces(),
    });
    if (isRateLimited(today)) {
      await releaseFileSlot(claimed);
      return today;
    }
    file = claimed;
    giveBackPlaces = async () => {
      await releaseFileSlot(claimed);
      await today.release();
    };
  }
  const urlClaim = await claimUploadUrl(file._id, entry._id);
  if (!urlClaim) {
    await giveBackPlaces?.();
    return SUBMISSION_REFUSALS.askedTooOften(fileName);
  }
  // The owner may have closed the submission or turned uploads off since they were read: asked again now
  // that the place is taken, a close that came before is seen here, and one that comes after sees the place.
  const closedMeanwhile = await closedSince(entry._id);
  if (closedMeanwhile) {
    await releaseUploadUrl(urlClaim);
    await giveBackPlaces?.();
    return closedMeanwhile;
  }
  try {
    const options = resumableUploadOptions({
      mimeType,
      fileName,
      sizeInBytes: String(size),
      parentFolderId: VISITOR_UPLOADS_FOLDER_ID,
      filePath: `/${entry._id}`,
      private: true,
      labels: [VISITOR_LABEL, fileSlotLabel(file)],
    });
    const session = uploadSessionOf(await auth.elevate(files.generateFileResumableUploadUrl)(mimeType, options));
    // The place itself is not written again: a write of the entry read at the start could undo the owner's close.
    await recordUploadUrl(urlClaim, { uploadUrl: session.uploadUrl, tokenHash: await sha256Hex(session.uploadToken) });
    return { ok: true, session };
  } catch (error) {
    await releaseUploadUrl(urlClaim);
    await giveBackPlaces?.();
    const refusal = refusalOfInput(error);
    if (refusal) return refusal;
    throw error;
  }
}

/** Why no new upload URL may be issued for the submission now: uploads turned off, or the submission closed (read afresh). */
async function closedSince(submissionId: string): Promise<Refusal | undefined> {
  const [rules, entry] = await Promise.all([readVisitorUploadRules(), readSubmission(submissionId)]);
  if (!rules.enabled) return uploadsOffRefusal();
  if (!entry || entry.closedDate) return SUBMISSION_REFUSALS.closed();
  return undefined;
}

/**
 * Records a finalized file of the submission: the same check the server runs on its own when the
 * file's event comes (its place, its real size and kind); a file that breaks a rule is deleted for
 * good and the submission says why.
 */
export async function recordVisitorUpload(input: unknown): Promise<VisitorRecordResult> {
  if (!isRecord(input) || !isRecord(input.upload))
    return invalidArgument('recordVisitorUpload needs the submission and the finalized upload');
  await sweepForVisitor();
  const entry = await openSubmission(input, await currentCaller());
  if (isVisitorRefusal(entry)) return entry;
  const fileId = input.upload.fileId;
  if (!isMediaFileIdShape(fileId)) return invalidArgument('fileId must be the id the finalize returned');
  const descriptor = await fileDescriptor(fileId);
  if (!descriptor) {
    // Already checked and deleted (its event came first): its file says why.
    const rejected = (await filesOf(entry._id)).find((file) => file.fileId === fileId && file.status === 'REJECTED');
    if (rejected) return refusalOfPlace(rejected);
  }
  const verdict = descriptor ? await checkVisitorFile(descriptor, { submissionId: entry._id }) : { kind: 'not-ours' as const };
  if (verdict.kind === 'kept') return { ok: true, report: reportOfSubmissionFile(verdict.file) };
  // Refused in its place (a rule, a second copy, the submission closed): the place says why.
  if (verdict.kind === 'deleted' && verdict.file) return refusalOfPlace({ ...verdict.file, ...verdict.why });
  // Deleted already because it came after the close: that is what the visitor needs to hear, not that it is someone else's.
  if (entry.closedDate) return SUBMISSION_REFUSALS.closed();
  return refuse('NOT_YOURS', 'This file is not part of your submission.');
}

/** The submission's files, those still being processed brought up to date (and checked) from the Media Manager. */
async function currentFiles(submissionId: string): Promise<SubmissionFileEntry[]> {
  const found = await filesOf(submissionId);
  const pending = found.filter((file) => file.status === 'PENDING' && file.fileId).map((file) => file.fileId as string);
  if (pending.length === 0) return found;
  const current = await fileDescriptors(pending.slice(0, MAX_STATUS_BATCH));
  return Promise.all(
    found.map(async (file) => {
      if (!file.fileId || file.status !== 'PENDING') return file;
      const descriptor = current.found.find((one) => one._id === file.fileId);
      if (descriptor && descriptor.operationStatus !== 'PENDING') {
        // One file's failed check never takes the inbox or the visitor's status down: it is shown as it was, checked again later.
        const verdict = await checkVisitorFile(descriptor, { submissionId }).catch((error: unknown) => {
          console.error('[visitor uploads] could not check', file.fileId, error);
          return undefined;
        });
        return !verdict || verdict.kind === 'not-ours' ? file : (verdict.file ?? file);
      }
      if (!current.unknown.includes(file.fileId)) return file;
      const gone = { ...file, status: 'FAILED' as const, ...because({ rule: 'GONE_FROM_MEDIA_MANAGER' }) };
      await updateFile(gone);
      return gone;
    }),
  );
}

/** The status of the visitor's own files; ids of other files are answered as unknown. */
export async function getVisitorUploadStatus(input: unknown): Promise<VisitorStatusResult> {
  if (!isRecord(input)) return invalidArgument('getVisitorUploadStatus needs the submission and the file ids');
  const ids = mediaIdList(input.fileIds, MAX_STATUS_BATCH);
  if (isRefusal(ids)) return ids;
  if (!ids.every(isMediaFileIdShape)) return invalidArgument('fileIds must be the ids the finalize returned');
  await sweepForVisitor();
  const entry = await openSubmission(input, await currentCaller());
  if (isVisitorRefusal(entry)) return entry;
  const found = await currentFiles(entry._id);
  const reports: UploadStatusReport[] = [];
  const unknownFileIds: string[] = [];
  for (const id of ids) {
    const file = found.find((candidate) => candidate.fileId === id);
    if (file) reports.push(reportOfSubmissionFile(file));
    else unknownFileIds.push(id);
  }
  return { ok: true, reports, unknownFileIds };
}

/**
 * The finalize PUT of one of the visitor's files, sent from the server for a browser whose own
 * finalize got no answer (the upload host unreachable, or refusing the site's origin). Only for
 * an upload URL the server issued for this visitor's submission, at the URL Wix gave (never the
 * one the visitor sends), with the name announced for the file, at most
 * MAX_SERVER_FINALIZES_PER_URL times.
 */
export async function finalizeVisitorUploadFromServer(input: unknown): Promise<VisitorFinalizeResult> {
  if (!isRecord(input) || !isRecord(input.session))
    return invalidArgument('finalizeVisitorUploadFromServer needs the submission and the upload session');
  const entry = await openSubmission(input, await currentCaller());
  if (isVisitorRefusal(entry)) return entry;
  const { uploadUrl, uploadToken } = input.session;
  if (typeof uploadToken !== 'string' || uploadToken === '' || uploadToken.length > UPLOAD_TOKEN_MAX_LENGTH) {
    return invalidArgument('The upload token is not valid');
  }
  const issued = await issuedUploadUrl(entry._id, await sha256Hex(uploadToken));
  if (!issued) return refuse('NOT_YOURS', 'This upload URL was not issued for your submission.');
  if (uploadUrl !== issued.uploadUrl || !isWixUploadUrl(issued.uploadUrl))
    return invalidArgument('The upload URL is not the one issued for this file');
  const place = parseFileSlotId(issued.fileSlotId);
  const file = place?.submissionId === entry._id ? await readFileSlot(place.submissionId, place.slot) : undefined;
  if (!file || file.status === 'REJECTED' || (file.status === 'FAILED' && !file.fileId)) {
    return file?.reason ? refusalOfPlace(file) : SUBMISSION_REFUSALS.notInSubmission();
  }
  if (!(await claimServerFinalize(issued.id, entry._id))) return SUBMISSION_REFUSALS.finalizedTooOften();
  return { ok: true, ...(await finalizeAtUploadHost(issued.uploadUrl, uploadToken, file.name)) };
}

/** The owner's rules, to edit them. */
export function getVisitorUploadRules(): Promise<VisitorUploadRules> {
  return readVisitorUploadRules();
}

export async function saveVisitorUploadRules(input: unknown): Promise<SaveRulesResult> {
  const parsed = parseVisitorUploadRules(input);
  if ('violations' in parsed) return { ...invalidRequest(parsed.violations), reason: 'Some rules are not valid.' };
  const before = await readVisitorUploadRules();
  await writeVisitorUploadRules(parsed.rules);
  // Upload URLs live on after uploads are turned off: their files are refused when they arrive (the file check
  // reads the rules). The places still waiting say so a page at a time, here and on each sweep, never all in one call.
  if (before.enabled && !parsed.rules.enabled) await closeWaitingPlaces();
  return { ok: true, rules: parsed.rules };
}

async function summaryOf(entry: SubmissionEntry): Promise<SubmissionSummary> {
  return toSummary(entry, await currentFiles(entry._id));
}

/** Sweeps before the owner reads the inbox, so it shows what the Media Manager holds; a failed sweep still shows the inbox. */
async function sweepForOwner(): Promise<void> {
  await sweepVisitorUploads().catch((error: unknown) => console.error('[visitor uploads] sweep', error));
}

/** The owner's inbox: the latest submissions, newest first, with their files' status brought up to date. */
export async function listVisitorSubmissions(): Promise<SubmissionSummary[]> {
  await sweepForOwner();
  return Promise.all((await readRecentSubmissions(RECENT_SUBMISSIONS)).map(summaryOf));
}

/** A page of the inbox, unhandled submissions first (or only the handled or unhandled ones), optionally matching words. */
export async function listVisitorSubmissionPage(request: unknown = {}): Promise<InboxPage> {
  const asked = isRecord(request) ? request : {};
  const filter = asked.filter ?? INBOX_PAGE_DEFAULTS.filter;
  if (filter !== 'ALL' && filter !== 'UNHANDLED' && filter !== 'HANDLED')
    return invalidArgument('filter must be ALL, UNHANDLED or HANDLED');
  const search = asked.search ?? INBOX_PAGE_DEFAULTS.search;
  if (typeof search !== 'string' || search.length > INBOX_SEARCH_MAX_LENGTH) {
    return invalidArgument(`search must be text of at most ${INBOX_SEARCH_MAX_LENGTH} characters`);
  }
  const offset = asked.offset ?? INBOX_PAGE_DEFAULTS.offset;
  const pageSize = asked.pageSize ?? INBOX_PAGE_DEFAULTS.pageSize;
  if (typeof offset !== 'number' || !Number.isSafeInteger(offset) || offset < 0)
    return invalidArgument('offset must be a whole number from 0');
  if (typeof pageSize !== 'number' || !Number.isInteger(pageSize) || pageSize < 1 || pageSize > INBOX_PAGE_SIZE.max) {
    return invalidArgument(`pageSize must be a whole number from 1 to ${INBOX_PAGE_SIZE.max}`);
  }
  await sweepForOwner();
  const { entries, total } = await readSubmissionPage({ filter, search: search.trim(), offset, pageSize });
  return { ok: true, submissions: await Promise.all(entries.map(summaryOf)), total, offset, pageSize };
}

export async function setVisitorSubmissionHandled(submissionId: unknown, handled: unknown): Promise<{ ok: true } | Refusal> {
  if (typeof submissionId !== 'string' || typeof handled !== 'boolean') return invalidArgument('Give the submission id and true or false');
  const entry = await readSubmission(submissionId);
  if (!entry) return refuse('NOT_FOUND', 'The submission does not exist');
  await updateSubmission({ ...entry, handled });
  return { ok: true };
}

/** Closes a submission the visitor stopped sending: its files that have not arrived never will (what arrives later is deleted). */
export async function closeVisitorSubmission(submissionId: unknown): Promise<{ ok: true } | Refusal> {
  if (typeof submissionId !== 'string') return invalidArgument('Give the submission id');
  const entry = await readSubmission(submissionId);
  if (!entry) return refuse('NOT_FOUND', 'The submission does not exist');
  await updateSubmission({ ...entry, closedDate: entry.closedDate ?? new Date() });
  await closePlaces(await filesOf(entry._id), CLOSED_BY_OWNER);
  return { ok: true };
}

/**
 * Deletes a submission and moves its files to the Media Manager's trash (they can be restored
 * there); a file of it that arrives later is moved there too (visitor-file-check.ts).
 */
export async function deleteVisitorSubmission(submissionId: unknown): Promise<{ ok: true } | Refusal> {
  if (typeof submissionId !== 'string') return invalidArgument('Give the submission id');
  const entry = await readSubmission(submissionId);
  if (!entry) return refuse('NOT_FOUND', 'The submission does not exist');
  const fileIds = (await filesOf(entry._id)).flatMap((file) => (file.fileId && file.status !== 'REJECTED' ? [file.fileId] : []));
  await markSubmissionDeleted(entry._id, fileIds);
  await deleteMediaFiles(fileIds, false);
  await removeSubmission(entry._id);
  await removeSubmissionClaims(entry._id);
  return { ok: true };
}
