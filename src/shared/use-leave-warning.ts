import { useEffect } from 'react';
import type { UploadQueueSnapshot } from '../upload-engine';

/**
 * While bytes are on their way, closing or reloading the tab asks first (the browser shows its own
 * question; the text cannot be chosen). What was sent is kept, but the files must be selected again.
 * The dashboard page and the site widget both use it.
 */
export function useLeaveWarning(snapshot: UploadQueueSnapshot): void {
  const { count } = snapshot.totals;
  const sending = count.queued + count.uploading + count.finalizing > 0;
  useEffect(() => {
    if (!sending) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Chromium before 119 and some embedders still need returnValue set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [sending]);
}
