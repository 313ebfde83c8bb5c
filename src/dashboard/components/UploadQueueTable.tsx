import React, { type FC } from 'react';
import { Badge, Box, IconButton, Image, LinearProgressBar, Table, Text, Tooltip } from '@wix/design-system';
import { FileLinks } from './FileLinks';
import type { UploadItem, UploadQueue } from '../../upload-engine';
import { formatBytes, formatDuration, formatSpeed } from '../../shared/format';
import { failureReason, stateLabel, stateSkin } from './item-status';

interface Props {
  items: readonly UploadItem[];
  queue: UploadQueue;
}

const ROW_HEIGHT = 72;
const VISIBLE_ROWS = 10;

const percent = (item: UploadItem) => (item.size === 0 ? 100 : Math.floor((item.bytesUploaded / item.size) * 100));

const ItemActions: FC<{ item: UploadItem; queue: UploadQueue }> = ({ item, queue }) => {
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
      {item.actions.pause && action('Pause', '❚❚', () => void queue.pause(item.id), 'pause-item')}
      {item.actions.resume && action('Resume', '▶', () => queue.resume(item.id), 'resume-item')}
      {item.actions.retry && action('Retry', '↻', () => queue.retry(item.id), 'retry-item')}
      {item.actions.cancel && action('Cancel', '✕', () => void queue.cancel(item.id), 'cancel-item')}
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
      <Text size="small" skin="error" dataHook="failure-reason">
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

/** The queue: one row per file with its progress, state, result and actions; virtualized when long. */
export const UploadQueueTable: FC<Props> = ({ items, queue }) => {
  const columns = [
    {
      title: 'File',
      width: '30%',
      render: (item: UploadItem) => (
        <Box gap="SP2" verticalAlign="middle">
          {item.thumbnailUrl && !item.meta.private ? (
            <Image src={item.thumbnailUrl} width={40} height={40} alt={`Thumbnail of ${item.meta.displayName}`} dataHook="thumbnail" />
          ) : null}
          <Box direction="vertical">
            <Text size="small" weight="bold" ellipsis>
              {item.meta.displayName}
            </Text>
            <Text size="tiny" secondary>
              {formatBytes(item.size)}
              {item.resumed ? ' · resumed' : ''}
            </Text>
          </Box>
        </Box>
      ),
    },
    {
      title: 'Progress',
      width: '24%',
      render: (item: UploadItem) => (
        <Box direction="vertical" gap="SP1">
          <LinearProgressBar value={percent(item)} showProgressIndication={false} aria-label={`Progress of ${item.meta.displayName}`} />
          <Text size="tiny" secondary dataHook="bytes-done">
            {formatBytes(item.bytesUploaded)} of {formatBytes(item.size)} ({percent(item)}%)
          </Text>
        </Box>
      ),
    },
    {
      title: 'Status',
      width: '120px',
      render: (item: UploadItem) => (
        <Badge size="small" skin={stateSkin(item.state)} dataHook="item-state">
          {stateLabel(item)}
        </Badge>
      ),
    },
    { title: '', render: (item: UploadItem) => <ItemResult item={item} /> },
    { title: '', width: '120px', render: (item: UploadItem) => <ItemActions item={item} queue={queue} /> },
  ];

  return (
    <Table
      data={items as UploadItem[]}
      columns={columns}
      rowDataHook="queue-row"
      virtualized={items.length > VISIBLE_ROWS}
      virtualizedTableHeight={ROW_HEIGHT * VISIBLE_ROWS}
      virtualizedLineHeight={ROW_HEIGHT}
    >
      <Table.Content />
    </Table>
  );
};
