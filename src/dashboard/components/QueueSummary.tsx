import React, { useState, type FC } from 'react';
import { Box, Button, FormField, NumberInput, Text } from '@wix/design-system';
import { NamedProgressBar } from './NamedProgressBar';
import type { UploadQueue, UploadQueueSnapshot } from '../../upload-engine';
import { formatBytes, formatDuration, formatSpeed } from '../../shared/format';
import { useAskToCancel } from './CancelConfirmation';
import { inactive } from './inactive';
import { usePhoneLayout } from '../hooks/use-narrow-layout';

/** The most files the owner may send at once: more only splits the same link into more parts. */
const MAX_CONCURRENCY = 6;

interface Props {
  snapshot: UploadQueueSnapshot;
  queue: UploadQueue;
}

/** Overall progress and speed, and the actions on every file at once. */
export const QueueSummary: FC<Props> = ({ snapshot, queue }) => {
  const { totals, actions } = snapshot;
  const askToCancel = useAskToCancel();
  const phone = usePhoneLayout();
  const [concurrencyError, setConcurrencyError] = useState<string>();
  const setConcurrency = (value: number | null) => {
    if (value !== null && Number.isInteger(value) && value >= 1 && value <= MAX_CONCURRENCY) {
      setConcurrencyError(undefined);
      queue.setConcurrency(value);
    } else {
      setConcurrencyError(`From 1 to ${MAX_CONCURRENCY}`);
    }
  };
  const { count } = totals;
  // Failed and cancelled files stay in the total: the bar shows what was asked, never a full bar over missing files.
  // Refused files arrived whole: they are not "not sent", and are said apart.
  const notSent = count.failed + count.cancelled;
  const plural = (n: number) => `${n} file${n === 1 ? '' : 's'}`;
  // Speed and time left while bytes are on their way; files the Media Manager processes have none.
  const sending = count.queued + count.uploading > 0;
  const overall = totals.bytesTotal === 0 ? 0 : Math.floor((totals.bytesUploaded / totals.bytesTotal) * 100);
  return (
    <Box direction="vertical" gap="SP3">
      <Box gap="SP4" verticalAlign="middle" flexWrap="wrap">
        <Box direction="vertical" gap="SP1" width={phone ? '100%' : '50%'}>
          <NamedProgressBar name="Overall progress" value={overall} showProgressIndication />
          <Text size="small" secondary dataHook="overall-bytes">
            {formatBytes(totals.bytesUploaded)} of {formatBytes(totals.bytesTotal)}
            {notSent > 0 ? ` · ${plural(notSent)} not sent (${formatBytes(totals.bytesFailed)})` : ''}
            {count.refused > 0 ? ` · ${plural(count.refused)} refused by the Media Manager` : ''}
            {sending ? ` · ${formatSpeed(totals.bytesPerSecond)} · ${formatDuration(totals.secondsLeft)} left` : ''}
          </Text>
        </Box>
        <Text size="small" dataHook="queue-counts">
          {count.ready} ready · {count.uploading} uploading · {count.queued} queued · {count.paused} paused · {count.processing} processing
          · {count.failed} failed{count.refused > 0 ? ` · ${count.refused} refused` : ''}
          {count.importing > 0 ? ` · ${count.importing} importing from links` : ''}
        </Text>
      </Box>
      {!snapshot.online ? (
        <Text size="small" skin="error" dataHook="offline-notice">
          You are offline: uploads are paused and continue when the connection is back.
        </Text>
      ) : null}
      {snapshot.notices.map((notice) => (
        <div key={notice.kind} role={notice.kind === 'upload-host-unreachable' ? 'alert' : undefined}>
          <Text
            size="small"
            skin={notice.kind === 'upload-host-unreachable' ? 'error' : 'standard'}
            secondary={notice.kind !== 'upload-host-unreachable'}
            dataHook={notice.kind}
          >
            {notice.message}
          </Text>
        </div>
      ))}
      <Box gap="SP2" verticalAlign="bottom" flexWrap="wrap">
        <Button
          size="small"
          priority="secondary"
          {...inactive(!actions.pauseAll)}
          onClick={() => void queue.pauseAll()}
          dataHook="pause-all"
        >
          Pause all
        </Button>
        <Button size="small" priority="secondary" {...inactive(!actions.resumeAll)} onClick={() => queue.resumeAll()} dataHook="resume-all">
          Resume all
        </Button>
        <Button
          size="small"
          priority="secondary"
          {...inactive(!actions.retryFailed)}
          onClick={() => queue.retryFailed()}
          dataHook="retry-failed"
        >
          Retry failed
        </Button>
        <Button
          size="small"
          priority="secondary"
          {...inactive(!actions.cancelAll)}
          onClick={() =>
            askToCancel(
              snapshot.items.filter((item) => item.actions.cancel),
              () => void queue.cancelAll(),
            )
          }
          dataHook="cancel-all"
        >
          Cancel all
        </Button>
        <Button size="small" priority="secondary" {...inactive(!actions.clearFinished)} onClick={() => queue.clearFinished()}>
          Clear finished
        </Button>
        <FormField
          label="Files at a time"
          labelPlacement="left"
          id="concurrency"
          status={concurrencyError ? 'error' : undefined}
          statusMessage={concurrencyError}
        >
          <Box width="72px">
            <NumberInput
              id="concurrency"
              size="small"
              // No min/max: WDS would then ignore an out-of-range number silently; it is checked and explained instead.
              step={1}
              defaultValue={snapshot.concurrency}
              onChange={setConcurrency}
              ariaLabel="Files uploaded at a time"
              dataHook="concurrency"
            />
          </Box>
        </FormField>
      </Box>
    </Box>
  );
};
