/**
 * A TCP proxy on 127.0.0.1 that behaves like a network link between a client and a server:
 * bandwidth (each direction is one pipe shared by every connection, like a real uplink), a
 * one-way delay (half the round trip, applied to every byte as it crosses, not only to the
 * connection set-up), and cuts (after every N bytes delivered upstream, every live connection is
 * reset; new ones can be refused for a while). It notes every request and status line that crosses
 * (HTTP/1.1 in clear, as on this machine), so a run can tell where its time went. See docs/BENCHMARKS.md.
 */
import net from 'node:net';
import { performance } from 'node:perf_hooks';

export interface LinkShape {
  /** Bytes per second in each direction; null: no limit. */
  bytesPerSecond: number | null;
  /** Round-trip time added by the link (each direction delays by half of it). */
  rttMs: number;
  /** Reset every live connection each time this many more bytes have been delivered upstream; null: never. */
  cutEveryBytes: number | null;
  /** After a cut, new connections are reset for this long. */
  refuseMs: number;
  /** No more cuts than this (e.g. none at the very end of a file); default: no limit. */
  maxCuts?: number;
  /** Where the first cut falls, in bytes delivered upstream; default: cutEveryBytes. */
  firstCutAtBytes?: number;
}

export interface CutEvent {
  /** performance.now() of the cut. */
  atMs: number;
  /** Upstream bytes delivered to the server when the cut happened (firstCutAtBytes + a multiple of cutEveryBytes). */
  deliveredUpBytes: number;
  /** Upstream bytes the link had taken from clients but not delivered: lost with the cut. */
  inFlightUpBytes: number;
}

/** A request line ("PATCH /upload/tus/…") or an answer's status ("204") as it entered the link. */
export interface HeadSeen {
  /** performance.now() when the proxy took it from the sender. */
  atMs: number;
  /** The connection it crossed, numbered from 1 in the order they were accepted. */
  connection: number;
  line: string;
}

export interface LinkCounters {
  /** Bytes read from clients / delivered to the server. */
  acceptedUpBytes: number;
  deliveredUpBytes: number;
  /** Bytes delivered to clients. */
  deliveredDownBytes: number;
  connections: number;
  refused: number;
  cuts: CutEvent[];
  requests: HeadSeen[];
  responses: HeadSeen[];
}

export interface ShapingProxy {
  /** http://127.0.0.1:<port> */
  url: string;
  port: number;
  counters(): LinkCounters;
  /** Zeroes the byte counters and forgets the cuts (the cut schedule restarts from 0). */
  resetCounters(): void;
  close(): Promise<void>;
}

const MIN_QUEUE_BYTES = 64 * 1024;
/** A cut ends the server's side of a connection gracefully, then destroys it after this. */
const SERVER_CLOSE_GRACE_MS = 2000;
const REQUEST_LINE_END = Buffer.from(' HTTP/1.1\r\n');
const STATUS_LINE_START = Buffer.from('HTTP/1.1 ');

/** The request lines in `chunk` (from a line's start, or the chunk's, to " HTTP/1.1"). */
function requestLinesIn(chunk: Buffer): string[] {
  const lines: string[] = [];
  for (let end = chunk.indexOf(REQUEST_LINE_END); end !== -1; end = chunk.indexOf(REQUEST_LINE_END, end + 1)) {
    lines.push(chunk.toString('latin1', end > 0 ? chunk.lastIndexOf(0x0a, end - 1) + 1 : 0, end));
  }
  return lines;
}

/** The statuses of the answers that begin in `chunk`. */
function statusesIn(chunk: Buffer): string[] {
  const statuses: string[] = [];
  for (let at = chunk.indexOf(STATUS_LINE_START); at !== -1; at = chunk.indexOf(STATUS_LINE_START, at + 1)) {
    if (at === 0 || chunk[at - 1] === 0x0a) statuses.push(chunk.toString('latin1', at + 9, at + 12));
  }
  return statuses;
}

/**
 * One direction of the link: a transmitter that sends one byte after another at the link's rate
 * (shared by all connections), then a delay line. Each connection keeps its own FIFO so its bytes
 * leave in order.
 */
class Pipe {
  private nextFreeAtMs = performance.now();

  constructor(
    private readonly bytesPerSecond: number | null,
    private readonly oneWayDelayMs: number,
  ) {}

  /** When a chunk of `bytes` entering now leaves the far end. */
  schedule(bytes: number, nowMs: number): { deliverAtMs: number; backlogMs: number } {
    const start = Math.max(nowMs, this.nextFreeAtMs);
    const finish = this.bytesPerSecond === null ? start : start + (bytes / this.bytesPerSecond) * 1000;
    this.nextFreeAtMs = finish;
    return { deliverAtMs: finish + this.oneWayDelayMs, backlogMs: finish - nowMs };
  }

  /** A cut empties the link's queue. */
  flush(nowMs: number): void {
    this.nextFreeAtMs = nowMs;
  }
}

interface Pending {
  chunk: Buffer;
  deliverAtMs: number;
}

/** One connection's bytes in one direction: queued in order, written to `to` when due. */
class Lane {
  private readonly queue: Pending[] = [];
  private timer: NodeJS.Timeout | undefined;
  private pausedForBacklog = false;
  private pausedForDrain = false;
  private closed = false;

  constructor(
    private readonly from: net.Socket,
    private readonly to: net.Socket,
    private readonly pipe: Pipe,
    private readonly maxBacklogMs: number,
    /** Called with each chunk as it leaves; returns how much of it to write (less at a cut). */
    private readonly onDeliver: (chunk: Buffer) => Buffer,
  ) {
    to.on('drain', () => {
      this.pausedForDrain = false;
      this.updateFlow();
    });
  }

  take(chunk: Buffer): void {
    if (this.closed) return;
    const now = performance.now();
    const { deliverAtMs, backlogMs } = this.pipe.schedule(chunk.length, now);
    this.queue.push({ chunk, deliverAtMs });
    if (backlogMs > this.maxBacklogMs) {
      this.pausedForBacklog = true;
      this.updateFlow();
      setTimeout(
        () => {
          this.pausedForBacklog = false;
          this.updateFlow();
        },
        Math.ceil(backlogMs - this.maxBacklogMs),
      ).unref();
    }
    if (this.queue.length === 1) this.arm();
  }

  /** Bytes taken but not yet delivered. */
  get queuedBytes(): number {
    return this.queue.reduce((sum, pending) => sum + pending.chunk.length, 0);
  }

  /** Ends the lane once what is queued has been delivered (the sender closed its side). */
  endWhenDelivered(): void {
    this.queue.push({ chunk: Buffer.alloc(0), deliverAtMs: this.queue.at(-1)?.deliverAtMs ?? performance.now() });
    if (this.queue.length === 1) this.arm();
  }

  close(): void {
    this.closed = true;
    this.queue.length = 0;
    clearTimeout(this.timer);
  }

  private arm(): void {
    const head = this.queue[0];
    if (!head || this.closed) return;
    this.timer = setTimeout(() => this.deliverDue(), Math.max(0, head.deliverAtMs - performance.now()));
  }

  private deliverDue(): void {
    const now = performance.now();
    while (!this.closed && this.queue.length > 0 && this.queue[0]!.deliverAtMs <= now) {
      const { chunk } = this.queue.shift()!;
      if (chunk.length === 0) {
        this.to.end();
        continue;
      }
      const part = this.onDeliver(chunk);
      if (this.closed) return; // the delivery cut the link: onDeliver wrote the part itself
      if (!this.to.write(part)) this.pausedForDrain = true;
    }
    this.updateFlow();
    this.arm();
  }

  private updateFlow(): void {
    if (this.closed) return;
    if (this.pausedForBacklog || this.pausedForDrain) this.from.pause();
    else this.from.resume();
  }
}

interface Connection {
  client: net.Socket;
  server: net.Socket;
  up: Lane;
  down: Lane;
}

/** Starts a shaping proxy on 127.0.0.1 (a free port unless `listenPort`) in front of `target`. */
export async function startShapingProxy(target: { host: string; port: number }, shape: LinkShape, listenPort = 0): Promise<ShapingProxy> {
  validateShape(shape);
  const oneWayMs = shape.rttMs / 2;
  // What may wait at the link's entry (a router's queue) before the sender is paused: one bandwidth-delay product, at least 64 KiB.
  const queueBytes = Math.max(MIN_QUEUE_BYTES, shape.bytesPerSecond === null ? 0 : (shape.bytesPerSecond * shape.rttMs) / 1000);
  const maxBacklogMs = shape.bytesPerSecond === null ? Number.POSITIVE_INFINITY : (queueBytes / shape.bytesPerSecond) * 1000;
  const upPipe = new Pipe(shape.bytesPerSecond, oneWayMs);
  const downPipe = new Pipe(shape.bytesPerSecond, oneWayMs);
  const live = new Set<Connection>();
  let counters = emptyCounters();
  const firstCutAt = () =>
    shape.cutEveryBytes === null || shape.maxCuts === 0 ? Number.POSITIVE_INFINITY : (shape.firstCutAtBytes ?? shape.cutEveryBytes);
  let nextCutAt = firstCutAt();
  let refuseUntilMs = 0;
  let connectionsEver = 0;

  /** `droppedBytes`: the rest of the chunk the cut fell in, already taken off its queue. */
  const cutAll = (deliveredUpBytes: number, droppedBytes: number) => {
    const now = performance.now();
    const inFlightUpBytes = [...live].reduce((sum, connection) => sum + connection.up.queuedBytes, droppedBytes);
    counters.cuts.push({ atMs: now, deliveredUpBytes, inFlightUpBytes });
    for (const connection of live) destroy(connection);
    upPipe.flush(now);
    downPipe.flush(now);
    refuseUntilMs = now + shape.refuseMs;
  };

  const destroy = (connection: Connection) => {
    if (!live.delete(connection)) return;
    connection.up.close();
    connection.down.close();
    connection.client.resetAndDestroy();
    // The server's side ends after what was written to it (at a cut: the bytes up to the cut).
    connection.server.end();
    setTimeout(() => connection.server.destroy(), SERVER_CLOSE_GRACE_MS).unref();
  };

  // Half-open: a side that ends its writing still gets what the link holds for it.
  const server = net.createServer({ allowHalfOpen: true }, (client) => {
    if (performance.now() < refuseUntilMs) {
      counters.refused++;
      client.resetAndDestroy();
      return;
    }
    counters.connections++;
    const id = ++connectionsEver;
    client.setNoDelay(true);
    const upstream = net.connect({ host: target.host, port: target.port, allowHalfOpen: true });
    upstream.setNoDelay(true);
    const connection: Connection = {
      client,
      server: upstream,
      up: new Lane(client, upstream, upPipe, maxBacklogMs, (chunk) => {
        const before = counters.deliveredUpBytes;
        if (before + chunk.length < nextCutAt) {
          counters.deliveredUpBytes += chunk.length;
          return chunk;
        }
        const part = chunk.subarray(0, nextCutAt - before);
        counters.deliveredUpBytes += part.length;
        upstream.write(part);
        const at = nextCutAt;
        nextCutAt =
          counters.cuts.length + 1 >= (shape.maxCuts ?? Number.POSITIVE_INFINITY) ? Number.POSITIVE_INFINITY : at + shape.cutEveryBytes!;
        cutAll(at, chunk.length - part.length);
        return part;
      }),
      down: new Lane(upstream, client, downPipe, maxBacklogMs, (chunk) => {
        counters.deliveredDownBytes += chunk.length;
        return chunk;
      }),
    };
    live.add(connection);
    client.on('data', (chunk: Buffer) => {
      counters.acceptedUpBytes += chunk.length;
      const atMs = performance.now();
      for (const line of requestLinesIn(chunk)) counters.requests.push({ atMs, connection: id, line });
      connection.up.take(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      const atMs = performance.now();
      for (const line of statusesIn(chunk)) counters.responses.push({ atMs, connection: id, line });
      connection.down.take(chunk);
    });
    client.on('end', () => connection.up.endWhenDelivered());
    upstream.on('end', () => connection.down.endWhenDelivered());
    const gone = () => destroy(connection);
    client.on('error', gone);
    upstream.on('error', gone);
    // The server's side may close while the link still carries its last bytes to the client.
    client.on('close', gone);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listenPort, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    counters: () => structuredClone(counters),
    resetCounters() {
      counters = emptyCounters();
      nextCutAt = firstCutAt();
      upPipe.flush(performance.now());
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const connection of live) destroy(connection);
        server.close(() => resolve());
      }),
  };
}

function emptyCounters(): LinkCounters {
  return {
    acceptedUpBytes: 0,
    deliveredUpBytes: 0,
    deliveredDownBytes: 0,
    connections: 0,
    refused: 0,
    cuts: [],
    requests: [],
    responses: [],
  };
}

function validateShape(shape: LinkShape): void {
  const whole = (v: number | null | undefined, min: number) => v === null || v === undefined || (Number.isInteger(v) && v >= min);
  const rules: [boolean, string][] = [
    [shape.bytesPerSecond === null || shape.bytesPerSecond > 0, 'bytesPerSecond must be positive'],
    [shape.rttMs >= 0, 'rttMs must be 0 or more'],
    [whole(shape.cutEveryBytes, 1), 'cutEveryBytes must be a positive whole number'],
    [whole(shape.maxCuts, 0), 'maxCuts must be a whole number'],
    [whole(shape.firstCutAtBytes, 1), 'firstCutAtBytes must be a positive whole number'],
    [shape.refuseMs >= 0, 'refuseMs must be 0 or more'],
  ];
  const problems = rules.filter(([ok]) => !ok).map(([, problem]) => problem);
  if (problems.length > 0) throw new Error(`Invalid link shape: ${problems.join('; ')}`);
}
