import React, { type FC } from 'react';
import { Box, Button, FormField, LinearProgressBar, NumberInput, Text } from '@wix/design-system';
import type { UploadQueue, UploadQueueSnapshot } from '../../upload-engine';
import { formatBytes, formatDuration, formatSpeed } from '../../shared/format';

interface Props {
  snapshot: UploadQueueSnapshot;
  queue: UploadQueue;
}

/** Overall progress and speed, and the actions on every file at once. */
export const QueueSummary: FC<Props> = ({ snapshot, queue }) => {
  const { totals, actions } = snapshot;
  const { count } = totals;
  const overall = totals.bytesTotal === 0 ? 0 : Math.floor((totals.bytesUploaded / totals.bytesTotal) * 100);
  return (
    <Box direction="vertical" gap="SP3">
      <Box gap="SP4" verticalAlign="middle">
        <Box direction="vertical" gap="SP1" width="50%">
          <LinearProgressBar value={overall} aria-label="Overall progress" showProgressIndication />
          <Text size="small" secondary dataHook="overall-bytes">
            {formatBytes(totals.bytesUploaded)} of {formatBytes(totals.bytesTotal)}
            {totals.bytesFailed > 0 ? ` · ${formatBytes(totals.bytesFailed)} failed` : ''} · {formatSpeed(totals.bytesPerSecond)}
            {totals.busy ? ` · ${formatDuration(totals.secondsLeft)} left` : ''}
          </Text>
        </Box>
        <Text size="small" dataHook="queue-counts">
          {count.ready} ready · {count.uploading} uploading · {count.queued} queued · {count.paused} paused · {count.processing} processing
          · {count.failed} failed
        </Text>
      </Box>
      {!snapshot.online ? (
        <Text size="small" skin="error" dataHook="offline-notice">
          You are offline: uploads are paused and continue when the connection is back.
        </Text>
      ) : null}
      <Box gap="SP2" verticalAlign="bottom">
        <Button size="small" priority="secondary" disabled={!actions.pauseAll} onClick={() => void queue.pauseAll()} dataHook="pause-all">
          Pause all
        </Button>
        <Button size="small" priority="secondary" disabled={!actions.resumeAll} onClick={() => queue.resumeAll()} dataHook="resume-all">
          Resume all
        </Button>
        <Button
          size="small"
          priority="secondary"
          disabled={!actions.retryFailed}
          onClick={() => queue.retryFailed()}
          dataHook="retry-failed"
        >
          Retry failed
        </Button>
        <Button size="small" priority="secondary" disabled={!actions.cancelAll} onClick={() => void queue.cancelAll()}>
          Cancel all
        </Button>
        <Button size="small" priority="secondary" disabled={!actions.clearFinished} onClick={() => queue.clearFinished()}>
          Clear finished
        </Button>
        <FormField label="Files at a time" labelPlacement="left" id="concurrency">
          <Box width="72px">
            <NumberInput
              id="concurrency"
              size="small"
              min={1}
              max={6}
              value={snapshot.concurrency}
              onChange={(value) => value && queue.setConcurrency(value)}
              ariaLabel="Files uploaded at a time"
            />
          </Box>
        </FormField>
      </Box>
    </Box>
  );
};
