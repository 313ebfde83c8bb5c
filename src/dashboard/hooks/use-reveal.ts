import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';

/** Scrolls to an element when its count of things grows while it is below the fold (e.g. files just added). */
export function useRevealWhenGrowing(element: RefObject<HTMLElement>, count: number): void {
  const last = useRef(0);
  useEffect(() => {
    const grew = count > last.current;
    last.current = count;
    const node = element.current;
    if (grew && node && node.getBoundingClientRect().top > window.innerHeight - 120) {
      node.scrollIntoView?.({ block: 'start', behavior: 'smooth' });
    }
  }, [element, count]);
}

/**
 * Returns `reveal()`: once the element is drawn (`drawn`), it is scrolled into view and given focus,
 * so an action's result is where the eyes and a screen reader are.
 */
export function useRevealAndFocus(element: RefObject<HTMLElement>, drawn: boolean): () => void {
  const [requested, setRequested] = useState(false);
  useEffect(() => {
    const node = element.current;
    if (!requested || !drawn || !node) return;
    setRequested(false);
    node.scrollIntoView?.({ block: 'start', behavior: 'smooth' });
    node.focus({ preventScroll: true });
  }, [element, requested, drawn]);
  return useCallback(() => setRequested(true), []);
}
