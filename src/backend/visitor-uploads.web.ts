import { webMethod, Permissions } from '@wix/web-methods';
import { auth } from '@wix/essentials';
import { files } from '@wix/media';
import { findUploadRequestViolations, VISITOR_UPLOADS_FOLDER_ID } from '../shared/upload-request';
import { MAX_STATUS_BATCH, type FinalizedUpload, type Refusal, type UploadStatusReport } from '../shared/upload-api';
import {
  fileRuleProblem,
  mediaTypeAllowed,
  parseSubmissionDetails,
  parseVisitorUploadRules,
  type SaveRulesResult,
  type StartSubmissionResult,
  type SubmissionFile,
  type SubmissionSummary,
  type VisitorRecordResult,
  type VisitorSessionResult,
  type VisitorStatusResult,
  type VisitorUploadRules,
  type VisitorUploadTerms,
} from '../shared/visitor-uploads';
import { isRecord } from '../shared/is-record';
import { readVisitorUploadRules, writeVisitorUploadRules } from './visitor-rules';
import {
  filesOf,
  insertFile,
  insertSubmission,
  readRecentSubmissions,
  readSubmission,
  removeSubmission,
  toSummary,
  updateFile,
  updateSubmission,
  type SubmissionEntry,
  type SubmissionFileEntry,
} from './visitor-submissions';
import { audienceRefusal, currentCaller, isVisitorRefusal, openSubmission } from './visitor-access';
import { dailyLimitRefusal } from './visitor-limits';
import { deleteMediaFiles, fileDescriptor, fileDescriptors, folderInfo } from './media-manager';
import { isMediaId, mediaIdList, isRefusal, refuse } from './arguments';
import { describeWixError } from './wix-error';
import { uploadSessionOf } from './resumable-upload-url';
import { newSecret, sha256Hex } from './secrets';

/**
 * The site widget's web methods: a visitor (or member) starts a submission, gets an upload URL
 * per file, records each finalized file and reads their status. Every rule of the owner is
 * checked here, before a URL is issued and again on the file that arrived; the widget's own
 * checks only save the visitor a wasted upload. The owner's methods (rules, inbox) are Admin.
 */

const RECENT_SUBMISSIONS = 100;
/** The label every visitor file carries in the Media Manager (they go, private, to visitor-uploads/<submission id>). */
const VISITOR_LABEL = 'visitor-upload';

function termsOf(rules: VisitorUploadRules): VisitorUploadTerms {
  const { enabled, audience, allowedTypes, maxFileSizeBytes, maxFilesPerSubmission } = rules;
  return { enabled, audience, allowedTypes, maxFileSizeBytes, maxFilesPerSubmission };
}

/** What is accepted, and whether this caller must log in first, for the widget to say before anything is chosen. */
export const getVisitorUploadTerms = webMethod(Permissions.Anyone, async (): Promise<VisitorUploadTerms> => {
  const [rules, caller] = await Promise.all([readVisitorUploadRules(), currentCaller()]);
  return { ...termsOf(rules), loginNeeded: audienceRefusal(rules, caller)?.code === 'MEMBERS_ONLY' };
});

/** Starts a submission: the visitor's name, e-mail and message; files follow one by one. */
export const startVisitorSubmission = webMethod(Permissions.Anyone, async (details: unknown): Promise<StartSubmissionResult> => {
  const [rules, caller] = await Promise.all([readVisitorUploadRules(), currentCaller()]);
  const refusal = audienceRefusal(rules, caller);
  if (refusal) return refusal;
  const parsed = parseSubmissionDetails(details);
  if ('violations' in parsed) {
    const [first] = parsed.violations;
    return { ok: false, code: 'NOT_ALLOWED', reason: first ? `The ${first.field} ${first.description}.` : 'The details are not valid.' };
  }
  const limited = await dailyLimitRefusal(rules, caller, 1);
  if (limited) return limited;
  const secret = newSecret();
  const entry = await insertSubmission({
    _id: crypto.randomUUID(),
    ...parsed.details,
    visitorId: caller.id,
    fromMember: caller.type === 'MEMBER',
    secretHash: await sha256Hex(secret),
    handled: false,
  });
  return { ok: true, submissionId: entry._id, secret, terms: termsOf(rules) };
});

/** An upload URL for one file of the visitor's submission, once every rule allows it. */
export const createVisitorUploadSession = webMethod(Permissions.Anyone, async (input: unknown): Promise<VisitorSessionResult> => {
  if (!isRecord(input)) return refuse('createVisitorUploadSession needs the submission and the file');
  const [rules, caller] = await Promise.all([readVisitorUploadRules(), currentCaller()]);
  const closed = audienceRefusal(rules, caller);
  if (closed) return closed;
  const entry = await openSubmission(input, caller);
  if (isVisitorRefusal(entry)) return entry;
  const request = input.request;
  const violations = findUploadRequestViolations(request);
  if (violations.length > 0 || !isRecord(request)) return { ok: false, reason: 'The file description is not valid.', violations };
  const fileName = typeof request.fileName === 'string' ? request.fileName : '';
  const mimeType = typeof request.mimeType === 'string' ? request.mimeType : '';
  const size = Number(request.sizeInBytes);
  if (fileName === '' || !Number.isSafeInteger(size) || size < 0) return refuse('A visitor upload needs the file name and its size');
  const problem = fileRuleProblem(rules, { mimeType, sizeInBytes: size });
  if (problem) return { ok: false, code: 'NOT_ALLOWED', reason: problem };

  // The same file asked for again (a retry after a lost session) keeps its place and its count;
  // names are unique in a submission, so the finalized file is matched to its place by name.
  const existing = await filesOf(entry._id);
  const sameName = existing.find((file) => file.name === fileName);
  const again = sameName?.status === 'UPLOADING' && sameName.sizeInBytes === String(size) ? sameName : undefined;
  if (sameName && !again) return { ok: false, code: 'NOT_ALLOWED', reason: `A file named "${fileName}" is already in this submission.` };
  if (!again) {
    if (existing.length >= rules.maxFilesPerSubmission) {
      return { ok: false, code: 'NOT_ALLOWED', reason: `At most ${rules.maxFilesPerSubmission} files can be sent at once.` };
    }
    const limited = await dailyLimitRefusal(rules, caller, 1);
    if (limited) return limited;
  }
  try {
    const generated = await auth.elevate(files.generateFileResumableUploadUrl)(mimeType, {
      fileName,
      sizeInBytes: String(size),
      parentFolderId: VISITOR_UPLOADS_FOLDER_ID,
      filePath: `/${entry._id}`,
      private: true,
      labels: [VISITOR_LABEL],
      uploadProtocol: 'TUS',
    });
    const session = uploadSessionOf(generated);
    if (!again) {
      await insertFile({
        _id: crypto.randomUUID(),
        submissionId: entry._id,
        visitorId: entry.visitorId,
        name: fileName,
        sizeInBytes: String(size),
        mimeType,
        status: 'UPLOADING',
      });
    }
    return { ok: true, session };
  } catch (error) {
    const refusal = describeWixError(error);
    if (refusal) return { ok: false, reason: 'The file description is not valid.', violations: refusal };
    throw error;
  }
});

/** Whether a file of the Media Manager is in this submission's folder: visitor-uploads/<submission id>. */
async function isInSubmissionFolder(entry: SubmissionEntry, parentFolderId: string | undefined | null): Promise<boolean> {
  if (!parentFolderId) return false;
  const folder = await folderInfo(parentFolderId);
  return folder?.displayName === entry._id && folder.parentFolderId === VISITOR_UPLOADS_FOLDER_ID;
}

function reportOf(file: SubmissionFile): UploadStatusReport {
  const status = file.status === 'READY' ? 'READY' : file.status === 'PENDING' || file.status === 'UPLOADING' ? 'PENDING' : 'FAILED';
  return {
    fileId: file.fileId ?? '',
    status,
    displayName: file.name,
    sizeInBytes: file.sizeInBytes,
    private: true,
    failureCode: file.status === 'REJECTED' ? 'REJECTED_BY_SITE_RULES' : undefined,
    failureDescription: file.reason,
  };
}

/**
 * Records a finalized file of the submission, after checking what really arrived: its folder
 * (so nobody claims another's file), its real size and type. A file that breaks a rule is
 * deleted from the Media Manager for good and the submission says why.
 */
export const recordVisitorUpload = webMethod(Permissions.Anyone, async (input: unknown): Promise<VisitorRecordResult> => {
  if (!isRecord(input) || !isRecord(input.upload)) return refuse('recordVisitorUpload needs the submission and the finalized upload');
  const [rules, caller] = await Promise.all([readVisitorUploadRules(), currentCaller()]);
  const entry = await openSubmission(input, caller);
  if (isVisitorRefusal(entry)) return entry;
  const upload = input.upload as Partial<FinalizedUpload>;
  if (!isMediaId(upload.fileId)) return refuse('fileId must be the id the finalize returned');
  const existing = await filesOf(entry._id);
  const known = existing.find((file) => file.fileId === upload.fileId);
  if (known)
    return known.status === 'REJECTED'
      ? { ok: false, code: 'NOT_ALLOWED', reason: known.reason ?? 'Rejected' }
      : { ok: true, report: reportOf(known) };

  const descriptor = await fileDescriptor(upload.fileId);
  if (!descriptor || !(await isInSubmissionFolder(entry, descriptor.parentFolderId))) {
    return { ok: false, code: 'NOT_YOURS', reason: 'This file is not part of your submission.' };
  }
  const slot = existing.find((file) => file.status === 'UPLOADING' && file.name === descriptor.displayName);
  if (!slot) return { ok: false, code: 'NOT_YOURS', reason: 'This file was not announced in your submission.' };

  const realSize = Number(descriptor.sizeInBytes ?? 0);
  const realKind = descriptor.mediaType ?? 'OTHER';
  const problem =
    fileRuleProblem(rules, { mimeType: slot.mimeType, sizeInBytes: realSize }) ??
    (mediaTypeAllowed(rules.allowedTypes, realKind)
      ? undefined
      : `The file's content (${realKind.toLowerCase()}) is not a type accepted here.`) ??
    (String(realSize) !== slot.sizeInBytes
      ? `The file that arrived (${realSize} bytes) is not the size announced (${slot.sizeInBytes} bytes).`
      : undefined);
  slot.fileId = upload.fileId;
  if (problem) {
    await deleteMediaFiles([upload.fileId], true);
    slot.status = 'REJECTED';
    slot.reason = problem;
    await updateFile(slot);
    return { ok: false, code: 'NOT_ALLOWED', reason: problem };
  }
  slot.status = descriptor.operationStatus === 'READY' ? 'READY' : descriptor.operationStatus === 'FAILED' ? 'FAILED' : 'PENDING';
  await updateFile(slot);
  return { ok: true, report: reportOf(slot) };
});

/** The submission's files, those still being processed brought up to date from the Media Manager. */
async function currentFiles(submissionId: string): Promise<SubmissionFileEntry[]> {
  const files = await filesOf(submissionId);
  const pending = files.filter((file) => file.status === 'PENDING' && file.fileId).map((file) => file.fileId as string);
  if (pending.length === 0) return files;
  const current = await fileDescriptors(pending.slice(0, MAX_STATUS_BATCH));
  for (const file of files) {
    if (!file.fileId || file.status !== 'PENDING') continue;
    const found = current.found.find((descriptor) => descriptor._id === file.fileId);
    if (found && found.operationStatus !== 'PENDING') {
      file.status = found.operationStatus === 'READY' ? 'READY' : 'FAILED';
      await updateFile(file);
    } else if (current.unknown.includes(file.fileId)) {
      file.status = 'FAILED';
      file.reason = 'The file is no longer in the Media Manager.';
      await updateFile(file);
    }
  }
  return files;
}

/** The status of the visitor's own files; ids of other files are answered as unknown. */
export const getVisitorUploadStatus = webMethod(Permissions.Anyone, async (input: unknown): Promise<VisitorStatusResult> => {
  if (!isRecord(input)) return refuse('getVisitorUploadStatus needs the submission and the file ids');
  const ids = mediaIdList(input.fileIds, MAX_STATUS_BATCH);
  if (isRefusal(ids)) return ids;
  const entry = await openSubmission(input, await currentCaller());
  if (isVisitorRefusal(entry)) return entry;
  const files = await currentFiles(entry._id);
  const reports: UploadStatusReport[] = [];
  const unknownFileIds: string[] = [];
  for (const id of ids) {
    const file = files.find((candidate) => candidate.fileId === id);
    if (file) reports.push(reportOf(file));
    else unknownFileIds.push(id);
  }
  return { ok: true, reports, unknownFileIds };
});

/** The owner's rules, to edit them. */
export const getVisitorUploadRules = webMethod(Permissions.Admin, async (): Promise<VisitorUploadRules> => readVisitorUploadRules());

export const saveVisitorUploadRules = webMethod(Permissions.Admin, async (input: unknown): Promise<SaveRulesResult> => {
  const parsed = parseVisitorUploadRules(input);
  if ('violations' in parsed) return { ok: false, reason: 'Some rules are not valid.', violations: parsed.violations };
  await writeVisitorUploadRules(parsed.rules);
  return { ok: true, rules: parsed.rules };
});

/** The owner's inbox: the latest submissions, newest first, with their files' status brought up to date. */
export const listVisitorSubmissions = webMethod(Permissions.Admin, async (): Promise<SubmissionSummary[]> => {
  const entries = await readRecentSubmissions(RECENT_SUBMISSIONS);
  return Promise.all(entries.map(async (entry) => toSummary(entry, await currentFiles(entry._id))));
});

export const setVisitorSubmissionHandled = webMethod(
  Permissions.Admin,
  async (submissionId: unknown, handled: unknown): Promise<{ ok: true } | Refusal> => {
    if (typeof submissionId !== 'string' || typeof handled !== 'boolean') return refuse('Give the submission id and true or false');
    const entry = await readSubmission(submissionId);
    if (!entry) return refuse('The submission does not exist');
    await updateSubmission({ ...entry, handled });
    return { ok: true };
  },
);

/** Deletes a submission and moves its files to the Media Manager's trash (they can be restored there). */
export const deleteVisitorSubmission = webMethod(Permissions.Admin, async (submissionId: unknown): Promise<{ ok: true } | Refusal> => {
  if (typeof submissionId !== 'string') return refuse('Give the submission id');
  const entry = await readSubmission(submissionId);
  if (!entry) return refuse('The submission does not exist');
  const fileIds = (await filesOf(entry._id)).flatMap((file) => (file.fileId && file.status !== 'REJECTED' ? [file.fileId] : []));
  await deleteMediaFiles(fileIds, false);
  await removeSubmission(submissionId);
  return { ok: true };
});
