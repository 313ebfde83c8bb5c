import { useCallback, useState } from 'react';
import { getFileDownloadUrl } from '../owner-methods';
import type { FileDownloadLink } from '../../shared/upload-methods';
import { useI18n } from '../../i18n/use-i18n';
import { describeRefusal } from '../../i18n/describe';

export interface PrivateFileLink {
  /** Opens the file in a new tab through a fresh temporary link. */
  open(): Promise<void>;
  /** Copies a fresh temporary link; resolves to the link or why there is none. */
  copy(): Promise<FileDownloadLink>;
  busy: boolean;
  error?: string;
}

/**
 * A private file is refused at its URL: it is read through a temporary download link the backend
 * asks Wix for, fresh each time it is opened or copied.
 */
export function usePrivateFileLink(fileId: string): PrivateFileLink {
  const speech = useI18n();
  const { t } = speech;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const fetchLink = useCallback(async (): Promise<FileDownloadLink> => {
    setBusy(true);
    setError(undefined);
    try {
      const link = await getFileDownloadUrl(fileId).catch((): FileDownloadLink => ({ ok: false, reason: t('page.linkError') }));
      if (!link.ok) setError(describeRefusal(speech, link));
      return link;
    } finally {
      setBusy(false);
    }
  }, [fileId, speech, t]);

  const open = useCallback(async () => {
    // Opened now, while the click still counts as the user's, then sent to the link.
    const tab = window.open('', '_blank');
    const link = await fetchLink();
    if (!tab) return;
    if (!link.ok) {
      tab.close();
      return;
    }
    tab.opener = null;
    tab.location.href = link.url;
  }, [fetchLink]);

  const copy = useCallback(async () => {
    const link = await fetchLink();
    if (link.ok) await navigator.clipboard.writeText(link.url);
    return link;
  }, [fetchLink]);

  return { open, copy, busy, error };
}
