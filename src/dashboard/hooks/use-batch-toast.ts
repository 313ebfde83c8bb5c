import { useEffect, useRef } from 'react';
import { dashboard } from '@wix/dashboard';
import type { UploadQueueSnapshot } from '../../upload-engine';

/** A toast when a batch ends: every file of it is ready, failed, cancelled or refused. */
export function useBatchToast(snapshot: UploadQueueSnapshot, onBatchEnd: () => void): void {
  const wasBusy = useRef(false);
  const { count, busy } = snapshot.totals;
  useEffect(() => {
    if (wasBusy.current && !busy) {
      const { ready, failed, refused } = count;
      const endings = [
        `${ready} ready`,
        ...(failed > 0 ? [`${failed} not sent`] : []),
        ...(refused > 0 ? [`${refused} refused by the Media Manager`] : []),
      ];
      dashboard.showToast({
        message:
          failed + refused === 0
            ? `${ready} file${ready === 1 ? '' : 's'} uploaded and ready in the Media Manager`
            : `${endings.join(', ')}: see the reasons in the list`,
        type: failed + refused === 0 ? 'success' : 'warning',
      });
      onBatchEnd();
    }
    wasBusy.current = busy;
  }, [busy, count, onBatchEnd]);
}
