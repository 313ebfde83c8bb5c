// @vitest-environment jsdom
import React, { type FC } from 'react';
import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useSameWhileEqual } from '../../src/dashboard/hooks/use-same-while-equal.js';

describe('useSameWhileEqual', () => {
  it('gives the object of the last call while each field is the same, and the new one once a field differs', () => {
    const seen: object[] = [];
    const Probe: FC<{ value: { a: number; b: () => void } }> = ({ value }) => {
      seen.push(useSameWhileEqual(value));
      return null;
    };
    const act = () => undefined;
    const first = { a: 1, b: act };
    const { rerender } = render(<Probe value={first} />);
    rerender(<Probe value={{ a: 1, b: act }} />);
    const changed = { a: 2, b: act };
    rerender(<Probe value={changed} />);
    rerender(<Probe value={{ a: 2, b: () => undefined }} />);
    expect(seen[0]).toBe(first);
    expect(seen[1]).toBe(first);
    expect(seen[2]).toBe(changed);
    expect(seen[3]).not.toBe(changed);
  });
});
