import type { CSSProperties } from 'react';

/** Read by screen readers, not drawn: an accessible name where the design shows none (e.g. a checkbox in a table row). */
export const VISUALLY_HIDDEN: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  margin: -1,
  padding: 0,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  border: 0,
};
