import React, { useEffect, useRef, type FC } from 'react';
import { LiveRegion, type LiveRegionRefType } from '@wix/design-system';
import type { UploadQueueSnapshot } from '../../upload-engine';
import { failureReason, stateLabel, stateNote } from './item-status';

const PROGRESS_EVERY_PERCENT = 25;

/**
 * Tells screen readers what changes: each file's state, and overall progress every 25%, through
 * an aria-live region (not on every progress event, which would drown the reader).
 */
export const QueueAnnouncer: FC<{ snapshot: UploadQueueSnapshot }> = ({ snapshot }) => {
  const region = useRef<LiveRegionRefType>(null);
  const states = useRef(new Map<string, string>());
  const lastQuarter = useRef(0);

  useEffect(() => {
    const news: string[] = [];
    for (const item of snapshot.items) {
      const note = stateNote(item);
      const label = note ? `${stateLabel(item)} (${note})` : stateLabel(item);
      if (states.current.get(item.id) !== label) {
        states.current.set(item.id, label);
        const reason = failureReason(item);
        news.push(`${item.meta.displayName}: ${label.toLowerCase()}${reason ? `, ${reason}` : ''}`);
      }
    }
    const { bytesTotal, bytesUploaded } = snapshot.totals;
    const quarter = bytesTotal === 0 ? 0 : Math.floor((bytesUploaded / bytesTotal) * (100 / PROGRESS_EVERY_PERCENT));
    if (quarter !== lastQuarter.current) {
      lastQuarter.current = quarter;
      if (quarter > 0) news.push(`Overall ${quarter * PROGRESS_EVERY_PERCENT}% uploaded`);
    }
    if (news.length > 0) region.current?.broadcast({ message: news.slice(-5).join('. '), role: 'status' });
  }, [snapshot]);

  return <LiveRegion ref={region} dataHook="queue-announcer" />;
};
