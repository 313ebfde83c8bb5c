import { useCallback } from 'react';
import { useQuery } from '@tanstack/react-query';
import { listRecentUploads } from '../owner-methods';
import type { UploadStatusReport } from '../../shared/upload-methods';
import { errorMessage } from './query-errors';
import { useI18n } from '../../i18n/use-i18n';

const RECENT_UPLOADS_SHOWN = 20;

const REFRESH_MS = 15_000;
/** One empty list, so the recent uploads are the same props from one render to the next until they load. */
const NONE: UploadStatusReport[] = [];

export interface RecentUploads {
  uploads: UploadStatusReport[];
  loading: boolean;
  error?: string;
  refresh: () => void;
}

/** The latest uploads of the site from the upload log, from any device; refreshed now and then, once `enabled`. */
export function useRecentUploads(enabled = true): RecentUploads {
  const speech = useI18n();
  const query = useQuery({
    queryKey: ['recent-uploads', RECENT_UPLOADS_SHOWN],
    queryFn: () => listRecentUploads(RECENT_UPLOADS_SHOWN),
    refetchInterval: REFRESH_MS,
    enabled,
  });
  const { refetch } = query;
  const refresh = useCallback(() => void refetch(), [refetch]);
  return {
    uploads: query.data ?? NONE,
    loading: query.isLoading,
    error: query.error ? errorMessage(speech, query.error, speech.t('page.recentError')) : undefined,
    refresh,
  };
}
