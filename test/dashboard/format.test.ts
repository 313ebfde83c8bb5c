import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration, formatSpeed } from '../../src/shared/format.js';

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [1, '1 B'],
    [1023, '1023 B'],
    [1024, '1.0 KB'],
    [1536, '1.5 KB'],
    [99 * 1024, '99.0 KB'],
    [100 * 1024, '100 KB'],
    [5 * 1024 ** 2 + 200 * 1024, '5.2 MB'],
    [50 * 1024 ** 3, '50.0 GB'],
    [3 * 1024 ** 4, '3.0 TB'],
    [2048 * 1024 ** 4, '2048 TB'],
  ])('%d bytes → %s (binary multiples, TB is the largest unit)', (bytes, shown) => {
    expect(formatBytes(bytes)).toBe(shown);
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('%d is shown as a dash', (bytes) => {
    expect(formatBytes(bytes)).toBe('–');
  });
});

describe('formatSpeed', () => {
  it('is bytes per second', () => {
    expect(formatSpeed(2048)).toBe('2.0 KB/s');
    expect(formatSpeed(512)).toBe('512 B/s');
  });

  it.each([undefined, 0, -10])('is a dash when unknown or not moving (%s)', (speed) => {
    expect(formatSpeed(speed)).toBe('–');
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0 s'],
    [59.4, '59 s'],
    [59.6, '1 min 0 s'],
    [75, '1 min 15 s'],
    [3599, '59 min 59 s'],
    [3600, '1 h 0 min'],
    [3725, '1 h 2 min'],
    [2 * 86_400 + 60, '48 h 1 min'],
  ])('%d s → %s', (seconds, shown) => {
    expect(formatDuration(seconds)).toBe(shown);
  });

  it.each([undefined, -1, Number.NaN, Number.POSITIVE_INFINITY])('is a dash when unknown (%s)', (seconds) => {
    expect(formatDuration(seconds)).toBe('–');
  });
});
