import { useEffect, useRef } from 'react';
import { dashboard } from '@wix/dashboard';
import type { UploadQueue } from '../../upload-engine';
import { useI18n } from '../../i18n/use-i18n';

/**
 * A toast when a batch ends: every file of it is ready, failed, cancelled or refused. Told by the
 * queue itself, not by what is drawn: the page draws the queue at its own pace, and a batch refused
 * at once can begin and end between two draws.
 */
export function useBatchToast(queue: UploadQueue, onBatchEnd: () => void): void {
  const { t: translate } = useI18n();
  const said = useRef({ t: translate, onBatchEnd });
  said.current = { t: translate, onBatchEnd };
  useEffect(() => {
    let wasBusy = queue.getSnapshot().totals.busy;
    return queue.subscribe(({ totals: { busy, count } }) => {
      if (wasBusy && !busy) {
        const { t, onBatchEnd: ended } = said.current;
        const { ready, failed, refused } = count;
        const endings = [
          t('page.toastReadyCount', { count: ready }),
          ...(failed > 0 ? [t('page.toastNotSent', { count: failed })] : []),
          ...(refused > 0 ? [t('page.toastRefused', { count: refused })] : []),
        ];
        dashboard.showToast({
          message:
            failed + refused === 0 ? t('page.toastReady', { count: ready }) : t('page.toastEndings', { endings: endings.join(', ') }),
          type: failed + refused === 0 ? 'success' : 'warning',
        });
        ended();
      }
      wasBusy = busy;
    });
  }, [queue]);
}
