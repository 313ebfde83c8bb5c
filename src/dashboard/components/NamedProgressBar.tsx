import React, { type FC } from 'react';
import { LinearProgressBar } from '@wix/design-system';
import styles from './NamedProgressBar.module.css';

interface Props {
  /** What a screen reader says the bar measures, e.g. "Progress of clip.mp4". */
  name: string;
  value: number;
  showProgressIndication?: boolean;
}

/**
 * WDS's LinearProgressBar puts `aria-label` on an inner box, not on its role="progressbar"
 * element, which is then announced without a name: name that element here. Its width animation
 * is turned off (see the CSS module).
 */
export const NamedProgressBar: FC<Props> = ({ name, value, showProgressIndication = false }) => (
  <div
    ref={(box) => box?.querySelector('[role="progressbar"]')?.setAttribute('aria-label', name)}
    className={styles.bar}
    style={{ width: '100%' }}
  >
    <LinearProgressBar value={value} showProgressIndication={showProgressIndication} />
  </div>
);
