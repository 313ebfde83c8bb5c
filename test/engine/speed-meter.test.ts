import { describe, expect, it } from 'vitest';
import { secondsLeft, SpeedMeter } from '../../src/upload-engine/queue/speed-meter.js';

function feed(meter: SpeedMeter, from: number, to: number, bytesPerSecond: number, stepMs = 200): void {
  for (let at = from + stepMs; at <= to; at += stepMs) {
    meter.record((bytesPerSecond * stepMs) / 1000);
    meter.sample(at);
  }
}

describe('SpeedMeter', () => {
  it('reads a steady rate exactly, from the first sample on', () => {
    const meter = new SpeedMeter(3000);
    meter.start(0);
    meter.record(100_000);
    expect(meter.sample(200)).toBeCloseTo(500_000, 6);
    feed(meter, 200, 5000, 500_000);
    expect(meter.bytesPerSecond).toBeCloseTo(500_000, 6);
  });

  it('moves toward a new rate by half per half-life', () => {
    const meter = new SpeedMeter(2000);
    meter.start(0);
    feed(meter, 0, 60_000, 1_000_000); // long enough that the start no longer counts
    feed(meter, 60_000, 62_000, 0);
    expect(meter.bytesPerSecond).toBeCloseTo(500_000, -3);
    feed(meter, 62_000, 64_000, 0);
    expect(meter.bytesPerSecond).toBeCloseTo(250_000, -3);
  });

  it('smooths a burst: one fast interval moves the rate only by its share', () => {
    const meter = new SpeedMeter(3000);
    meter.start(0);
    feed(meter, 0, 10_000, 1_000_000);
    meter.record(2_000_000); // 10 MB/s for 200 ms
    meter.sample(10_200);
    expect(meter.bytesPerSecond).toBeGreaterThan(1_000_000);
    expect(meter.bytesPerSecond).toBeLessThan(2_000_000);
  });

  it('puts off samples closer than the minimum interval, and reads 0 when stopped or never started', () => {
    const meter = new SpeedMeter(3000, 100);
    expect(meter.sample(50)).toBe(0);
    meter.record(1000); // not started: ignored
    meter.start(0);
    meter.record(1000);
    expect(meter.sample(10)).toBe(0); // too soon: the bytes wait for the next sample
    expect(meter.sample(200)).toBeCloseTo(5000, 6);
    meter.stop();
    expect(meter.bytesPerSecond).toBe(0);
    expect(meter.running).toBe(false);
  });
});

describe('secondsLeft', () => {
  it('is remaining bytes over speed, 0 when done, unknown without a speed', () => {
    expect(secondsLeft(10_000_000, 2_000_000)).toBe(5);
    expect(secondsLeft(0, 0)).toBe(0);
    expect(secondsLeft(-5, 100)).toBe(0);
    expect(secondsLeft(1000, 0)).toBeUndefined();
    expect(secondsLeft(1000, Number.NaN)).toBeUndefined();
  });
});
