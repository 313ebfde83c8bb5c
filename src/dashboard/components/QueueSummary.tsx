import React, { useState, type FC } from 'react';
import { Box, Button, FormField, NumberInput, Text } from '@wix/design-system';
import { NamedProgressBar } from './NamedProgressBar';
import { FolderProgressList } from './FolderProgressList';
import type { UploadQueue, UploadQueueSnapshot } from '../../upload-engine';
import { useAskToCancel } from './CancelConfirmation';
import { inactive } from './inactive';
import { usePhoneLayout } from '../hooks/use-narrow-layout';
import { useI18n } from '../../i18n/use-i18n';

/** The most files the owner may send at once: more only splits the same link into more parts. */
const MAX_CONCURRENCY = 6;

interface Props {
  snapshot: UploadQueueSnapshot;
  queue: UploadQueue;
}

/** Overall progress and speed, and the actions on every file at once. */
export const QueueSummary: FC<Props> = ({ snapshot, queue }) => {
  const { t, bytes, speed, duration, number } = useI18n();
  const { totals, actions } = snapshot;
  const askToCancel = useAskToCancel();
  const phone = usePhoneLayout();
  const [concurrencyError, setConcurrencyError] = useState<string>();
  const setConcurrency = (value: number | null) => {
    if (value !== null && Number.isInteger(value) && value >= 1 && value <= MAX_CONCURRENCY) {
      setConcurrencyError(undefined);
      queue.setConcurrency(value);
    } else {
      setConcurrencyError(t('summary.concurrencyRange', { max: MAX_CONCURRENCY }));
    }
  };
  const { count } = totals;
  // Failed and cancelled files stay in the total: the bar shows what was asked, never a full bar over missing files.
  // Refused files arrived whole: they are not "not sent", and are said apart.
  const notSent = count.failed + count.cancelled;
  // Speed and time left while bytes are on their way; files the Media Manager processes have none.
  const sending = count.queued + count.uploading > 0;
  const overall = totals.bytesTotal === 0 ? 0 : Math.floor((totals.bytesUploaded / totals.bytesTotal) * 100);
  return (
    <Box direction="vertical" gap="SP3">
      <Box gap="SP4" verticalAlign="middle" flexWrap="wrap">
        <Box direction="vertical" gap="SP1" width={phone ? '100%' : '50%'}>
          <NamedProgressBar name={t('summary.overall')} value={overall} showProgressIndication />
          <Text size="small" secondary dataHook="overall-bytes">
            {[
              t('common.bytesOf', { done: bytes(totals.bytesUploaded), total: bytes(totals.bytesTotal) }),
              notSent > 0 ? t('summary.notSent', { count: notSent, size: bytes(totals.bytesFailed) }) : undefined,
              count.refused > 0 ? t('summary.refused', { count: count.refused }) : undefined,
              sending ? t('common.speedLeft', { speed: speed(totals.bytesPerSecond), duration: duration(totals.secondsLeft) }) : undefined,
            ]
              .filter(Boolean)
              .join(' · ')}
          </Text>
        </Box>
        <Text size="small" dataHook="queue-counts">
          {t('summary.counts', {
            ready: number(count.ready),
            uploading: number(count.uploading),
            queued: number(count.queued),
            paused: number(count.paused),
            processing: number(count.processing),
            failed: number(count.failed),
          })}
          {count.refused > 0 ? ` · ${t('summary.countsRefused', { refused: number(count.refused) })}` : null}
          {count.importing > 0 ? ` · ${t('summary.countsImporting', { importing: number(count.importing) })}` : null}
        </Text>
      </Box>
      {snapshot.adding > 0 ? (
        <Text size="small" secondary dataHook="queue-adding">
          {t('staged.sendingAsRead', { count: snapshot.adding })}
        </Text>
      ) : null}
      <FolderProgressList folders={snapshot.folders} />
      {!snapshot.online ? (
        <Text size="small" skin="error" dataHook="offline-notice">
          {t('summary.offline')}
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
            {notice.kind === 'upload-host-unreachable' ? t('summary.uploadHostUnreachable') : t('summary.hashNotMd5')}
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
          {t('summary.pauseAll')}
        </Button>
        <Button size="small" priority="secondary" {...inactive(!actions.resumeAll)} onClick={() => queue.resumeAll()} dataHook="resume-all">
          {t('summary.resumeAll')}
        </Button>
        <Button
          size="small"
          priority="secondary"
          {...inactive(!actions.retryFailed)}
          onClick={() => queue.retryFailed()}
          dataHook="retry-failed"
        >
          {t('summary.retryFailed')}
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
          {t('summary.cancelAll')}
        </Button>
        <Button size="small" priority="secondary" {...inactive(!actions.clearFinished)} onClick={() => queue.clearFinished()}>
          {t('summary.clearFinished')}
        </Button>
        <FormField
          label={t('summary.filesAtATime')}
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
              ariaLabel={t('summary.filesAtATimeNamed')}
              dataHook="concurrency"
            />
          </Box>
        </FormField>
      </Box>
    </Box>
  );
};
