/**
 * Bytes per second, an exponentially weighted average over time: a moment's burst or stall moves
 * the rate (and the ETA) only by its share of the last few seconds. Bytes are recorded as they
 * come and folded in by sample(), which the owner calls at a steady pace.
 */
export class SpeedMeter {
  private pendingBytes = 0;
  private lastSampleAt: number | undefined;
  private average = 0;
  /** Weight the average has gathered since start(); dividing by it keeps early samples from reading low. */
  private gathered = 0;

  /**
   * @param halfLifeMs how long until a past rate weighs half
   * @param minIntervalMs samples closer than this are put off, so a tiny interval cannot spike the rate
   */
  constructor(
    private readonly halfLifeMs = 3000,
    private readonly minIntervalMs = 100,
  ) {}

  get bytesPerSecond(): number {
    return this.gathered > 0 ? this.average / this.gathered : 0;
  }

  get running(): boolean {
    return this.lastSampleAt !== undefined;
  }

  start(now: number): void {
    this.stop();
    this.lastSampleAt = now;
  }

  stop(): void {
    this.lastSampleAt = undefined;
    this.pendingBytes = 0;
    this.average = 0;
    this.gathered = 0;
  }

  record(bytes: number): void {
    if (this.lastSampleAt !== undefined && bytes > 0) this.pendingBytes += bytes;
  }

  sample(now: number): number {
    if (this.lastSampleAt === undefined) return 0;
    const elapsed = now - this.lastSampleAt;
    if (elapsed < this.minIntervalMs) return this.bytesPerSecond;
    const instant = (this.pendingBytes * 1000) / elapsed;
    const weight = 1 - 2 ** (-elapsed / this.halfLifeMs);
    this.average += weight * (instant - this.average);
    this.gathered += weight * (1 - this.gathered);
    this.pendingBytes = 0;
    this.lastSampleAt = now;
    return this.bytesPerSecond;
  }
}

/** Seconds until `remainingBytes` are sent at `bytesPerSecond`; undefined while the speed is unknown. */
export function secondsLeft(remainingBytes: number, bytesPerSecond: number): number | undefined {
  if (remainingBytes <= 0) return 0;
  if (!(bytesPerSecond > 0)) return undefined;
  return remainingBytes / bytesPerSecond;
}
