import { useQuery } from '@tanstack/react-query';
import { getAppSetup } from '../owner-methods';

/**
 * Whether the app can work on this site (its collections are there), asked once when the page
 * opens: `ready` once it can, `problem` (one sentence) when it cannot. While the answer is on its
 * way neither is set; if the question itself fails, the page goes on and each part says its own error.
 */
export function useAppSetup(): { ready: boolean; problem?: string } {
  const query = useQuery({ queryKey: ['app-setup'], queryFn: () => getAppSetup(), staleTime: Number.POSITIVE_INFINITY, retry: 1 });
  if (query.isError) return { ready: true };
  if (!query.data) return { ready: false };
  return query.data.ok ? { ready: true } : { ready: false, problem: query.data.reason };
}
