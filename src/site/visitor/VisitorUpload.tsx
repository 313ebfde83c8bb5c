import React, { useRef, useState, type CSSProperties, type FC, type FormEvent } from 'react';
import { isLastingRefusal, type UploadItem } from '../../upload-engine';
import { chooseFilesWithHandles, fileHandlesOfDrop } from '../../shared/file-handle-picking';
import type { Speech } from '../../i18n/speech';
import { useI18n } from '../../i18n/widget-i18n';
import { describeRefusal, failureReason } from '../../i18n/describe';
import { maxFileSizeWords, SUBMISSION_FIELD_LIMITS, type VisitorUploadTerms } from '../../policies/visitor-rules-policy';
import { useLeaveWarning } from '../../shared/use-leave-warning';
import { useVisitorUpload, type ChosenFile, type ChosenFileProblem, type StartProblem, type VisitorMethods } from './use-visitor-upload';
import styles from './visitor-upload.module.css';
import { readAccent } from './accent';

/**
 * What the owner sets in the editor: the wording and the accent colour; the rules are the server's.
 * What the owner typed is shown as typed; what they left empty is the widget's own wording, in
 * the visitor's language.
 */
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

function describeTerms({ t, locale, isolate }: Speech, terms: VisitorUploadTerms): string {
  const types = terms.allowedTypes.length > 0 ? isolate(terms.allowedTypes.join(', ')) : t('widget.anyType');
  return t('widget.terms', { types, size: isolate(maxFileSizeWords(terms, locale)), count: terms.maxFilesPerSubmission });
}

/** Why a chosen file stays behind, by the rule it breaks. */
function problemWords({ t, locale, isolate }: Speech, terms: VisitorUploadTerms | undefined, problem: ChosenFileProblem): string {
  if (problem.rule === 'type') {
    const accepted = isolate(terms?.allowedTypes.join(', ') ?? '');
    return t('widget.typeRefused', { type: problem.mimeType ? isolate(problem.mimeType) : t('widget.unknownType'), accepted });
  }
  if (problem.rule === 'size') return t('widget.tooLarge', { size: terms ? isolate(maxFileSizeWords(terms, locale)) : '' });
  return t('widget.tooMany', { count: terms?.maxFilesPerSubmission ?? 0 });
}

function startProblemWords(speech: Speech, problem: StartProblem): string {
  return problem === 'no-connection' ? speech.t('widget.notSentConnection') : describeRefusal(speech, problem);
}

const SentFile: FC<{ item: UploadItem; onPause(): void; onResume(): void; onRetry(): void }> = ({ item, onPause, onResume, onRetry }) => {
  const speech = useI18n();
  const { t, bytes, speed, duration } = speech;
  const percent = item.size === 0 ? 100 : Math.floor((item.bytesUploaded / item.size) * 100);
  const reason = item.state === 'failed' || item.state === 'refused' ? failureReason(speech, item) : undefined;
  return (
    <li className={styles.file} data-hook="visitor-file">
      <div className={styles.fileLine}>
        <bdi className={styles.fileName}>{item.name}</bdi>
        <span className={styles.fileState} data-hook="visitor-file-state">
          {t(`widget.${item.state}`)}
        </span>
      </div>
      <progress className={styles.progress} max={100} value={percent} aria-label={t('widget.progressOf', { name: item.name })} />
      <div className={styles.fileLine}>
        <span className={styles.muted}>
          {t('common.bytesOf', { done: bytes(item.bytesUploaded), total: bytes(item.size) })}
          {item.state === 'uploading'
            ? ` · ${t('common.speedLeft', { speed: speed(item.bytesPerSecond), duration: duration(item.secondsLeft) })}`
            : ''}
        </span>
        <span>
          {item.actions.pause ? (
            <button type="button" className={styles.link} onClick={onPause} aria-label={t('widget.pauseNamed', { name: item.name })}>
              {t('widget.pause')}
            </button>
          ) : null}
          {item.actions.resume ? (
            <button type="button" className={styles.link} onClick={onResume} aria-label={t('widget.resumeNamed', { name: item.name })}>
              {t('widget.resume')}
            </button>
          ) : null}
          {item.actions.retry && item.error?.fatal === false ? (
            <button type="button" className={styles.link} onClick={onRetry} aria-label={t('widget.tryAgainNamed', { name: item.name })}>
              {t('widget.tryAgain')}
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
function endingOf({ t }: Speech, items: readonly UploadItem[], leftOut: readonly ChosenFile[], thanks: string): string {
  const total = items.length + leftOut.length;
  const received = items.filter((item) => item.state === 'ready').length;
  if (received === total) return thanks;
  if (received === 0) return total === 1 ? t('widget.noneReceivedOne') : t('widget.noneReceived', { count: total });
  return t('widget.someReceived', { received, count: total });
}

/** Chosen files the checks kept back: they were not sent with the others, and say why. */
const LeftOutFiles: FC<{ files: readonly ChosenFile[]; terms?: VisitorUploadTerms }> = ({ files, terms }) => {
  const speech = useI18n();
  const { t } = speech;
  return files.length === 0 ? null : (
    <ul className={styles.files} aria-label={t('widget.leftOut')} data-hook="visitor-left-out">
      {files.map((one) => (
        <li key={`${one.file.name}-${one.file.size}`} className={styles.file}>
          <div className={styles.fileLine}>
            <bdi className={styles.fileName}>{one.file.name}</bdi>
            <span className={styles.fileState}>{t('widget.failed')}</span>
          </div>
          {one.problem ? <p className={styles.error}>{problemWords(speech, terms, one.problem)}</p> : null}
        </li>
      ))}
    </ul>
  );
};

/** The site widget: visitors send the owner very large files, under the owner's rules. */
export const VisitorUpload: FC<Props> = ({
  methods,
  heading: typedHeading,
  intro: typedIntro,
  buttonLabel: typedButtonLabel,
  thanks: typedThanks,
  accentColor,
  login,
}) => {
  const speech = useI18n();
  const { t, bytes, dir, language } = speech;
  const heading = typedHeading ?? t('widget.heading');
  const intro = typedIntro ?? t('widget.intro');
  const buttonLabel = typedButtonLabel ?? t('widget.buttonLabel');
  const thanks = typedThanks ?? t('widget.thanks');
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
  // The visitor's language and its direction: Hebrew lays the widget out right to left.
  const speaks = { lang: language, dir };
  const sendable = upload.chosen.filter((one) => !one.problem).length;
  const toChooseAgain = upload.unfinished.filter((record) => !upload.kept.some((kept) => kept.record.fingerprint === record.fingerprint));
  // Where the browser gives handles, files are chosen with them: their uploads continue after a restart without choosing them again.
  const chooseFiles = () => chooseFilesWithHandles(() => input.current?.click(), upload.choose);

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
      <section className={styles.root} style={style} {...speaks} aria-busy="true">
        <p className={styles.muted}>{t('widget.loading')}</p>
      </section>
    );
  }
  if (upload.phase === 'closed') {
    return (
      <section className={styles.root} style={style} {...speaks} aria-labelledby={`${id}-heading`}>
        <h2 id={`${id}-heading`} className={styles.heading}>
          {heading}
        </h2>
        <p className={styles.muted} data-hook="visitor-closed">
          {upload.termsFailed ? t('widget.termsError') : t('widget.closed')}
        </p>
      </section>
    );
  }

  if (upload.phase === 'login') {
    return (
      <section className={styles.root} style={style} {...speaks} aria-labelledby={`${id}-heading`} data-hook="visitor-upload">
        <h2 id={`${id}-heading`} className={styles.heading}>
          {heading}
        </h2>
        <p className={styles.notice} data-hook="visitor-login">
          {t('widget.loginNeeded')}
        </p>
        {login ? (
          <button type="button" className={styles.primary} onClick={logIn} disabled={loggingIn} data-hook="visitor-log-in">
            {t('widget.logIn')}
          </button>
        ) : (
          <p className={styles.muted}>{t('widget.logInElsewhere')}</p>
        )}
      </section>
    );
  }

  const { snapshot, terms } = upload;
  return (
    <section className={styles.root} style={style} {...speaks} aria-labelledby={`${id}-heading`} data-hook="visitor-upload">
      <h2 id={`${id}-heading`} className={styles.heading}>
        {heading}
      </h2>
      {upload.phase === 'done' ? (
        <p className={styles.thanks} role="status" data-hook="visitor-thanks">
          {endingOf(speech, snapshot.items, upload.leftOut, thanks)}
        </p>
      ) : (
        <p className={styles.muted}>{intro}</p>
      )}
      {terms ? (
        <p className={styles.muted} data-hook="visitor-terms">
          {describeTerms(speech, terms)}
          {terms.audience === 'MEMBERS' ? ` ${t('widget.membersOnly')}` : ''}
        </p>
      ) : null}

      {toChooseAgain.length > 0 && upload.phase === 'choosing' ? (
        <p className={styles.notice} role="status" data-hook="visitor-unfinished">
          {t('widget.unfinished', { names: toChooseAgain.map((record) => record.name).join(', ') })}
        </p>
      ) : null}
      {upload.kept.length > 0 && upload.phase === 'choosing' ? (
        <div className={styles.notice} role="status" data-hook="visitor-kept">
          <p>{t('widget.keptUnfinished', { names: upload.kept.map(({ record }) => record.name).join(', ') })}</p>
          <button type="button" className={styles.primary} onClick={() => void upload.continueKept()} data-hook="visitor-continue">
            {t('widget.continue')}
          </button>
        </div>
      ) : null}
      {upload.notContinued.length > 0 ? (
        <ul className={styles.files} aria-label={t('widget.notContinuedList')} data-hook="visitor-not-continued">
          {upload.notContinued.map(({ name, refusal }) => (
            <li key={name} className={styles.error}>
              {isLastingRefusal(refusal) && refusal.kind !== 'gone'
                ? t('widget.notContinuedChanged', { name: speech.isolate(name) })
                : t('widget.notContinuedUnread', { name: speech.isolate(name) })}
            </li>
          ))}
        </ul>
      ) : null}

      {snapshot.notices.some((notice) => notice.kind === 'upload-host-unreachable') ? (
        <p className={styles.error} role="alert" data-hook="visitor-upload-host-unreachable">
          {t('widget.uploadHostUnreachable')}
        </p>
      ) : null}
      {snapshot.items.length > 0 ? (
        <ul className={styles.files} aria-label={t('widget.filesBeingSent')}>
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

      {upload.phase === 'sending' || upload.phase === 'done' ? <LeftOutFiles files={upload.leftOut} terms={terms} /> : null}

      {upload.phase === 'done' ? (
        <button type="button" className={styles.primary} onClick={() => void upload.sendMore()} data-hook="visitor-send-more">
          {t('widget.sendMore')}
        </button>
      ) : null}

      {upload.phase === 'choosing' ? (
        <form className={styles.form} onSubmit={submit} noValidate={false}>
          <label className={styles.field}>
            <span>{t('widget.yourName')}</span>
            <input
              required
              maxLength={SUBMISSION_FIELD_LIMITS.name}
              autoComplete="name"
              value={details.name}
              onChange={(event) => setDetails({ ...details, name: event.target.value })}
            />
          </label>
          <label className={styles.field}>
            <span>{t('widget.yourEmail')}</span>
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
            <span>{t('widget.message')}</span>
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
            aria-label={t('widget.dropzone')}
            onClick={chooseFiles}
            onKeyDown={(event) => {
              if (event.key === 'Enter' || event.key === ' ') {
                event.preventDefault();
                chooseFiles();
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
              const files = Array.from(event.dataTransfer.files);
              const handles = fileHandlesOfDrop(event.dataTransfer);
              if (!handles) upload.choose(files);
              else
                void handles.then((byName) =>
                  upload.choose(
                    files.map((file) => {
                      const handle = byName.get(file.name);
                      return handle ? { file, handle } : file;
                    }),
                  ),
                );
            }}
            data-hook="visitor-dropzone"
          >
            {/* The words shown are the zone's name, as speech input users say them. */}
            <span className={styles.linkText}>{t('widget.chooseFiles')}</span>
            {t('widget.orDrop')}
          </div>
          <input
            ref={input}
            type="file"
            multiple
            hidden
            aria-label={t('widget.chooseFiles')}
            data-hook="visitor-file-input"
            onChange={(event) => {
              upload.choose(Array.from(event.target.files ?? []));
              event.target.value = '';
            }}
          />
          {upload.chosen.length > 0 ? (
            <ul className={styles.files} aria-label={t('widget.chosenFiles')}>
              {upload.chosen.map((one) => (
                <li key={`${one.file.name}-${one.file.size}`} className={styles.file} data-hook="visitor-chosen">
                  <div className={styles.fileLine}>
                    <bdi className={styles.fileName}>{one.file.name}</bdi>
                    <span className={styles.muted}>{bytes(one.file.size)}</span>
                    <button
                      type="button"
                      className={styles.link}
                      onClick={() => upload.remove(one.file)}
                      aria-label={t('widget.removeNamed', { name: one.file.name })}
                    >
                      {t('widget.remove')}
                    </button>
                  </div>
                  {one.problem ? (
                    <p className={styles.error} data-hook="visitor-file-problem">
                      {problemWords(speech, terms, one.problem)}
                    </p>
                  ) : one.continues ? (
                    <p className={styles.muted}>{t('widget.continues')}</p>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : null}
          {upload.refusal ? (
            <p className={styles.error} role="alert" data-hook="visitor-refusal">
              {startProblemWords(speech, upload.refusal)}
            </p>
          ) : null}
          <button type="submit" className={styles.primary} disabled={sendable === 0 || upload.starting} data-hook="visitor-send">
            {upload.starting
              ? t('widget.starting')
              : sendable > 1
                ? t('widget.sendCount', { label: buttonLabel, count: sendable })
                : buttonLabel}
          </button>
        </form>
      ) : null}
      {upload.phase === 'sending' && upload.survivesReload ? <p className={styles.muted}>{t('widget.keepOpen')}</p> : null}
    </section>
  );
};
