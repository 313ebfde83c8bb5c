import React, { memo, type FC } from 'react';
import { Badge, Box, Card, Image, Loader, Table, Text } from '@wix/design-system';
import { FileLinks } from './FileLinks';
import { fittedColumns } from './table-columns';
import { ROOT_FOLDER_NAME } from './FolderPicker';
import type { UploadStatusReport } from '../../shared/upload-api';
import { MEDIA_ROOT_FOLDER_ID } from '../../shared/upload-request';
import { formatBytes } from '../../shared/format';

const ROW_HEIGHT = 60;
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
  const columns = fittedColumns<UploadStatusReport>([
    {
      title: 'File',
      render: (upload) => (
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
      ),
    },
    { title: 'Uploaded', width: '176px', render: (upload) => <Text size="small">{when(upload)}</Text> },
    {
      title: 'Size',
      width: '96px',
      render: (upload) => <Text size="small">{upload.sizeInBytes ? formatBytes(Number(upload.sizeInBytes)) : '–'}</Text>,
    },
    {
      title: 'Status',
      width: '96px',
      render: (upload) => (
        <Badge size="small" skin={SKIN[upload.status]}>
          {upload.status.toLowerCase()}
        </Badge>
      ),
    },
    {
      title: '',
      width: '26%',
      render: (upload) =>
        upload.status === 'FAILED' ? (
          <Text size="small" skin="error" maxLines={2}>
            {upload.failureDescription ?? upload.failureCode}
          </Text>
        ) : upload.url ? (
          <FileLinks
            fileId={upload.fileId}
            name={upload.displayName ?? upload.fileId}
            url={upload.url}
            isPrivate={upload.private ?? false}
          />
        ) : null,
    },
  ]);
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
          virtualizedTableHeight={HEADER_HEIGHT + ROW_HEIGHT * Math.min(uploads.length, VISIBLE_ROWS)}
          virtualizedLineHeight={ROW_HEIGHT}
        >
          <Table.Content />
        </Table>
      )}
    </Card>
  );
};

/** Re-rendered only when its props change, not with every progress tick of the page's queue. */
export const RecentUploads = memo(RecentUploadsView);
