import React, { memo, type FC } from 'react';
import { Box, Button, Card, Input, Table, Text } from '@wix/design-system';
import { ImagePreview } from './ImagePreview';
import { fittedColumns } from './table-columns';
import { folderPathLabel } from './FolderPicker';
import type { UploadError } from '../../upload-engine';
import { MEDIA_ROOT_FOLDER_ID, splitFilePath } from '../../shared/upload-request';
import type { FolderSummary } from '../../shared/upload-api';
import { formatBytes } from '../../shared/format';
import type { StagedFile } from '../staging';
import { inactive } from './inactive';

interface Props {
  staged: StagedFile[];
  problems: Map<string, UploadError>;
  folders: FolderSummary[];
  selectedIds: string[];
  onSelectionChanged(ids: string[]): void;
  onRename(id: string, displayName: string): void;
  onRemove(ids: string[]): void;
  onStart(): void;
}

const ROW_HEIGHT = 64;
const HEADER_HEIGHT = 42;
const VISIBLE_ROWS = 8;

/** Files chosen but not sent: rename them, select some to change their settings, then start. */
const StagedFilesTableView: FC<Props> = ({ staged, problems, folders, selectedIds, onSelectionChanged, onRename, onRemove, onStart }) => {
  const folderName = (file: StagedFile) => {
    const id = file.meta.parentFolderId ?? MEDIA_ROOT_FOLDER_ID;
    const { destination } = file.settings;
    if (id === MEDIA_ROOT_FOLDER_ID || destination.at(-1)?.id === id)
      return folderPathLabel(destination.slice(0, id === MEDIA_ROOT_FOLDER_ID ? 0 : undefined));
    const known = folders.find((folder) => folder.id === id);
    return known ? folderPathLabel([known]) : 'the folder it was started in';
  };
  const sendable = staged.filter((file) => !problems.has(file.id)).length;
  const columns = fittedColumns<StagedFile>([
    {
      title: 'Name',
      width: '30%',
      render: (file: StagedFile) => (
        <Box gap="SP2" verticalAlign="middle" width="100%" minWidth={0}>
          <ImagePreview source={file.source} size={40} />
          <Box direction="vertical" gap="SP1" width="100%" minWidth={0}>
            <Input
              size="small"
              ariaLabel={`Display name of ${file.source.name}`}
              value={file.meta.displayName}
              disabled={file.resumes !== undefined}
              onChange={(event) => onRename(file.id, event.target.value)}
            />
            {file.resumes ? (
              <Text size="tiny" skin="success" ellipsis>
                Continues the upload started before
              </Text>
            ) : null}
          </Box>
        </Box>
      ),
    },
    {
      title: 'Destination',
      render: (file: StagedFile) => {
        const { meta } = file;
        const folders = splitFilePath(meta.filePath).join('/');
        const labels = meta.labels ?? [];
        return (
          <Text size="small" ellipsis dataHook="staged-destination">
            {folderName(file)}
            {folders ? ` / ${folders}` : ''}
            {meta.private ? ' · private' : ''}
            {labels.length > 0 ? ` · ${labels.join(', ')}` : ''}
          </Text>
        );
      },
    },
    { title: 'Size', width: '88px', render: (file: StagedFile) => <Text size="small">{formatBytes(file.source.size)}</Text> },
    {
      title: 'Check',
      width: '24%',
      render: (file: StagedFile) => {
        const problem = problems.get(file.id);
        return problem ? (
          <Text size="small" skin="error" dataHook="staged-problem" maxLines={2}>
            {problem.message}
          </Text>
        ) : (
          <Text size="small" skin="success">
            Ready
          </Text>
        );
      },
    },
  ]);

  return (
    <Card>
      <Card.Header
        title={`Files to upload (${staged.length})`}
        subtitle="Checked before any byte is sent."
        suffix={
          <Box gap="SP2">
            <Button size="small" priority="secondary" {...inactive(selectedIds.length === 0)} onClick={() => onRemove(selectedIds)}>
              Remove selected
            </Button>
            <Button size="small" {...inactive(sendable === 0)} onClick={onStart} dataHook="start-upload">
              {`Upload ${sendable} file${sendable === 1 ? '' : 's'}`}
            </Button>
          </Box>
        }
      />
      <Table
        data={staged}
        columns={columns}
        rowDataHook="staged-row"
        showSelection
        selectedIds={selectedIds}
        onSelectionChanged={(ids) => onSelectionChanged((ids ?? []).map(String))}
        isApplyColumnWidthStyle
        virtualized
        virtualizedTableHeight={HEADER_HEIGHT + ROW_HEIGHT * Math.min(staged.length, VISIBLE_ROWS)}
        virtualizedLineHeight={ROW_HEIGHT}
      >
        <Table.Content />
      </Table>
    </Card>
  );
};

/** Re-rendered only when its props change, not with every progress tick of the page's queue. */
export const StagedFilesTable = memo(StagedFilesTableView);
