import React, { type FC } from 'react';
import { Badge, Box, Card, Image, Loader, Table, Text } from '@wix/design-system';
import { FileLinks } from './FileLinks';
import type { UploadStatusReport } from '../../shared/upload-api';
import { formatBytes } from '../../shared/format';

const SKIN = { PENDING: 'general', READY: 'success', FAILED: 'danger' } as const;

/** The site's latest uploads from the upload log: known on any device, also after the uploader left. */
export const RecentUploads: FC<{ uploads: UploadStatusReport[]; loading: boolean; error?: string }> = ({ uploads, loading, error }) => {
  const columns = [
    {
      title: 'File',
      render: (upload: UploadStatusReport) => (
        <Box gap="SP2" verticalAlign="middle">
          {upload.thumbnailUrl && !upload.private ? <Image src={upload.thumbnailUrl} width={32} height={32} alt="" /> : null}
          <Text size="small">{upload.displayName ?? upload.fileId}</Text>
        </Box>
      ),
    },
    {
      title: 'Size',
      width: '90px',
      render: (upload: UploadStatusReport) => (
        <Text size="small">{upload.sizeInBytes ? formatBytes(Number(upload.sizeInBytes)) : '–'}</Text>
      ),
    },
    {
      title: 'Status',
      width: '110px',
      render: (upload: UploadStatusReport) => (
        <Badge size="small" skin={SKIN[upload.status]}>
          {upload.status.toLowerCase()}
        </Badge>
      ),
    },
    {
      title: '',
      render: (upload: UploadStatusReport) =>
        upload.status === 'FAILED' ? (
          <Text size="small" skin="error">
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
  ];
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
        <Table data={uploads.map((upload) => ({ ...upload, id: upload.fileId }))} columns={columns} rowDataHook="recent-upload">
          <Table.Content />
        </Table>
      )}
    </Card>
  );
};
