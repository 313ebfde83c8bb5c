import React, { useEffect, useRef, type FC } from 'react';
import { LiveRegion, type LiveRegionRefType } from '@wix/design-system';
import type { UploadItem, UploadQueueSnapshot } from '../../upload-engine';
import { stateLabel, stateNote } from './item-status';
import { failureReason } from '../../i18n/describe';
import { useI18n } from '../../i18n/use-i18n';

const PROGRESS_EVERY_PERCENT = 25;

/**
 * Tells screen readers what changes: each file's state, and overall progress every 25%, through
 * an aria-live region (not on every progress event, which would drown the reader).
 */
export const QueueAnnouncer: FC<{ snapshot: UploadQueueSnapshot }> = ({ snapshot }) => {
  const speech = useI18n();
  const { t } = speech;
  const region = useRef<LiveRegionRefType>(null);
  const states = useRef(new Map<string, string>());
  // An item is a new object when it changes: one already looked at says nothing new. Without this,
  // every snapshot would word every file again (10,000 files: seconds of the main thread a draw).
  const lookedAt = useRef(new WeakSet<UploadItem>());
  const lastQuarter = useRef(0);

  useEffect(() => {
    const news: string[] = [];
    for (const item of snapshot.items) {
      if (lookedAt.current.has(item)) continue;
      lookedAt.current.add(item);
      const note = stateNote(t, item);
      const label = note ? `${stateLabel(t, item)} (${note})` : stateLabel(t, item);
      if (states.current.get(item.id) !== label) {
        states.current.set(item.id, label);
        const reason = failureReason(speech, item);
        const state = label.toLocaleLowerCase(speech.locale);
        news.push(
          reason
            ? t('announce.stateReason', { name: item.meta.displayName, state, reason })
            : t('announce.state', { name: item.meta.displayName, state }),
        );
      }
    }
    const { bytesTotal, bytesUploaded } = snapshot.totals;
    const quarter = bytesTotal === 0 ? 0 : Math.floor((bytesUploaded / bytesTotal) * (100 / PROGRESS_EVERY_PERCENT));
    if (quarter !== lastQuarter.current) {
      lastQuarter.current = quarter;
      if (quarter > 0) news.push(t('announce.overall', { percent: quarter * PROGRESS_EVERY_PERCENT }));
    }
    if (news.length > 0) region.current?.broadcast({ message: news.slice(-5).join('. '), role: 'status' });
  }, [snapshot, speech, t]);

  return <LiveRegion ref={region} dataHook="queue-announcer" />;
};
