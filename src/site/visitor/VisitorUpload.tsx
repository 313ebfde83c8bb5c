import React, { useRef, useState, type CSSProperties, type FC, type FormEvent } from 'react';
import type { UploadItem } from '../../upload-engine';
import { formatBytes, formatDuration, formatSpeed } from '../../shared/format';
import { maxFileSizeWords, SUBMISSION_FIELD_LIMITS, type VisitorUploadTerms } from '../../policies/visitor-rules-policy';
import { useLeaveWarning } from '../../shared/use-leave-warning';
import { useVisitorUpload, type ChosenFile, type VisitorMethods } from './use-visitor-upload';
import styles from './visitor-upload.module.css';
import { readAccent } from './accent';

/** What the owner sets in the editor: the wording and the accent colour; the rules are the server's. */
export interface VisitorUploadWording {
  heading?: string;
  intro?: string;
  buttonLabel?: string;
  thanks?: string;
  accentColor?: string;
}

interface Props extends VisitorUploadWording {
  methods: VisitorMethods;
  /** Opens the site's member login (the members area's); resolves once the visitor is logged in. */
  login?: () => Promise<void>;
}

let nextWidgetId = 0;

function describeTerms(terms: VisitorUploadTerms): string {
  const types = terms.allowedTypes.length > 0 ? terms.allowedTypes.join(', ') : 'any type';
  return `Accepted: ${types} · up to ${maxFileSizeWords(terms)} per file · up to ${terms.maxFilesPerSubmission} files at once.`;
}

const STATE_WORDS: Record<UploadItem['state'], string> = {
  queued: 'Waiting',
  importing: 'Being fetched',
  uploading: 'Sending',
  paused: 'Paused',
  finalizing: 'Finishing',
  processing: 'Received, being processed',
  ready: 'Received',
  failed: 'Not sent',
  cancelled: 'Cancelled',
  refused: 'Received, but refused',
};

const SentFile: FC<{ item: UploadItem; onPause(): void; onResume(): void; onRetry(): void }> = ({ item, onPause, onResume, onRetry }) => {
  const percent = item.size === 0 ? 100 : Math.floor((item.bytesUploaded / item.size) * 100);
  const reason = item.state === 'failed' || item.state === 'refused' ? (item.failureDescription ?? item.error?.message) : undefined;
  return (
    <li className={styles.file} data-hook="visitor-file">
      <div className={styles.fileLine}>
        <span className={styles.fileName}>{item.name}</span>
        <span className={styles.fileState} data-hook="visitor-file-state">
          {STATE_WORDS[item.state]}
        </span>
      </div>
      <progress className={styles.progress} max={100} value={percent} aria-label={`Progress of ${item.name}`} />
      <div className={styles.fileLine}>
        <span className={styles.muted}>
          {formatBytes(item.bytesUploaded)} of {formatBytes(item.size)}
          {item.state === 'uploading' ? ` · ${formatSpeed(item.bytesPerSecond)} · ${formatDuration(item.secondsLeft)} left` : ''}
        </span>
        <span>
          {item.actions.pause ? (
            <button type="button" className={styles.link} onClick={onPause} aria-label={`Pause ${item.name}`}>
              Pause
            </button>
          ) : null}
          {item.actions.resume ? (
            <button type="button" className={styles.link} onClick={onResume} aria-label={`Resume ${item.name}`}>
              Resume
            </button>
          ) : null}
          {item.actions.retry && item.error?.fatal === false ? (
            <button type="button" className={styles.link} onClick={onRetry} aria-label={`Try ${item.name} again`}>
              Try again
            </button>
          ) : null}
        </span>
      </div>
      {reason ? (
        <p className={styles.error} role="alert">
          {reason}
        </p>
      ) : null}
    </li>
  );
};

/** What became of the submission, once every file ended: the owner's thanks only when every file arrived. */
function endingOf(items: readonly UploadItem[], leftOut: readonly ChosenFile[], thanks: string): string {
  const total = items.length + leftOut.length;
  const received = items.filter((item) => item.state === 'ready').length;
  if (received === total) return thanks;
  if (received === 0) return total === 1 ? 'Your file could not be received.' : `None of your ${total} files could be received.`;
  return `We received ${received} of your ${total} files.`;
}

/** Chosen files the checks kept back: they were not sent with the others, and say why. */
const LeftOutFiles: FC<{ files: readonly ChosenFile[] }> = ({ files }) =>
  files.length === 0 ? null : (
    <ul className={styles.files} aria-label="Files not sent: not accepted here" data-hook="visitor-left-out">
      {files.map((one) => (
        <li key={`${one.file.name}-${one.file.size}`} className={styles.file}>
          <div className={styles.fileLine}>
            <span className={styles.fileName}>{one.file.name}</span>
            <span className={styles.fileState}>Not sent</span>
          </div>
          <p className={styles.error}>{one.problem}</p>
        </li>
      ))}
    </ul>
  );

/** The site widget: visitors send the owner very large files, under the owner's rules. */
export const VisitorUpload: FC<Props> = ({
  methods,
  heading = 'Send us your files',
  intro = 'Large files are welcome: the upload continues after a dropped connection or a reload.',
  buttonLabel = 'Send files',
  thanks = 'Thank you: we have received your files.',
  accentColor,
  login,
}) => {
  const upload = useVisitorUpload(methods);
  useLeaveWarning(upload.snapshot);
  const [loggingIn, setLoggingIn] = useState(false);
  const [details, setDetails] = useState({ name: '', email: '', message: '' });
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  // React 16 has no useId: one id per widget on the page, for its heading.
  const [id] = useState(() => {
    nextWidgetId += 1;
    return `rmu-visitor-${nextWidgetId}`;
  });
  const accent = readAccent(accentColor);
  const style = (accent ? { '--rmu-accent': accent.css, '--rmu-on-accent': accent.onAccent } : {}) as CSSProperties;
  const sendable = upload.chosen.filter((one) => !one.problem).length;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void upload.send(details);
  };
  const logIn = () => {
    if (!login) return;
    setLoggingIn(true);
    // A visitor who closes the login stays where they were; once logged in, the terms are asked again as a member.
    login()
      .then(
        () => upload.loadTerms(),
        () => undefined,
      )
      .finally(() => setLoggingIn(false));
  };

  if (upload.phase === 'loading') {
    return (
      <section className={styles.root} style={style} aria-busy="true">
        <p className={styles.muted}>Loading…</p>
      </section>
    );
  }
  if (upload.phase === 'closed') {
    return (
      <section className={styles.root} style={style} aria-labelledby={`${id}-heading`}>
        <h2 id={`${id}-heading`} className={styles.heading}>
          {heading}
        </h2>
        <p className={styles.muted} data-hook="visitor-closed">
          {upload.termsError ?? 'Files are not being accepted right now.'}
        </p>
      </section>
    );
  }

  if (upload.phase === 'login') {
    return (
      <section className={styles.root} style={style} aria-labelledby={`${id}-heading`} data-hook="visitor-upload">
        <h2 id={`${id}-heading`} className={styles.heading}>
          {heading}
        </h2>
        <p className={styles.notice} data-hook="visitor-login">
          Only members of this site can send files.
        </p>
        {login ? (
          <button type="button" className={styles.primary} onClick={logIn} disabled={loggingIn} data-hook="visitor-log-in">
            Log in
          </button>
        ) : (
          <p className={styles.muted}>Log in to this site, then come back to this page.</p>
        )}
      </section>
    );
  }

  const { snapshot, terms } = upload;
  return (
    <section className={styles.root} style={style} aria-labelledby={`${id}-heading`} data-hook="visitor-upload">
      <h2 id={`${id}-heading`} className={styles.heading}>
        {heading}
      </h2>
      {upload.phase === 'done' ? (
        <p className={styles.thanks} role="status" data-hook="visitor-thanks">
          {endingOf(snapshot.items, upload.leftOut, thanks)}
        </p>
      ) : (
        <p className={styles.muted}>{intro}</p>
      )}
      {terms ? (
        <p className={styles.muted} data-hook="visitor-terms">
          {describeTerms(terms)}
          {terms.audience === 'MEMBERS' ? ' Members only.' : ''}
        </p>
      ) : null}

      {upload.unfinished.length > 0 && upload.phase === 'choosing' ? (
        <p className={styles.notice} role="status" data-hook="visitor-unfinished">
          Your earlier upload can continue: choose the same files again ({upload.unfinished.map((record) => record.name).join(', ')}).
        </p>
      ) : null}

      {snapshot.notices.some((notice) => notice.kind === 'upload-host-unreachable') ? (
        <p className={styles.error} role="alert" data-hook="visitor-upload-host-unreachable">
          Your files cannot reach the upload server from this page: nothing is being sent. Try again later, or let the site owner know.
        </p>
      ) : null}
      {snapshot.items.length > 0 ? (
        <ul className={styles.files} aria-label="Files being sent">
          {snapshot.items.map((item) => (
            <SentFile
              key={item.id}
              item={item}
              onPause={() => void upload.queue.pause(item.id)}
              onResume={() => upload.queue.resume(item.id)}
              onRetry={() => upload.queue.retry(item.id)}
            />
          ))}
        </ul>
      ) : null}

      {upload.phase === 'sending' || upload.phase === 'done' ? <LeftOutFiles files={upload.leftOut} /> : null}

      {upload.phase === 'done' ? (
        <button type="button" className={styles.primary} onClick={() => void upload.sendMore()} data-hook="visitor-send-more">
          Send more files
        </button>
      ) : null}

      {upload.phase === 'choosing' ? (
        <form className={styles.form} onSubmit={submit} noValidate={false}>
          <label className={styles.field}>
            <span>Your name</span>
            <input
              required
              maxLength={SUBMISSION_FIELD_LIMITS.name}
              autoComplete="name"
              value={details.name}
              onChange={(event) => setDetails({ ...details, name: event.target.value })}
            />
          </label>
          <label className={styles.field}>
            <span>Your e-mail</span>
            <input
              required
              type="email"
              maxLength={SUBMISSION_FIELD_LIMITS.email}
              autoComplete="email"
              value={details.email}
              onChange={(event) => setDetails({ ...details, email: event.target.value })}
            />
          </label>
          <label className={styles.field}>
            <span>Message (optional)</span>
            <textarea
              rows={3}
              maxLength={SUBMISSION_FIELD_LIMITS.message}
              value={details.message}
              onChange={(event) => setDetails({ ...details, message: event.target.value })}
            />
          </label>
          {/* biome-ignore lint/a11y/useSemanticElements: a drop target that also opens the file chooser; a <button> cannot be a drop zone here */}
          <div
            role="button"
            tabIndex={0}
            className={`${styles.dropzone} ${dragging ? styles.dragging : ''}`}
            aria-label="Choose files, or drop them here"
            onClick={() => input.current?.click()}
            onKeyDown={(event) => {
              if (event.key === 'Enter' || event.key === ' ') {
                event.preventDefault();
                input.current?.click();
              }
            }}
            onDragOver={(event) => {
              event.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={(event) => {
              event.preventDefault();
              setDragging(false);
              upload.choose(Array.from(event.dataTransfer.files));
            }}
            data-hook="visitor-dropzone"
          >
            {/* The words shown are the zone's name, as speech input users say them. */}
            <span className={styles.linkText}>Choose files</span>, or drop them here
          </div>
          <input
            ref={input}
            type="file"
            multiple
            hidden
            aria-label="Choose files"
            data-hook="visitor-file-input"
            onChange={(event) => {
              upload.choose(Array.from(event.target.files ?? []));
              event.target.value = '';
            }}
          />
          {upload.chosen.length > 0 ? (
            <ul className={styles.files} aria-label="Chosen files">
              {upload.chosen.map((one) => (
                <li key={`${one.file.name}-${one.file.size}`} className={styles.file} data-hook="visitor-chosen">
                  <div className={styles.fileLine}>
                    <span className={styles.fileName}>{one.file.name}</span>
                    <span className={styles.muted}>{formatBytes(one.file.size)}</span>
                    <button
                      type="button"
                      className={styles.link}
                      onClick={() => upload.remove(one.file)}
                      aria-label={`Remove ${one.file.name}`}
                    >
                      Remove
                    </button>
                  </div>
                  {one.problem ? (
                    <p className={styles.error} data-hook="visitor-file-problem">
                      {one.problem}
                    </p>
                  ) : one.continues ? (
                    <p className={styles.muted}>Continues where it stopped.</p>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : null}
          {upload.refusal ? (
            <p className={styles.error} role="alert" data-hook="visitor-refusal">
              {upload.refusal}
            </p>
          ) : null}
          <button type="submit" className={styles.primary} disabled={sendable === 0 || upload.starting} data-hook="visitor-send">
            {upload.starting ? 'Starting…' : sendable > 1 ? `${buttonLabel} (${sendable})` : buttonLabel}
          </button>
        </form>
      ) : null}
      {upload.phase === 'sending' && upload.survivesReload ? (
        <p className={styles.muted}>If this page closes, open it again and choose the same files: the upload continues where it stopped.</p>
      ) : null}
    </section>
  );
};
