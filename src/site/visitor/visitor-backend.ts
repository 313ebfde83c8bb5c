import type { UploadBackend } from '../../upload-engine';
import type { FinalizedUpload, UploadSessionRequest } from '../../shared/upload-api';
import type {
  SubmissionTicket,
  VisitorFinalizeRequest,
  VisitorFinalizeResult,
  VisitorRecordResult,
  VisitorSessionResult,
  VisitorStatusResult,
} from '../../shared/visitor-uploads';

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
 * ticket, and the server decides where the file goes and whether it may. The server-side
 * finalize (when the browser's own gets no answer) is for the submission's own upload URLs only.
 */
export function visitorBackend(methods: VisitorWebMethods, ticket: () => SubmissionTicket | undefined): UploadBackend {
  const finalize = methods.finalizeVisitorUploadFromServer;
  const current = () => {
    const held = ticket();
    if (!held) throw new Error('No submission started');
    return held;
  };
  return {
    async createUploadSession(request) {
      const result = await methods.createVisitorUploadSession({ ...current(), request });
      return result.ok
        ? result
        : 'violations' in result
          ? { ok: false, violations: result.violations }
          : { ok: false, reason: result.reason };
    },
    async recordUpload(upload) {
      const result = await methods.recordVisitorUpload({ ...current(), upload });
      return result.ok ? result : { ok: false, reason: result.reason };
    },
    async getUploadStatus(fileIds) {
      const result = await methods.getVisitorUploadStatus({ ...current(), fileIds });
      return result.ok ? result : { ok: false, reason: result.reason };
    },
    ...(finalize && {
      async finalizeUploadFromServer(session, fileName) {
        const result = await finalize({ ...current(), session, fileName });
        return result.ok ? result : { ok: false, reason: result.reason };
      },
    }),
  };
}
