import { useQuery } from '@tanstack/react-query';
import { listFolders } from '../../backend/uploads.web';
import type { FolderSummary } from '../../shared/upload-api';
import { MEDIA_ROOT_FOLDER_ID } from '../../shared/upload-request';

export const FOLDERS_QUERY = 'folders';

/** The Media Manager folders under a folder (the root by default), for the destination picker. */
export function useFolders(parentFolderId: string = MEDIA_ROOT_FOLDER_ID): {
  folders: FolderSummary[];
  loading: boolean;
  error?: string;
  reload: () => void;
} {
  const query = useQuery({
    queryKey: [FOLDERS_QUERY, parentFolderId],
    queryFn: async () => {
      const result = await listFolders(parentFolderId);
      if (!result.ok) throw new RefusedError(result.reason);
      return result.folders;
    },
    retry: retryUnlessRefused,
  });
  return {
    folders: query.data ?? [],
    loading: query.isLoading,
    error: query.error ? messageOf(query.error, 'The folders could not be loaded') : undefined,
    reload: () => void query.refetch(),
  };
}

export function messageOf(error: unknown, fallback: string): string {
  return error instanceof Error && error.message ? error.message : fallback;
}

/** The backend said no (a refusal value): asking again will not change its answer. */
export class RefusedError extends Error {}

export function retryUnlessRefused(failures: number, error: unknown): boolean {
  return !(error instanceof RefusedError) && failures < 1;
}
