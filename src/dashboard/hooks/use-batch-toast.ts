import { useEffect, useRef } from 'react';
import { dashboard } from '@wix/dashboard';
import type { UploadQueueSnapshot } from '../../upload-engine';

/** A toast when a batch ends: every file of it is ready, failed or cancelled. */
export function useBatchToast(snapshot: UploadQueueSnapshot, onBatchEnd: () => void): void {
  const wasBusy = useRef(false);
  const { count, busy } = snapshot.totals;
  useEffect(() => {
    if (wasBusy.current && !busy) {
      const failed = count.failed;
      dashboard.showToast({
        message:
          failed === 0
            ? `${count.ready} file${count.ready === 1 ? '' : 's'} uploaded and ready in the Media Manager`
            : `${count.ready} ready, ${failed} failed: see the reasons in the list`,
        type: failed === 0 ? 'success' : 'warning',
      });
      onBatchEnd();
    }
    wasBusy.current = busy;
  }, [busy, count.ready, count.failed, onBatchEnd]);
}
