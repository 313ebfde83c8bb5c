import { useCallback, useEffect, useState } from 'react';
import { listFolders } from '../../backend/uploads.web';
import type { FolderSummary } from '../../shared/upload-api';

/** The Media Manager folders under the root, for the destination picker. */
export function useFolders(): { folders: FolderSummary[]; loading: boolean; error?: string; reload: () => void } {
  const [folders, setFolders] = useState<FolderSummary[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string>();
  const reload = useCallback(() => {
    setLoading(true);
    listFolders().then(
      (result) => {
        if (result.ok) {
          setFolders(result.folders);
          setError(undefined);
        } else {
          setError(result.reason);
        }
        setLoading(false);
      },
      (failure: unknown) => {
        setError(failure instanceof Error ? failure.message : 'The folders could not be loaded');
        setLoading(false);
      },
    );
  }, []);
  useEffect(reload, [reload]);
  return { folders, loading, error, reload };
}
