import type { UploadBackend } from '../../upload-engine';
import type { FinalizedUpload, UploadSessionRequest } from '../../shared/upload-methods';
import type {
  SubmissionTicket,
  VisitorFinalizeRequest,
  VisitorFinalizeResult,
  VisitorRecordResult,
  VisitorSessionResult,
  VisitorStatusResult,
} from '../../shared/visitor-upload-methods';

/** The visitor web methods the widget calls (src/backend/visitor-uploads.web.ts has them). */
export interface VisitorWebMethods {
  createVisitorUploadSession(input: SubmissionTicket & { request: UploadSessionRequest }): Promise<VisitorSessionResult>;
  recordVisitorUpload(input: SubmissionTicket & { upload: FinalizedUpload }): Promise<VisitorRecordResult>;
  getVisitorUploadStatus(input: SubmissionTicket & { fileIds: string[] }): Promise<VisitorStatusResult>;
  /** The finalize sent from the server, for an upload URL the server issued for this submission only. */
  finalizeVisitorUploadFromServer?(input: VisitorFinalizeRequest): Promise<VisitorFinalizeResult>;
}

/**
 * The upload engine's backend for one visitor submission: each call carries the submission's
 * ticket, and the server decides where the file goes and whether it may. The answers pass through
 * as they came: a refusal keeps its code and data (a RATE_LIMITED file is one to try again once
 * the day turns, not a file refused for good), for the engine's one reader of refusals. The
 * server-side finalize (when the browser's own gets no answer) is for the submission's own upload
 * URLs only.
 */
export function visitorBackend(methods: VisitorWebMethods, ticket: () => SubmissionTicket | undefined): UploadBackend {
  const finalize = methods.finalizeVisitorUploadFromServer;
  const current = () => {
    const held = ticket();
    if (!held) throw new Error('No submission started');
    return held;
  };
  return {
    createUploadSession: async (request) => methods.createVisitorUploadSession({ ...current(), request }),
    recordUpload: async (upload) => methods.recordVisitorUpload({ ...current(), upload }),
    getUploadStatus: async (fileIds) => methods.getVisitorUploadStatus({ ...current(), fileIds }),
    ...(finalize && { finalizeUploadFromServer: async (session, fileName) => finalize({ ...current(), session, fileName }) }),
  };
}
