import React, { memo, type FC } from 'react';
import { Badge, Box, Card, Image, Loader, Table, Text } from '@wix/design-system';
import { FileLinks } from './FileLinks';
import { fittedColumns } from './table-columns';
import { ROOT_FOLDER_NAME } from './FolderPicker';
import type { UploadStatusReport } from '../../shared/upload-methods';
import { MEDIA_ROOT_FOLDER_ID } from '../../shared/media-folders';
import { formatBytes } from '../../shared/format';
import { usePhoneLayout } from '../hooks/use-narrow-layout';

const ROW_HEIGHT = 60;
/** A phone's stacked row: name and place, state, date and size, then links or the reason (two lines). */
const PHONE_ROW_HEIGHT = 116;
const HEADER_HEIGHT = 42;
const VISIBLE_ROWS = 8;

const SKIN = { PENDING: 'general', READY: 'success', FAILED: 'danger' } as const;

interface Props {
  uploads: UploadStatusReport[];
  loading: boolean;
  error?: string;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function when(upload: UploadStatusReport): string {
  const date = upload.createdDate ?? upload.updatedDate;
  return date ? dateFormat.format(new Date(date)) : '–';
}

function where(upload: UploadStatusReport): string {
  if (upload.folderPath) return `${ROOT_FOLDER_NAME} / ${upload.folderPath}`;
  if (upload.folderPath === '' || !upload.parentFolderId || upload.parentFolderId === MEDIA_ROOT_FOLDER_ID) return ROOT_FOLDER_NAME;
  return 'a folder that no longer exists';
}

/** The site's latest uploads from the upload log: known on any device, also after the uploader left. */
const RecentUploadsView: FC<Props> = ({ uploads, loading, error }) => {
  const phone = usePhoneLayout();
  const name = (upload: UploadStatusReport) => (
    <Box gap="SP2" verticalAlign="middle" minWidth={0} width="100%">
      {upload.thumbnailUrl && upload.status === 'READY' && !upload.private ? (
        <Image src={upload.thumbnailUrl} width={32} height={32} alt="" />
      ) : null}
      <Box direction="vertical" minWidth={0} width="100%">
        <Text size="small" ellipsis>
          {upload.displayName ?? upload.fileId}
        </Text>
        <Text size="tiny" secondary ellipsis dataHook="recent-upload-details">
          {where(upload)}
          {upload.private ? ' · private' : ''}
          {upload.labels && upload.labels.length > 0 ? ` · ${upload.labels.join(', ')}` : ''}
        </Text>
      </Box>
    </Box>
  );
  const size = (upload: UploadStatusReport) => (upload.sizeInBytes ? formatBytes(Number(upload.sizeInBytes)) : '–');
  const status = (upload: UploadStatusReport) => (
    <Badge size="small" skin={SKIN[upload.status]}>
      {upload.status.toLowerCase()}
    </Badge>
  );
  const outcome = (upload: UploadStatusReport) =>
    upload.status === 'FAILED' ? (
      <Text size="small" skin="error" ellipsis maxLines={2}>
        {upload.failureDescription ?? upload.failureCode}
      </Text>
    ) : upload.url ? (
      <FileLinks fileId={upload.fileId} name={upload.displayName ?? upload.fileId} url={upload.url} isPrivate={upload.private ?? false} />
    ) : null;
  const columns = fittedColumns<UploadStatusReport>(
    phone
      ? [
          {
            title: 'Uploads',
            // A phone's row: the name and where it went, then when, its size and state, then links or the reason.
            render: (upload) => (
              <Box direction="vertical" gap="SP1" width="100%" minWidth={0}>
                {name(upload)}
                <Box gap="SP2" verticalAlign="middle" minWidth={0}>
                  {status(upload)}
                  <Text size="tiny" secondary ellipsis>
                    {when(upload)} · {size(upload)}
                  </Text>
                </Box>
                {outcome(upload)}
              </Box>
            ),
          },
        ]
      : [
          { title: 'File', render: name },
          { title: 'Uploaded', width: '160px', render: (upload) => <Text size="small">{when(upload)}</Text> },
          { title: 'Size', width: '96px', render: (upload) => <Text size="small">{size(upload)}</Text> },
          { title: 'Status', width: '96px', render: status },
          { title: 'Result', width: '22%', render: outcome },
        ],
  );
  const rowHeight = phone ? PHONE_ROW_HEIGHT : ROW_HEIGHT;
  return (
    <Card>
      <Card.Header title="Recent uploads" subtitle="From every device, including uploads finished after the page was closed." />
      {error ? (
        <Card.Content>
          <Text size="small" skin="error" dataHook="recent-uploads-error">
            {error}
          </Text>
        </Card.Content>
      ) : null}
      {loading ? (
        <Box align="center" padding="SP4">
          <Loader size="small" />
        </Box>
      ) : uploads.length === 0 ? (
        error ? null : (
          <Card.Content>
            <Text size="small" secondary>
              Nothing uploaded yet.
            </Text>
          </Card.Content>
        )
      ) : (
        <Table
          data={uploads.map((upload) => ({ ...upload, id: upload.fileId }))}
          columns={columns}
          rowDataHook="recent-upload"
          isApplyColumnWidthStyle
          virtualized
          virtualizedTableHeight={HEADER_HEIGHT + rowHeight * Math.min(uploads.length, VISIBLE_ROWS)}
          virtualizedLineHeight={rowHeight}
        >
          <Table.Content />
        </Table>
      )}
    </Card>
  );
};

/** Re-rendered only when its props change, not with every progress tick of the page's queue. */
export const RecentUploads = memo(RecentUploadsView);
