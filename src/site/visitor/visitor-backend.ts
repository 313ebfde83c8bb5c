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
 * The answers for the files' upload URLs that came with the submission's start, each used once by
 * the first ask for the same request. Kept a short while only: a file sent later asks for a fresh URL.
 */
export class SessionsGiven {
  private given = new Map<string, { answer: VisitorSessionResult; at: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** What the start answered for each request asked with it (null: no answer, the file asks on its own). */
  keep(requests: readonly UploadSessionRequest[], answers: readonly (VisitorSessionResult | null)[] | undefined): void {
    this.given = new Map();
    requests.forEach((request, index) => {
      const answer = answers?.[index];
      if (answer) this.given.set(JSON.stringify(request), { answer, at: this.now() });
    });
  }

  take(request: UploadSessionRequest): VisitorSessionResult | undefined {
    const key = JSON.stringify(request);
    const kept = this.given.get(key);
    this.given.delete(key);
    return kept && this.now() - kept.at < GIVEN_SESSION_MS ? kept.answer : undefined;
  }
}

/** How long a URL that came with the start is used for its file: the files asked with it start at once. */
const GIVEN_SESSION_MS = 60_000;

/**
 * The upload engine's backend for one visitor submission: each call carries the submission's
 * ticket, and the server decides where the file goes and whether it may. The answers pass through
 * as they came: a refusal keeps its code and data (a RATE_LIMITED file is one to try again once
 * the day turns, not a file refused for good), for the engine's one reader of refusals. The
 * server-side finalize (when the browser's own gets no answer) is for the submission's own upload
 * URLs only.
 */
export function visitorBackend(
  methods: VisitorWebMethods,
  ticket: () => SubmissionTicket | undefined,
  sessionsGiven: SessionsGiven = new SessionsGiven(),
): UploadBackend {
  const finalize = methods.finalizeVisitorUploadFromServer;
  const current = () => {
    const held = ticket();
    if (!held) throw new Error('No submission started');
    return held;
  };
  return {
    createUploadSession: async (request) => sessionsGiven.take(request) ?? methods.createVisitorUploadSession({ ...current(), request }),
    recordUpload: async (upload) => methods.recordVisitorUpload({ ...current(), upload }),
    getUploadStatus: async (fileIds) => methods.getVisitorUploadStatus({ ...current(), fileIds }),
    ...(finalize && { finalizeUploadFromServer: async (session, fileName) => finalize({ ...current(), session, fileName }) }),
  };
}
