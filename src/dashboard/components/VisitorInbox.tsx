import React, { useState, type FC } from 'react';
import { Badge, Box, Card, Checkbox, Dropdown, Input, Loader, Text, TextButton } from '@wix/design-system';
import { FileLinks } from './FileLinks';
import { type Speech, useI18n } from '../../i18n/use-i18n';
import type { InboxFilter, SubmissionFile, SubmissionSummary } from '../../shared/visitor-upload-methods';
import { VISUALLY_HIDDEN } from './visually-hidden';
import { sayCollapsedWhenClosed } from './wds-aria';
import { errorMessage } from '../hooks/query-errors';
import { describeBrokenRule } from '../../i18n/describe';

export interface VisitorInboxProps {
  /** The page shown, and where it is in the whole inbox. */
  submissions: readonly SubmissionSummary[];
  total: number;
  offset: number;
  pageSize: number;
  filter: InboxFilter;
  search: string;
  loading: boolean;
  error?: string;
  /** Now (ms), to tell how long a submission still sending has been quiet. */
  now?: number;
  onFilter(filter: InboxFilter): void;
  onSearch(text: string): void;
  onPage(offset: number): void;
  onHandled(id: string, handled: boolean): Promise<void>;
  onDelete(id: string): Promise<void>;
  onClose(id: string): Promise<void>;
}

const SKIN = { UPLOADING: 'general', PENDING: 'general', READY: 'success', FAILED: 'danger', REJECTED: 'danger' } as const;
/** A submission still sending and quiet this long is probably abandoned: the inbox says so. */
const QUIET_MS = 6 * 3600 * 1000;
const FILTERS: readonly InboxFilter[] = ['ALL', 'UNHANDLED', 'HANDLED'];

const WRAP_ANYWHERE: React.CSSProperties = { overflowWrap: 'anywhere', wordBreak: 'break-word', minWidth: 0, maxWidth: '100%' };

const FileLine: FC<{ file: SubmissionFile }> = ({ file }) => {
  const speech = useI18n();
  const { t, bytes } = speech;
  // The server keeps its English sentence and, for files checked since, the rule behind it: told in the owner's language.
  const reason = file.broken ? describeBrokenRule(speech, file.broken, file.reason) : file.reason;
  return (
    <Box gap="SP2" verticalAlign="middle" flexWrap="wrap" dataHook="inbox-file">
      {/* A name of 255 characters with nothing to break at wraps anywhere, all of it shown. */}
      <span style={WRAP_ANYWHERE}>
        <Text size="small" weight="bold">
          <bdi>{file.name}</bdi>
        </Text>
      </span>
      <Text size="tiny" secondary>
        {bytes(Number(file.sizeInBytes))}
      </Text>
      <Badge size="small" skin={SKIN[file.status]}>
        {t(`inbox.${file.status}`)}
      </Badge>
      {file.status === 'READY' && file.fileId ? <FileLinks fileId={file.fileId} name={file.name} url="" isPrivate /> : null}
      {reason ? (
        <Text size="tiny" skin="error" dataHook="inbox-file-reason">
          {reason}
        </Text>
      ) : null}
    </Box>
  );
};

/** For a submission with files still sending: when it was last active, in words that say whether it looks abandoned. */
function activityWords({ t, dateTime }: Speech, submission: SubmissionSummary, now: number): { text: string; quiet: boolean } | undefined {
  if (!submission.files.some((file) => file.status === 'UPLOADING')) return undefined;
  const last = Date.parse(submission.lastActiveDate ?? submission.createdDate ?? '');
  if (!Number.isFinite(last)) return { text: t('inbox.stillSending'), quiet: false };
  const when = dateTime(last);
  return now - last > QUIET_MS
    ? { text: t('inbox.noActivitySince', { when }), quiet: true }
    : { text: t('inbox.lastActive', { when }), quiet: false };
}

type Asking = { id: string; action: 'delete' | 'close' };

const Submission: FC<{
  submission: SubmissionSummary;
  now: number;
  asking?: Asking['action'];
  onAsk(action: Asking['action'] | undefined): void;
  act(work: Promise<void>): void;
  props: VisitorInboxProps;
}> = ({ submission, now, asking, onAsk, act, props }) => {
  const speech = useI18n();
  const { t, dateTime } = speech;
  const activity = activityWords(speech, submission, now);
  return (
    <Box direction="vertical" gap="SP1" padding="SP3" border="1px solid" borderColor="D60" borderRadius="6px" dataHook="inbox-submission">
      <Box gap="SP2" verticalAlign="middle" flexWrap="wrap">
        <Text weight="bold">
          <bdi>{submission.name}</bdi>
        </Text>
        <Text size="small" secondary>
          <bdi>{submission.email}</bdi>
          {` · ${submission.fromMember ? t('inbox.member') : t('inbox.visitor')}`}
          {submission.createdDate ? ` · ${dateTime(submission.createdDate)}` : ''}
        </Text>
        {submission.handled ? (
          <Badge size="small" skin="neutralLight">
            {t('inbox.handled')}
          </Badge>
        ) : null}
      </Box>
      {submission.message ? (
        <Text size="small" dataHook="inbox-message">
          {submission.message}
        </Text>
      ) : null}
      {submission.files.map((file, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a file has no id before it arrives, and the server keeps the files' order
        <FileLine key={index} file={file} />
      ))}
      {activity ? (
        <Text size="tiny" skin={activity.quiet ? 'error' : 'standard'} secondary={!activity.quiet} dataHook="inbox-activity">
          {activity.text}
        </Text>
      ) : null}
      <Box gap="SP3" verticalAlign="middle" flexWrap="wrap">
        <Checkbox checked={submission.handled} onChange={() => act(props.onHandled(submission.id, !submission.handled))}>
          {t('inbox.handledBox')}
          <span style={VISUALLY_HIDDEN}>{t('inbox.handledOf', { name: submission.name })}</span>
        </Checkbox>
        {asking === 'delete' ? (
          <>
            <Text size="small">{t('inbox.askDelete')}</Text>
            <TextButton size="small" skin="destructive" onClick={() => act(props.onDelete(submission.id))}>
              {t('inbox.delete')}
            </TextButton>
            <TextButton size="small" onClick={() => onAsk(undefined)}>
              {t('inbox.keep')}
            </TextButton>
          </>
        ) : asking === 'close' ? (
          <>
            <Text size="small">{t('inbox.askClose')}</Text>
            <TextButton size="small" skin="destructive" onClick={() => act(props.onClose(submission.id))}>
              {t('inbox.closeIt')}
            </TextButton>
            <TextButton size="small" onClick={() => onAsk(undefined)}>
              {t('inbox.keepOpen')}
            </TextButton>
          </>
        ) : (
          <>
            {activity ? (
              <TextButton size="small" onClick={() => onAsk('close')} ariaLabel={t('inbox.closeNamed', { name: submission.name })}>
                {t('inbox.close')}
              </TextButton>
            ) : null}
            <TextButton
              size="small"
              skin="destructive"
              onClick={() => onAsk('delete')}
              ariaLabel={t('inbox.deleteNamed', { name: submission.name })}
            >
              {t('inbox.delete')}
            </TextButton>
          </>
        )}
      </Box>
    </Box>
  );
};

/**
 * What visitors sent through the site widget, a page at a time: who, their message, their files
 * (private, opened through a temporary link) with why one failed; unhandled first, or filtered, or
 * searched; a submission still sending says when it was last active and can be closed.
 */
export const VisitorInbox: FC<VisitorInboxProps> = (props) => {
  const { submissions, total, offset, pageSize, filter, search, loading, error } = props;
  const speech = useI18n();
  const { t, number } = speech;
  const [asking, setAsking] = useState<Asking>();
  const [actionError, setActionError] = useState<string>();
  const now = props.now ?? Date.now();
  const act = (work: Promise<void>) =>
    void work.then(
      () => {
        setActionError(undefined);
        setAsking(undefined);
      },
      (failure: unknown) => setActionError(errorMessage(speech, failure, t('inbox.actionError'))),
    );
  const shownTo = offset + submissions.length;
  return (
    <Card dataHook="visitor-inbox">
      <Card.Header title={t('inbox.title', { count: total })} subtitle={t('inbox.subtitle')} />
      <Card.Divider />
      <Card.Content>
        <Box direction="vertical" gap="SP3">
          <Box gap="SP3" verticalAlign="middle" flexWrap="wrap">
            <Box width="320px" maxWidth="100%" direction="vertical">
              <Input
                type="search"
                ariaLabel={t('inbox.search')}
                placeholder={t('inbox.searchPlaceholder')}
                value={search}
                clearButton
                onChange={(event) => props.onSearch(event.target.value)}
                onClear={() => props.onSearch('')}
              />
            </Box>
            <div ref={sayCollapsedWhenClosed} style={{ width: 280, maxWidth: '100%' }}>
              <Dropdown
                ariaLabel={t('inbox.show')}
                selectedId={filter}
                options={FILTERS.map((value) => ({ id: value, value: t(`inbox.filter${value}`) }))}
                onSelect={(option) => props.onFilter(option.id as InboxFilter)}
                dataHook="inbox-filter"
              />
            </div>
          </Box>
          {loading ? <Loader size="small" /> : null}
          {error || actionError ? (
            <Text size="small" skin="error">
              {error ?? actionError}
            </Text>
          ) : null}
          {!loading && submissions.length === 0 && !error ? (
            <Text size="small" secondary>
              {search || filter !== 'ALL' ? t('inbox.noMatch') : t('inbox.empty')}
            </Text>
          ) : null}
          <Box direction="vertical" gap="SP4">
            {submissions.map((submission) => (
              <Submission
                key={submission.id}
                submission={submission}
                now={now}
                asking={asking?.id === submission.id ? asking.action : undefined}
                onAsk={(action) => setAsking(action ? { id: submission.id, action } : undefined)}
                act={act}
                props={props}
              />
            ))}
          </Box>
          {total > pageSize || offset > 0 ? (
            <Box gap="SP3" verticalAlign="middle" align="right" dataHook="inbox-pages">
              <Text size="small" secondary>
                {t('inbox.range', {
                  from: number(submissions.length > 0 ? offset + 1 : 0),
                  to: number(submissions.length > 0 ? shownTo : 0),
                  total: number(total),
                })}
              </Text>
              <TextButton
                size="small"
                disabled={offset === 0}
                onClick={() => props.onPage(Math.max(0, offset - pageSize))}
                ariaLabel={t('inbox.previousPage')}
              >
                {t('inbox.previous')}
              </TextButton>
              <TextButton
                size="small"
                disabled={offset + pageSize >= total}
                onClick={() => props.onPage(offset + pageSize)}
                ariaLabel={t('inbox.nextPage')}
              >
                {t('inbox.next')}
              </TextButton>
            </Box>
          ) : null}
        </Box>
      </Card.Content>
    </Card>
  );
};
