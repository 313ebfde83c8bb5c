import { useQuery } from '@tanstack/react-query';
import { listFolders } from '../owner-methods';
import type { FolderSummary } from '../../shared/upload-methods';
import { MEDIA_ROOT_FOLDER_ID } from '../../shared/media-folders';
import { errorMessage, RefusedError, retryUnlessRefused } from './query-errors';
import { useI18n } from '../../i18n/use-i18n';

export const FOLDERS_QUERY = 'folders';
/** One empty list while the folders load, so the picker's props stay the same from one render to the next. */
const NONE: FolderSummary[] = [];

/** The Media Manager folders under a folder (the root by default), for the destination picker. */
export function useFolders(parentFolderId: string = MEDIA_ROOT_FOLDER_ID): {
  folders: FolderSummary[];
  loading: boolean;
  error?: string;
  reload: () => void;
} {
  const speech = useI18n();
  const query = useQuery({
    queryKey: [FOLDERS_QUERY, parentFolderId],
    queryFn: async () => {
      const result = await listFolders(parentFolderId);
      if (!result.ok) throw new RefusedError(result);
      return result.folders;
    },
    retry: retryUnlessRefused,
  });
  return {
    folders: query.data ?? NONE,
    loading: query.isLoading,
    error: query.error ? errorMessage(speech, query.error, speech.t('page.foldersError')) : undefined,
    reload: () => void query.refetch(),
  };
}
