import type { SqlDatabase } from './database.js';

export interface OutboxEvent {
  eventId: string;
  eventType: string;
  payload: Record<string, unknown>;
  attempts: number;
}

export type DeliverEvent = (event: OutboxEvent) => Promise<void>;

interface OutboxRow {
  seq: number;
  event_id: string;
  event_type: string;
  payload: string;
  attempts: number;
}

const BATCH = 20;
const MAX_BACKOFF_MS = 60_000;

export function backoffMs(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, 500 * 2 ** Math.max(0, attempts - 1));
}

/**
 * Events waiting for delivery, kept in the database in the same transaction as the change they
 * announce, and delivered at least once, in order of creation, with backoff between attempts.
 */
export class EventOutbox {
  private timer: NodeJS.Timeout | undefined;
  private draining: Promise<void> | undefined;
  private rerun = false;
  private stopped = true;

  constructor(
    private readonly db: SqlDatabase,
    private readonly deliver: DeliverEvent,
  ) {}

  /** Call inside the transaction that makes the change the event announces; `delayMs`: not delivered before then. */
  enqueue(eventId: string, eventType: string, payload: Record<string, unknown>, delayMs = 0): void {
    this.db
      .prepare('INSERT OR IGNORE INTO outbox (event_id, event_type, payload, next_attempt_at) VALUES (?, ?, ?, ?)')
      .run(eventId, eventType, JSON.stringify(payload), Date.now() + delayMs);
  }

  /** Starts delivering; events left by a previous run are due at once rather than after their backoff. */
  start(): void {
    this.stopped = false;
    this.db.prepare('UPDATE outbox SET next_attempt_at = ? WHERE delivered_at IS NULL AND next_attempt_at > ?').run(Date.now(), Date.now());
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.draining;
  }

  /** Delivers what is due now. */
  kick(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.rerun = true;
      return;
    }
    clearTimeout(this.timer);
    this.draining = this.drain().finally(() => {
      this.draining = undefined;
      if (this.rerun) {
        this.rerun = false;
        this.kick();
      } else {
        this.scheduleNext();
      }
    });
  }

  undelivered(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM outbox WHERE delivered_at IS NULL').get() as { n: number }).n;
  }

  private async drain(): Promise<void> {
    while (!this.stopped) {
      const rows = this.db
        .prepare(
          'SELECT seq, event_id, event_type, payload, attempts FROM outbox WHERE delivered_at IS NULL AND next_attempt_at <= ? ORDER BY seq LIMIT ?',
        )
        .all(Date.now(), BATCH) as OutboxRow[];
      if (rows.length === 0) return;
      for (const row of rows) {
        if (this.stopped) return;
        const attempts = row.attempts + 1;
        try {
          await this.deliver({
            eventId: row.event_id,
            eventType: row.event_type,
            payload: JSON.parse(row.payload) as Record<string, unknown>,
            attempts,
          });
          this.db
            .prepare('UPDATE outbox SET delivered_at = ?, attempts = ?, last_error = NULL WHERE seq = ?')
            .run(Date.now(), attempts, row.seq);
        } catch (error) {
          this.db
            .prepare('UPDATE outbox SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE seq = ?')
            .run(attempts, Date.now() + backoffMs(attempts), String(error), row.seq);
        }
      }
    }
  }

  private scheduleNext(): void {
    if (this.stopped) return;
    const next = this.db.prepare('SELECT MIN(next_attempt_at) AS at FROM outbox WHERE delivered_at IS NULL').get() as {
      at: number | null;
    };
    if (next.at === null) return;
    this.timer = setTimeout(() => this.kick(), Math.max(0, next.at - Date.now()));
    this.timer.unref();
  }
}
