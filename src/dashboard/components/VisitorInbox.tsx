import React, { useState, type FC } from 'react';
import { Badge, Box, Card, Checkbox, Loader, Text, TextButton } from '@wix/design-system';
import { FileLinks } from './FileLinks';
import { formatBytes } from '../../shared/format';
import type { SubmissionFile, SubmissionSummary } from '../../shared/visitor-uploads';
import { VISUALLY_HIDDEN } from './visually-hidden';

interface Props {
  submissions: readonly SubmissionSummary[];
  loading: boolean;
  error?: string;
  onHandled(id: string, handled: boolean): Promise<void>;
  onDelete(id: string): Promise<void>;
}

const SKIN = { UPLOADING: 'general', PENDING: 'general', READY: 'success', FAILED: 'danger', REJECTED: 'danger' } as const;
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

const FileLine: FC<{ file: SubmissionFile }> = ({ file }) => (
  <Box gap="SP2" verticalAlign="middle" flexWrap="wrap" dataHook="inbox-file">
    <Text size="small" weight="bold">
      {file.name}
    </Text>
    <Text size="tiny" secondary>
      {formatBytes(Number(file.sizeInBytes))}
    </Text>
    <Badge size="small" skin={SKIN[file.status]}>
      {file.status === 'UPLOADING' ? 'sending' : file.status.toLowerCase()}
    </Badge>
    {file.status === 'READY' && file.fileId ? <FileLinks fileId={file.fileId} name={file.name} url="" isPrivate /> : null}
    {file.reason ? (
      <Text size="tiny" skin="error">
        {file.reason}
      </Text>
    ) : null}
  </Box>
);

/** What visitors sent through the site widget: who, their message, their files (private, opened through a temporary link). */
export const VisitorInbox: FC<Props> = ({ submissions, loading, error, onHandled, onDelete }) => {
  const [confirming, setConfirming] = useState<string>();
  const [actionError, setActionError] = useState<string>();
  const act = (work: Promise<void>) =>
    work.then(
      () => setActionError(undefined),
      (failure: Error) => setActionError(failure.message),
    );
  return (
    <Card>
      <Card.Header title={`Visitor uploads (${submissions.length})`} subtitle="Files sent through the site widget; they are private." />
      <Card.Divider />
      <Card.Content>
        {loading ? <Loader size="small" /> : null}
        {error || actionError ? (
          <Text size="small" skin="error">
            {error ?? actionError}
          </Text>
        ) : null}
        {!loading && submissions.length === 0 && !error ? (
          <Text size="small" secondary>
            Nothing received yet.
          </Text>
        ) : null}
        <Box direction="vertical" gap="SP4">
          {submissions.map((submission) => (
            <Box
              key={submission.id}
              direction="vertical"
              gap="SP1"
              padding="SP3"
              border="1px solid"
              borderColor="D60"
              borderRadius="6px"
              dataHook="inbox-submission"
            >
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
              {submission.files.map((file) => (
                <FileLine key={`${file.name}-${file.fileId ?? ''}`} file={file} />
              ))}
              <Box gap="SP3" verticalAlign="middle">
                <Checkbox checked={submission.handled} onChange={() => void act(onHandled(submission.id, !submission.handled))}>
                  Handled<span style={VISUALLY_HIDDEN}>: the submission of {submission.name}</span>
                </Checkbox>
                {confirming === submission.id ? (
                  <>
                    <Text size="small">Delete it and move its files to the trash?</Text>
                    <TextButton size="small" skin="destructive" onClick={() => void act(onDelete(submission.id))}>
                      Delete
                    </TextButton>
                    <TextButton size="small" onClick={() => setConfirming(undefined)}>
                      Keep
                    </TextButton>
                  </>
                ) : (
                  <TextButton
                    size="small"
                    skin="destructive"
                    onClick={() => setConfirming(submission.id)}
                    ariaLabel={`Delete the submission of ${submission.name}`}
                  >
                    Delete
                  </TextButton>
                )}
              </Box>
            </Box>
          ))}
        </Box>
      </Card.Content>
    </Card>
  );
};
