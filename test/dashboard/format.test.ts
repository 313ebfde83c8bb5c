import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration, formatSpeed, GB } from '../../src/shared/format.js';

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [1, '1 B'],
    [999, '999 B'],
    [1000, '1 kB'],
    [1024, '1.02 kB'],
    [1536, '1.54 kB'],
    [99_949, '99.9 kB'],
    [999_600, '1 MB'],
    [150_000_000, '150 MB'],
    [300 * 1024 ** 2, '315 MB'],
    [100_000_000, '100 MB'],
    [250_000_000, '250 MB'],
    [1_500_000_000, '1.5 GB'],
    [5_000_000_000, '5 GB'],
    [1_250_000_000, '1.25 GB'],
    [12_340_000_000, '12.3 GB'],
    [50_000_000_000, '50 GB'],
    [3_000_000_000_000, '3 TB'],
    [2_048_000_000_000_000, '2048 TB'],
  ])('%d bytes → %s (decimal multiples, as OS file managers show; TB is the largest unit)', (bytes, shown) => {
    expect(formatBytes(bytes)).toBe(shown);
  });

  it('reads a limit typed in GB back as typed (below 1 GB, in MB: 0.1 GB is 100 MB)', () => {
    for (const typed of ['1', '2.5', '5', '10', '1.25', '50']) expect(formatBytes(Number(typed) * GB)).toBe(`${typed} GB`);
    expect(formatBytes(0.1 * GB)).toBe('100 MB');
    expect(formatBytes(0.5 * GB)).toBe('500 MB');
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('%d is shown as a dash', (bytes) => {
    expect(formatBytes(bytes)).toBe('–');
  });
});

describe('formatSpeed', () => {
  it('is bytes per second', () => {
    expect(formatSpeed(2000)).toBe('2 kB/s');
    expect(formatSpeed(12_500_000)).toBe('12.5 MB/s');
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
