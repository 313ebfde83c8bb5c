import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';

/** Space left between what is revealed and whatever stays fixed above it. */
const GAP = 16;

/** The bottom of a sticky or fixed element drawn over the top of `node` (such as the page's header and tabs), if any. */
function coveringBottom(node: HTMLElement): number | undefined {
  const box = node.getBoundingClientRect();
  const hit = document.elementFromPoint(box.left + Math.min(8, box.width / 2), Math.max(box.top + 1, 0));
  if (!hit || node.contains(hit)) return undefined;
  for (let element: Element | null = hit; element; element = element.parentElement) {
    const { position } = getComputedStyle(element);
    if (position === 'sticky' || position === 'fixed') return element.getBoundingClientRect().bottom;
  }
  return undefined;
}

/** The nearest ancestor that scrolls vertically (the WDS page scrolls its own container), else the document. */
function scrollerOf(node: HTMLElement): Element {
  for (let element = node.parentElement; element; element = element.parentElement) {
    const { overflowY } = getComputedStyle(element);
    if ((overflowY === 'auto' || overflowY === 'scroll') && element.scrollHeight > element.clientHeight) return element;
  }
  return document.scrollingElement ?? document.documentElement;
}

/**
 * Scrolls `node` to the top of its scroller, then lower by what a sticky header covers of it: the
 * page's header and tabs stick to the top, and their height changes as they shrink on scrolling
 * and with the width, so it is measured, a few frames running, rather than guessed.
 */
export function revealBelowStickyHeader(node: HTMLElement): void {
  node.scrollIntoView?.({ block: 'start' });
  if (typeof document.elementFromPoint !== 'function') return;
  let frames = 4;
  const correct = () => {
    const bottom = coveringBottom(node);
    if (bottom !== undefined) scrollerOf(node).scrollBy({ top: node.getBoundingClientRect().top - bottom - GAP });
    if (--frames > 0) requestAnimationFrame(correct);
  };
  requestAnimationFrame(correct);
}

/** Scrolls to an element when its count of things grows while it is below the fold (e.g. files just added). */
export function useRevealWhenGrowing(element: RefObject<HTMLElement>, count: number): void {
  const last = useRef(0);
  useEffect(() => {
    const grew = count > last.current;
    last.current = count;
    const node = element.current;
    if (grew && node && node.getBoundingClientRect().top > window.innerHeight - 120) revealBelowStickyHeader(node);
  }, [element, count]);
}

/**
 * Returns `reveal()`: once the element is drawn (`drawn`), it is scrolled into view below the
 * page's sticky header and given focus, so an action's result is where the eyes and a screen reader are.
 */
export function useRevealAndFocus(element: RefObject<HTMLElement>, drawn: boolean): () => void {
  const [requested, setRequested] = useState(false);
  useEffect(() => {
    const node = element.current;
    if (!requested || !drawn || !node) return;
    setRequested(false);
    // In the next frame, where the page is laid out anyway: focusing and scrolling read the layout,
    // which here would force it in the task that drew the element (10,000 files: 17 ms of a 70 ms task).
    // Not cancelled when `requested` goes back to false, which runs this effect's cleanup at once.
    requestAnimationFrame(() => {
      if (!node.isConnected) return;
      node.focus({ preventScroll: true });
      revealBelowStickyHeader(node);
    });
  }, [element, requested, drawn]);
  return useCallback(() => setRequested(true), []);
}
