import { useRef } from 'react';

/**
 * `value`, or the object given last time while each of its own fields is the same (===) as then: a
 * hook's result, made anew at each call, can then be the prop of a memoized component.
 */
export function useSameWhileEqual<T extends object>(value: T): T {
  const kept = useRef(value);
  const before = kept.current;
  const keys = Object.keys(value) as (keyof T)[];
  const same = keys.length === Object.keys(before).length && keys.every((key) => Object.is(before[key], value[key]));
  if (!same) kept.current = value;
  return kept.current;
}
