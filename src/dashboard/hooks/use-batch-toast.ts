import { useEffect, useRef } from 'react';
import { dashboard } from '@wix/dashboard';
import type { UploadQueueSnapshot } from '../../upload-engine';
import { useI18n } from '../../i18n/use-i18n';

/** A toast when a batch ends: every file of it is ready, failed, cancelled or refused. */
export function useBatchToast(snapshot: UploadQueueSnapshot, onBatchEnd: () => void): void {
  const { t } = useI18n();
  const wasBusy = useRef(false);
  const { count, busy } = snapshot.totals;
  useEffect(() => {
    if (wasBusy.current && !busy) {
      const { ready, failed, refused } = count;
      const endings = [
        t('page.toastReadyCount', { count: ready }),
        ...(failed > 0 ? [t('page.toastNotSent', { count: failed })] : []),
        ...(refused > 0 ? [t('page.toastRefused', { count: refused })] : []),
      ];
      dashboard.showToast({
        message: failed + refused === 0 ? t('page.toastReady', { count: ready }) : t('page.toastEndings', { endings: endings.join(', ') }),
        type: failed + refused === 0 ? 'success' : 'warning',
      });
      onBatchEnd();
    }
    wasBusy.current = busy;
  }, [busy, count, onBatchEnd, t]);
}
