import { useCallback, useEffect, useRef, useState } from 'react';
import {
  isLastingRefusal,
  resolveUploadMeta,
  sessionRequestFor,
  sourceFromFile,
  type KeptUpload,
  type ReopenRefusal,
  type ResumeRecord,
  type UploadSource,
} from '../../upload-engine';
import type { FileWithHandle } from '../../shared/file-handle-picking';
import { useUploadQueue } from '../../shared/use-upload-queue';
import type { UploadSessionRequest } from '../../shared/upload-methods';
import { SESSIONS_WITH_SUBMISSION_MAX, type StartSubmissionResult, type SubmissionTicket } from '../../shared/visitor-upload-methods';
import { fileRuleBreach, type FileRuleBreach, type SubmissionDetails, type VisitorUploadTerms } from '../../policies/visitor-rules-policy';
import type { Refusal } from '../../shared/refusals';
import { SessionsGiven, visitorBackend, type VisitorWebMethods } from './visitor-backend';
import { readTicket, writeTicket } from './ticket-store';

export interface VisitorMethods extends VisitorWebMethods {
  getVisitorUploadTerms(): Promise<VisitorUploadTerms>;
  /** `firstFiles`: the files whose upload URLs come with the submission (an older backend ignores them). */
  startVisitorSubmission(details: SubmissionDetails, firstFiles?: UploadSessionRequest[]): Promise<StartSubmissionResult>;
}

/**
 * Why a chosen file stays behind, by the owner's rules (the widget words it in the visitor's
 * language): its type, its size, or one file more than a submission takes.
 */
export type ChosenFileProblem = FileRuleBreach | { rule: 'count' };

/** Why the submission could not start: the backend's refusal, or no answer at all. */
export type StartProblem = Refusal | 'no-connection';

/** A file the visitor chose, with why it cannot be sent if it cannot. */
export interface ChosenFile {
  file: File;
  problem?: ChosenFileProblem;
  /** It continues an upload of this submission begun before a reload. */
  continues?: ResumeRecord;
  /** Where the browser gave one (file-handle-picking.ts): kept, so the upload continues after a restart without choosing the file again. */
  handle?: FileSystemFileHandle;
}

/** A file of the submission that Continue did not reopen, and why. */
export interface NotContinued {
  name: string;
  refusal: ReopenRefusal;
}

const sourceOf = ({ file, handle }: Pick<ChosenFile, 'file' | 'handle'>): UploadSource =>
  handle ? { ...sourceFromFile(file), fileHandle: handle } : sourceFromFile(file);

const RESUME_PREFIX = 'resumable-media-uploader/visitor-resume/';
const FILES_AT_A_TIME = 2;

/**
 * loading → closed (uploads off, or the terms could not be read), login (members only, and the
 * visitor is not one), choosing → sending → done (every file ended: received, not sent or refused).
 */
export type VisitorPhase = 'loading' | 'closed' | 'login' | 'choosing' | 'sending' | 'done';

/** The widget's state: the owner's terms, the chosen files, the submission and its upload queue. */
export function useVisitorUpload(methods: VisitorMethods) {
  const [terms, setTerms] = useState<VisitorUploadTerms>();
  const [termsFailed, setTermsFailed] = useState(false);
  const [chosen, setChosen] = useState<ChosenFile[]>([]);
  /** Chosen files the checks kept from being sent with the submission, told again at the end. */
  const [leftOut, setLeftOut] = useState<ChosenFile[]>([]);
  const [refusal, setRefusal] = useState<StartProblem>();
  const [starting, setStarting] = useState(false);
  const ticket = useRef<SubmissionTicket | undefined>(readTicket());
  const [sessionsGiven] = useState(() => new SessionsGiven());
  // Read once, when the widget mounts: the ticket is read through the ref at each call.
  const { queue, snapshot, survivesReload } = useUploadQueue(
    visitorBackend(methods, () => ticket.current, sessionsGiven),
    {
      resumeKeyPrefix: RESUME_PREFIX,
      concurrency: FILES_AT_A_TIME,
    },
  );
  const [unfinished, setUnfinished] = useState(() => (ticket.current ? queue.unfinishedUploads() : []));
  /** The unfinished files of the submission whose handle the browser kept: Continue sends them without a file dialog. */
  const [kept, setKept] = useState<KeptUpload[]>([]);
  const [notContinued, setNotContinued] = useState<NotContinued[]>([]);
  useEffect(() => {
    if (!ticket.current) return;
    let current = true;
    void queue.keptUploads().then((found) => {
      if (current) setKept(found);
    });
    return () => {
      current = false;
    };
  }, [queue]);
  /** From the visitor's click: the browser asks once to read the files again, each unchanged one continues from the server. */
  const continuing = useRef(false);
  const continueKept = useCallback(async () => {
    // A second click while the browser asks would ask again.
    if (continuing.current) return;
    continuing.current = true;
    const outcomes = await queue.continueFromHandles(kept).finally(() => {
      continuing.current = false;
    });
    const refused = outcomes.flatMap((outcome) => ('refusal' in outcome ? [{ record: outcome.record, refusal: outcome.refusal }] : []));
    setNotContinued(refused.map(({ record, refusal }) => ({ name: record.name, refusal })));
    // Asking again may help a file the browser was not allowed to read; a file changed or gone is chosen again.
    setKept((current) => current.filter(({ record }) => refused.some((one) => one.record === record && !isLastingRefusal(one.refusal))));
    setUnfinished(queue.unfinishedUploads());
  }, [queue, kept]);

  const loadTerms = useCallback(
    () =>
      methods.getVisitorUploadTerms().then(
        (loaded) => {
          setTermsFailed(false);
          setTerms(loaded);
        },
        () => setTermsFailed(true),
      ),
    [methods],
  );
  useEffect(() => void loadTerms(), [loadTerms]);

  const { busy } = snapshot.totals;
  const sent = snapshot.items.length > 0;
  // A file not sent for a passing reason can still be tried again within the submission.
  const retriable = snapshot.items.some((item) => item.state === 'failed' && item.error?.fatal === false);
  // The submission is over once every file ended and none can be tried again: the next one starts afresh.
  useEffect(() => {
    if (sent && !busy && !retriable) {
      ticket.current = undefined;
      writeTicket(undefined);
    }
  }, [sent, busy, retriable]);

  const choose = useCallback(
    (files: ReadonlyArray<File | FileWithHandle>) => {
      if (!terms) return;
      setRefusal(undefined);
      setChosen((current) => {
        const next = [...current];
        for (const one of files) {
          const { file, handle } = one instanceof File ? { file: one, handle: undefined } : one;
          if (next.some((chosen) => chosen.file.name === file.name && chosen.file.size === file.size)) continue;
          const source = sourceFromFile(file);
          const continues = ticket.current ? queue.unfinishedUploadOf(source) : undefined;
          const problem = fileRuleBreach(terms, { mimeType: source.type, sizeInBytes: file.size });
          next.push({ file, problem, continues, ...(handle ? { handle } : {}) });
        }
        const over = next.length - terms.maxFilesPerSubmission;
        return over > 0
          ? next.map((one, index) => (index >= terms.maxFilesPerSubmission ? { ...one, problem: { rule: 'count' } } : one))
          : next;
      });
    },
    [terms, queue],
  );

  const remove = useCallback((file: File) => setChosen((current) => current.filter((one) => one.file !== file)), []);

  const send = useCallback(
    async (details: SubmissionDetails) => {
      const sendable = chosen.filter((one) => !one.problem);
      if (sendable.length === 0) return;
      setRefusal(undefined);
      setStarting(true);
      try {
        const sent = sendable.map((one) => {
          const source = sourceOf(one);
          return { source, meta: resolveUploadMeta(source, {}), continues: one.continues };
        });
        if (!ticket.current || !sendable.some((one) => one.continues)) {
          // The first files' upload URLs come with the submission: their bytes start a round trip sooner.
          const first = sent.filter((one) => !one.continues).slice(0, Math.min(FILES_AT_A_TIME, SESSIONS_WITH_SUBMISSION_MAX));
          const requests = first.map(({ source, meta }) => sessionRequestFor(source, meta));
          const started = await methods.startVisitorSubmission(details, requests);
          if (!started.ok) {
            setRefusal(started);
            return;
          }
          ticket.current = { submissionId: started.submissionId, secret: started.secret };
          writeTicket(ticket.current);
          sessionsGiven.keep(requests, started.sessions);
        }
        for (const { source, meta, continues } of sent) {
          if (continues) queue.resumeUpload(source, continues);
          else queue.add([{ source, meta }]);
        }
        setLeftOut(chosen.filter((one) => one.problem));
        setChosen([]);
      } catch {
        setRefusal('no-connection');
      } finally {
        setStarting(false);
      }
    },
    [chosen, methods, queue, sessionsGiven],
  );

  /** A new submission: the files of this one go off the list (what is still held on the server is dropped). */
  const sendMore = useCallback(async () => {
    ticket.current = undefined;
    writeTicket(undefined);
    setLeftOut([]);
    setRefusal(undefined);
    await Promise.all(queue.getSnapshot().items.map((item) => queue.remove(item.id)));
  }, [queue]);

  const phase: VisitorPhase = termsFailed
    ? 'closed'
    : !terms
      ? 'loading'
      : !terms.enabled
        ? 'closed'
        : terms.loginNeeded && !sent
          ? 'login'
          : sent && !busy
            ? 'done'
            : sent
              ? 'sending'
              : 'choosing';

  // A new object each render: the widget reads its fields, nothing keeps it.
  return {
    phase,
    terms,
    termsFailed,
    chosen,
    leftOut,
    refusal,
    starting,
    snapshot,
    queue,
    unfinished,
    kept,
    notContinued,
    survivesReload,
    continueKept,
    choose,
    remove,
    send,
    sendMore,
    loadTerms,
  };
}
