import { SpeedMeter } from './speed-meter';

/**
 * Paces progress: while files are sent, every `intervalMs` it samples the overall speed and lets
 * the queue sample each file's and tell its listeners, so a UI redraws at a steady pace however
 * fast bytes go. Stops by itself when nothing is sent.
 */
export class ProgressTicker {
  readonly overall = new SpeedMeter();
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly intervalMs: number,
    private readonly now: () => number,
    /** Samples the files being sent; returns how many there are. */
    private readonly sample: (now: number) => number,
    /** Called after each tick, with whether the overall speed changed. */
    private readonly ticked: (overallChanged: boolean) => void,
  ) {}

  start(): void {
    if (this.timer !== undefined) return;
    this.overall.start(this.now());
    this.timer = setInterval(() => this.tick(), this.intervalMs);
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    this.overall.stop();
  }

  private tick(): void {
    const now = this.now();
    const before = this.overall.bytesPerSecond;
    if (this.sample(now) === 0) this.stop();
    else this.overall.sample(now);
    this.ticked(this.overall.bytesPerSecond !== before);
  }
}
