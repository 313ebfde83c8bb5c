import { useEffect, useState } from 'react';

/** Below this width the drop zone and the settings no longer fit side by side (the dashboard's sidebar takes its share). */
const NARROW = '(max-width: 1023px)';

/** Whether the page is narrow enough to stack its cards. */
export function useNarrowLayout(): boolean {
  const query = typeof window !== 'undefined' && typeof window.matchMedia === 'function' ? window.matchMedia(NARROW) : undefined;
  const [narrow, setNarrow] = useState(query?.matches ?? false);
  useEffect(() => {
    if (!query) return;
    const changed = () => setNarrow(query.matches);
    changed();
    query.addEventListener('change', changed);
    return () => query.removeEventListener('change', changed);
  }, [query]);
  return narrow;
}
