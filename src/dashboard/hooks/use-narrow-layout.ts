import { useEffect, useState } from 'react';

/** Below this width the drop zone and the settings no longer fit side by side (the dashboard's sidebar takes its share). */
const NARROW = '(max-width: 1023px)';
/**
 * Below this width (a phone, the Wix owner app's webview: 375 to 420 px) a table's columns no
 * longer fit: rows get a layout of their own, name and progress stacked, actions in a menu.
 */
const PHONE = '(max-width: 640px)';

function useMediaQuery(media: string): boolean {
  const [query] = useState(() =>
    typeof window !== 'undefined' && typeof window.matchMedia === 'function' ? window.matchMedia(media) : undefined,
  );
  const [matches, setMatches] = useState(query?.matches ?? false);
  useEffect(() => {
    if (!query) return;
    const changed = () => setMatches(query.matches);
    changed();
    query.addEventListener('change', changed);
    return () => query.removeEventListener('change', changed);
  }, [query]);
  return matches;
}

/** Whether the page is narrow enough to stack its cards. */
export function useNarrowLayout(): boolean {
  return useMediaQuery(NARROW);
}

/** Whether the page is as narrow as a phone: tables show stacked rows (see PHONE). */
export function usePhoneLayout(): boolean {
  return useMediaQuery(PHONE);
}
