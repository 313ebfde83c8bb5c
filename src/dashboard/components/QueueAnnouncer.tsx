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
/** What a file's spoken state depends on (stateLabel, stateNote): compared without wording it. */
const spokenStateOf = (item: UploadItem) => `${item.state} ${item.pauseReason === 'offline'} ${item.link !== undefined}`;

/** The most changes said at once: the reader hears the last few, not a list of thousands. */
const CHANGES_SAID = 5;

/**
 * Tells screen readers what changes: each file's state, and overall progress every 25%, through
 * an aria-live region (not on every progress event, which would drown the reader).
 */
export const QueueAnnouncer: FC<{ snapshot: UploadQueueSnapshot }> = ({ snapshot }) => {
  const speech = useI18n();
  const { t } = speech;
  const region = useRef<LiveRegionRefType>(null);
  const states = useRef(new Map<string, string>());
  // An item is a new object when it changes: one already looked at says nothing new (the engine
  // keeps unchanged items, mostly in the same place as in the last list). Only the files whose
  // spoken state changed are worded, and only the last few of them: 10,000 files added at once
  // cost a comparison each, not a sentence each.
  const lookedAt = useRef(new WeakSet<UploadItem>());
  const lastItems = useRef<readonly UploadItem[]>([]);
  const lastQuarter = useRef(0);

  useEffect(() => {
    const changed: UploadItem[] = [];
    const before = lastItems.current;
    snapshot.items.forEach((item, index) => {
      if (before[index] === item || lookedAt.current.has(item)) return;
      lookedAt.current.add(item);
      const spoken = spokenStateOf(item);
      if (states.current.get(item.id) !== spoken) {
        states.current.set(item.id, spoken);
        changed.push(item);
      }
    });
    lastItems.current = snapshot.items;
    const news = changed.slice(-CHANGES_SAID).map((item) => {
      const note = stateNote(t, item);
      const label = note ? `${stateLabel(t, item)} (${note})` : stateLabel(t, item);
      const reason = failureReason(speech, item);
      const state = label.toLocaleLowerCase(speech.locale);
      return reason
        ? t('announce.stateReason', { name: item.meta.displayName, state, reason })
        : t('announce.state', { name: item.meta.displayName, state });
    });
    const { bytesTotal, bytesUploaded } = snapshot.totals;
    const quarter = bytesTotal === 0 ? 0 : Math.floor((bytesUploaded / bytesTotal) * (100 / PROGRESS_EVERY_PERCENT));
    if (quarter !== lastQuarter.current) {
      lastQuarter.current = quarter;
      if (quarter > 0) news.push(t('announce.overall', { percent: quarter * PROGRESS_EVERY_PERCENT }));
    }
    if (news.length > 0) region.current?.broadcast({ message: news.slice(-CHANGES_SAID).join('. '), role: 'status' });
  }, [snapshot, speech, t]);

  return <LiveRegion ref={region} dataHook="queue-announcer" />;
};
