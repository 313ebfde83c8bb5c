// @vitest-environment jsdom
import React, { type FC } from 'react';
import { act, cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useStepsDrawn } from '../../src/dashboard/hooks/use-steps-drawn.js';

afterEach(() => {
  cleanup();
});

describe('useStepsDrawn', () => {
  it('draws no step at first, then one more in each task after, and stops at the last', async () => {
    const seen: number[] = [];
    const Steps: FC = () => {
      seen.push(useStepsDrawn(2));
      return null;
    };
    render(<Steps />);
    expect(seen).toEqual([0]);
    // A task queued after the component's: it runs once the component's step is drawn.
    const nextTask = () => act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
    await nextTask();
    expect(seen).toEqual([0, 1]);
    await nextTask();
    expect(seen).toEqual([0, 1, 2]);
    await nextTask();
    await nextTask();
    expect(seen).toEqual([0, 1, 2]);
  });
});
