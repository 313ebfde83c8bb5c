import React, { useState, type FC } from 'react';
import { Badge, Box, Card, Checkbox, Dropdown, Input, Loader, Text, TextButton } from '@wix/design-system';
import { FileLinks } from './FileLinks';
import { formatBytes } from '../../shared/format';
import type { InboxFilter, SubmissionFile, SubmissionSummary } from '../../shared/visitor-upload-methods';
import { VISUALLY_HIDDEN } from './visually-hidden';
import { sayCollapsedWhenClosed } from './wds-aria';

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
const WORD = { UPLOADING: 'sending', PENDING: 'processing', READY: 'ready', FAILED: 'failed', REJECTED: 'rejected' } as const;
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
/** A submission still sending and quiet this long is probably abandoned: the inbox says so. */
const QUIET_MS = 6 * 3600 * 1000;
const FILTERS: ReadonlyArray<{ value: InboxFilter; label: string }> = [
  { value: 'ALL', label: 'All, unhandled first' },
  { value: 'UNHANDLED', label: 'Unhandled' },
  { value: 'HANDLED', label: 'Handled' },
];

const FileLine: FC<{ file: SubmissionFile }> = ({ file }) => (
  <Box gap="SP2" verticalAlign="middle" flexWrap="wrap" dataHook="inbox-file">
    <Text size="small" weight="bold">
      {file.name}
    </Text>
    <Text size="tiny" secondary>
      {formatBytes(Number(file.sizeInBytes))}
    </Text>
    <Badge size="small" skin={SKIN[file.status]}>
      {WORD[file.status]}
    </Badge>
    {file.status === 'READY' && file.fileId ? <FileLinks fileId={file.fileId} name={file.name} url="" isPrivate /> : null}
    {file.reason ? (
      <Text size="tiny" skin="error" dataHook="inbox-file-reason">
        {file.reason}
      </Text>
    ) : null}
  </Box>
);

/** For a submission with files still sending: when it was last active, in words that say whether it looks abandoned. */
function activityWords(submission: SubmissionSummary, now: number): { text: string; quiet: boolean } | undefined {
  if (!submission.files.some((file) => file.status === 'UPLOADING')) return undefined;
  const last = Date.parse(submission.lastActiveDate ?? submission.createdDate ?? '');
  if (!Number.isFinite(last)) return { text: 'Still sending', quiet: false };
  const when = dateFormat.format(new Date(last));
  return now - last > QUIET_MS
    ? { text: `No activity since ${when}`, quiet: true }
    : { text: `Still sending · last active ${when}`, quiet: false };
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
  const activity = activityWords(submission, now);
  return (
    <Box direction="vertical" gap="SP1" padding="SP3" border="1px solid" borderColor="D60" borderRadius="6px" dataHook="inbox-submission">
      <Box gap="SP2" verticalAlign="middle" flexWrap="wrap">
        <Text weight="bold">{submission.name}</Text>
        <Text size="small" secondary>
          {submission.email}
          {submission.fromMember ? ' · member' : ' · visitor'}
          {submission.createdDate ? ` · ${dateFormat.format(new Date(submission.createdDate))}` : ''}
        </Text>
        {submission.handled ? (
          <Badge size="small" skin="neutralLight">
            handled
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
          Handled<span style={VISUALLY_HIDDEN}>: the submission of {submission.name}</span>
        </Checkbox>
        {asking === 'delete' ? (
          <>
            <Text size="small">Delete it and move its files to the trash?</Text>
            <TextButton size="small" skin="destructive" onClick={() => act(props.onDelete(submission.id))}>
              Delete
            </TextButton>
            <TextButton size="small" onClick={() => onAsk(undefined)}>
              Keep
            </TextButton>
          </>
        ) : asking === 'close' ? (
          <>
            <Text size="small">Close it? Files that have not arrived will be refused.</Text>
            <TextButton size="small" skin="destructive" onClick={() => act(props.onClose(submission.id))}>
              Close it
            </TextButton>
            <TextButton size="small" onClick={() => onAsk(undefined)}>
              Keep open
            </TextButton>
          </>
        ) : (
          <>
            {activity ? (
              <TextButton size="small" onClick={() => onAsk('close')} ariaLabel={`Close the submission of ${submission.name}`}>
                Close
              </TextButton>
            ) : null}
            <TextButton
              size="small"
              skin="destructive"
              onClick={() => onAsk('delete')}
              ariaLabel={`Delete the submission of ${submission.name}`}
            >
              Delete
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
  const [asking, setAsking] = useState<Asking>();
  const [actionError, setActionError] = useState<string>();
  const now = props.now ?? Date.now();
  const act = (work: Promise<void>) =>
    void work.then(
      () => {
        setActionError(undefined);
        setAsking(undefined);
      },
      (failure: Error) => setActionError(failure.message),
    );
  const shownTo = offset + submissions.length;
  return (
    <Card dataHook="visitor-inbox">
      <Card.Header title={`Visitor uploads (${total})`} subtitle="Files sent through the site widget; they are private." />
      <Card.Divider />
      <Card.Content>
        <Box direction="vertical" gap="SP3">
          <Box gap="SP3" verticalAlign="middle" flexWrap="wrap">
            <Box width="320px" maxWidth="100%" direction="vertical">
              <Input
                type="search"
                ariaLabel="Search submissions"
                placeholder="Name, e-mail or message"
                value={search}
                clearButton
                onChange={(event) => props.onSearch(event.target.value)}
                onClear={() => props.onSearch('')}
              />
            </Box>
            <div ref={sayCollapsedWhenClosed} style={{ width: 200, maxWidth: '100%' }}>
              <Dropdown
                ariaLabel="Show"
                selectedId={filter}
                options={FILTERS.map(({ value, label }) => ({ id: value, value: label }))}
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
              {search || filter !== 'ALL' ? 'No submission matches.' : 'Nothing received yet.'}
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
                {submissions.length > 0 ? `${offset + 1}–${shownTo} of ${total}` : `0 of ${total}`}
              </Text>
              <TextButton
                size="small"
                disabled={offset === 0}
                onClick={() => props.onPage(Math.max(0, offset - pageSize))}
                ariaLabel="Previous page"
              >
                Previous
              </TextButton>
              <TextButton
                size="small"
                disabled={offset + pageSize >= total}
                onClick={() => props.onPage(offset + pageSize)}
                ariaLabel="Next page"
              >
                Next
              </TextButton>
            </Box>
          ) : null}
        </Box>
      </Card.Content>
    </Card>
  );
};
