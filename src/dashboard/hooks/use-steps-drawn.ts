import { useEffect, useState } from 'react';

/**
 * How many of `steps` steps of a component's first drawing are drawn: 0 when it is first drawn,
 * then one more in each task after, up to `steps`. A part that is costly to draw at once (the
 * queue's rows, as the queue first appears with thousands of files on their way) is drawn a piece
 * per task, after what appears with it, and the page answers input in between.
 */
export function useStepsDrawn(steps: number): number {
  const [drawn, setDrawn] = useState(0);
  useEffect(() => {
    if (drawn >= steps) return;
    // A timer, not the effect itself: React 16 may run effects in the task that drew.
    const timer = setTimeout(() => setDrawn((step) => step + 1), 0);
    return () => clearTimeout(timer);
  }, [drawn, steps]);
  return drawn;
}
