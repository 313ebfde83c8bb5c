import React, { memo, type FC } from 'react';
import { Badge, Box, Card, Image, Loader, Table, Text } from '@wix/design-system';
import { FileLinks } from './FileLinks';
import { fittedColumns } from './table-columns';
import type { UploadStatusReport } from '../../shared/upload-methods';
import { MEDIA_ROOT_FOLDER_ID } from '../../shared/media-folders';
import type { Translate } from '../../i18n/translator';
import { usePhoneLayout } from '../hooks/use-narrow-layout';
import { useI18n } from '../../i18n/use-i18n';

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

function where(t: Translate, upload: UploadStatusReport): string {
  if (upload.folderPath) return `${t('common.mediaManager')} / ${upload.folderPath}`;
  if (upload.folderPath === '' || !upload.parentFolderId || upload.parentFolderId === MEDIA_ROOT_FOLDER_ID) return t('common.mediaManager');
  return t('folder.gone');
}

/** The site's latest uploads from the upload log: known on any device, also after the uploader left. */
const RecentUploadsView: FC<Props> = ({ uploads, loading, error }) => {
  const { t, bytes, dateTime } = useI18n();
  const phone = usePhoneLayout();
  const when = (upload: UploadStatusReport) => {
    const date = upload.createdDate ?? upload.updatedDate;
    return date ? dateTime(date) : '–';
  };
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
          {where(t, upload)}
          {upload.private ? ` · ${t('common.private')}` : ''}
          {upload.labels && upload.labels.length > 0 ? ` · ${upload.labels.join(', ')}` : ''}
        </Text>
      </Box>
    </Box>
  );
  const size = (upload: UploadStatusReport) => (upload.sizeInBytes ? bytes(Number(upload.sizeInBytes)) : '–');
  const status = (upload: UploadStatusReport) => (
    <Badge size="small" skin={SKIN[upload.status]}>
      {t(`recent.${upload.status}`)}
    </Badge>
  );
  const outcome = (upload: UploadStatusReport) =>
    upload.status === 'FAILED' ? (
      <Text size="small" skin="error" ellipsis maxLines={2}>
        {upload.failureCode ? t('failure.PROCESSING_FAILED_code', { code: upload.failureCode }) : t('failure.PROCESSING_FAILED')}
      </Text>
    ) : upload.url ? (
      <FileLinks fileId={upload.fileId} name={upload.displayName ?? upload.fileId} url={upload.url} isPrivate={upload.private ?? false} />
    ) : null;
  const columns = fittedColumns<UploadStatusReport>(
    phone
      ? [
          {
            title: t('recent.columnUploads'),
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
          { title: t('recent.columnFile'), render: name },
          { title: t('recent.columnUploaded'), width: '160px', render: (upload) => <Text size="small">{when(upload)}</Text> },
          { title: t('recent.columnSize'), width: '96px', render: (upload) => <Text size="small">{size(upload)}</Text> },
          { title: t('recent.columnStatus'), width: '96px', render: status },
          { title: t('recent.columnResult'), width: '22%', render: outcome },
        ],
  );
  const rowHeight = phone ? PHONE_ROW_HEIGHT : ROW_HEIGHT;
  return (
    <Card>
      <Card.Header title={t('recent.title')} subtitle={t('recent.subtitle')} />
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
              {t('recent.empty')}
            </Text>
          </Card.Content>
        )
      ) : (
        <Table
          // A new list when the layout changes: virtualized rows keep the height they were first drawn with.
          key={phone ? 'phone' : 'wide'}
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
