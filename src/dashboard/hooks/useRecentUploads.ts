import { useCallback, useEffect, useState } from 'react';
import { listRecentUploads } from '../../backend/uploads.web';
import type { UploadStatusReport } from '../../shared/upload-api';
import { RECENT_UPLOADS_SHOWN } from '../config';

const REFRESH_MS = 15_000;

/** The latest uploads of the site from the upload log, from any device; refreshed now and then. */
export function useRecentUploads(): { uploads: UploadStatusReport[]; loading: boolean; refresh: () => void } {
  const [uploads, setUploads] = useState<UploadStatusReport[]>([]);
  const [loading, setLoading] = useState(true);
  const refresh = useCallback(() => {
    listRecentUploads(RECENT_UPLOADS_SHOWN).then(
      (found) => {
        setUploads(found);
        setLoading(false);
      },
      () => setLoading(false),
    );
  }, []);
  useEffect(() => {
    refresh();
    const timer = window.setInterval(refresh, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [refresh]);
  return { uploads, loading, refresh };
}
