import React, { useState, type FC } from 'react';
import { Badge, Box, IconButton, Image, Input, Table, Text, Tooltip } from '@wix/design-system';
import { NamedProgressBar } from './NamedProgressBar';
import { FileLinks } from './FileLinks';
import { useAskToCancel } from './CancelConfirmation';
import { fittedColumns, type FittedColumn } from './table-columns';
import type { UploadItem, UploadQueue } from '../../upload-engine';
import { formatBytes, formatDuration, formatSpeed } from '../../shared/format';
import { failureReason, stateLabel, stateNote, stateSkin } from './item-status';

/** The columns the queue table can show, in their order. */
export type QueueColumn = 'file' | 'progress' | 'status' | 'result' | 'actions';
export type QueueAction = 'pause' | 'resume' | 'retry' | 'cancel' | 'remove';

const ALL_COLUMNS: readonly QueueColumn[] = ['file', 'progress', 'status', 'result', 'actions'];
const ALL_ACTIONS: readonly QueueAction[] = ['pause', 'resume', 'retry', 'cancel', 'remove'];

interface Props {
  items: readonly UploadItem[];
  queue: UploadQueue;
  /** Which columns to show; all by default. */
  columns?: readonly QueueColumn[];
  /** Which of the actions a file allows to offer; all by default. */
  actions?: readonly QueueAction[];
}

const ROW_HEIGHT = 72;
const HEADER_HEIGHT = 42;
const VISIBLE_ROWS = 10;

const percent = (item: UploadItem) => (item.size === 0 ? 100 : Math.floor((item.bytesUploaded / item.size) * 100));

/** Names typed for failed files, kept until they are retried with them. */
type NameEdits = Readonly<Record<string, string>>;

const ItemActions: FC<{ item: UploadItem; queue: UploadQueue; editedName?: string; offered: readonly QueueAction[] }> = ({
  item,
  queue,
  editedName,
  offered,
}) => {
  const askToCancel = useAskToCancel();
  const name = item.meta.displayName;
  const action = (label: string, symbol: string, run: () => void, hook: string) => (
    <Tooltip content={label}>
      <IconButton size="small" priority="secondary" ariaLabel={`${label} ${name}`} onClick={run} dataHook={hook}>
        <span aria-hidden="true">{symbol}</span>
      </IconButton>
    </Tooltip>
  );
  return (
    <Box gap="SP1">
      {item.actions.pause && offered.includes('pause') && action('Pause', '❚❚', () => void queue.pause(item.id), 'pause-item')}
      {item.actions.resume && offered.includes('resume') && action('Resume', '▶', () => queue.resume(item.id), 'resume-item')}
      {item.actions.retry &&
        offered.includes('retry') &&
        action('Retry', '↻', () => queue.retry(item.id, { displayName: editedName }), 'retry-item')}
      {item.actions.cancel &&
        offered.includes('cancel') &&
        action('Cancel', '✕', () => askToCancel([item], () => void queue.cancel(item.id)), 'cancel-item')}
      {/* A refused file has nothing left to send or stop: taking it off the list is what is left. */}
      {item.state === 'refused' &&
        item.actions.remove &&
        offered.includes('remove') &&
        action('Remove', '✕', () => void queue.remove(item.id), 'remove-item')}
    </Box>
  );
};

const ItemResult: FC<{ item: UploadItem }> = ({ item }) => {
  if (item.state === 'ready' && item.url && item.fileId) {
    return <FileLinks fileId={item.fileId} name={item.meta.displayName} url={item.url} isPrivate={item.meta.private ?? false} />;
  }
  const reason = failureReason(item);
  if (reason) {
    return (
      <Text size="small" skin="error" dataHook="failure-reason" maxLines={3}>
        {reason}
      </Text>
    );
  }
  if (item.state === 'uploading') {
    return (
      <Text size="small" secondary>
        {formatSpeed(item.bytesPerSecond)} · {formatDuration(item.secondsLeft)} left
      </Text>
    );
  }
  return null;
};

const ItemName: FC<{ item: UploadItem; editedName?: string; onEdit(name: string): void }> = ({ item, editedName, onEdit }) => (
  <Box gap="SP2" verticalAlign="middle" minWidth={0} width="100%">
    {item.thumbnailUrl && item.state === 'ready' && !item.meta.private ? (
      <Image src={item.thumbnailUrl} width={40} height={40} alt={`Thumbnail of ${item.meta.displayName}`} dataHook="thumbnail" />
    ) : null}
    <Box direction="vertical" minWidth={0} width="100%">
      {item.actions.rename ? (
        <Input
          size="small"
          ariaLabel={`Name of ${item.name}, used when it is tried again`}
          value={editedName ?? item.meta.displayName}
          onChange={(event) => onEdit(event.target.value)}
          dataHook="rename-failed"
        />
      ) : (
        <Text size="small" weight="bold" ellipsis>
          {item.meta.displayName}
        </Text>
      )}
      <Text size="tiny" secondary ellipsis>
        {formatBytes(item.size)}
        {item.resumed ? ' · resumed' : ''}
        {item.verified ? ' · verified' : ''}
      </Text>
    </Box>
  </Box>
);

/** The queue: one row per file with its progress, state, result and actions; only the visible rows are drawn. */
export const UploadQueueTable: FC<Props> = ({ items, queue, columns: shownColumns = ALL_COLUMNS, actions: offered = ALL_ACTIONS }) => {
  const [names, setNames] = useState<NameEdits>({});
  const edited = (item: UploadItem) => (item.actions.rename ? names[item.id] : undefined);
  const definitions: Array<FittedColumn<UploadItem> & { key: QueueColumn }> = [
    {
      key: 'file',
      title: 'File',
      render: (item) => (
        <ItemName item={item} editedName={edited(item)} onEdit={(name) => setNames((current) => ({ ...current, [item.id]: name }))} />
      ),
    },
    {
      key: 'progress',
      title: 'Progress',
      width: '20%',
      render: (item) => (
        <Box direction="vertical" gap="SP1" width="100%">
          <NamedProgressBar name={`Progress of ${item.meta.displayName}`} value={percent(item)} />
          <Text size="tiny" secondary dataHook="bytes-done" ellipsis>
            {formatBytes(item.bytesUploaded)} of {formatBytes(item.size)} ({percent(item)}%)
          </Text>
        </Box>
      ),
    },
    {
      key: 'status',
      title: 'Status',
      width: '112px',
      render: (item) => (
        <Box direction="vertical" gap="SP1">
          <Badge size="small" skin={stateSkin(item.state)} dataHook="item-state">
            {stateLabel(item)}
          </Badge>
          {stateNote(item) ? (
            <Text size="tiny" secondary>
              {stateNote(item)}
            </Text>
          ) : null}
        </Box>
      ),
    },
    { key: 'result', title: 'Result', width: '24%', render: (item) => <ItemResult item={item} /> },
    {
      key: 'actions',
      title: 'Actions',
      width: '108px',
      render: (item) => <ItemActions item={item} queue={queue} editedName={edited(item)} offered={offered} />,
    },
  ];
  // The file column is always there: it is the one that takes the width the others leave.
  const columns = fittedColumns(definitions.filter((column) => column.key === 'file' || shownColumns.includes(column.key)));

  return (
    <Table
      data={items as UploadItem[]}
      columns={columns}
      rowDataHook="queue-row"
      isApplyColumnWidthStyle
      virtualized
      virtualizedTableHeight={HEADER_HEIGHT + ROW_HEIGHT * Math.min(items.length, VISIBLE_ROWS)}
      virtualizedLineHeight={ROW_HEIGHT}
    >
      <Table.Content />
    </Table>
  );
};
