import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startShapingProxy, type LinkShape, type ShapingProxy } from '../../bench/lib/shaping-proxy.js';

const SHAPED: LinkShape = { bytesPerSecond: 20 * 1024 * 1024, rttMs: 10, cutEveryBytes: null, refuseMs: 0 };

interface Sink {
  port: number;
  /** What each connection received, in the order they were accepted; settled when each closes. */
  received: Promise<Buffer>[];
  close(): Promise<void>;
}

/** A server on 127.0.0.1 that keeps every byte it receives and, with `echo`, sends it back. */
async function startSink(echo: boolean): Promise<Sink> {
  const received: Promise<Buffer>[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer({ allowHalfOpen: true }, (socket) => {
    sockets.add(socket);
    const chunks: Buffer[] = [];
    received.push(
      new Promise((resolve) => {
        socket.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          if (echo) socket.write(chunk);
        });
        socket.on('end', () => socket.end());
        socket.on('error', () => undefined);
        socket.on('close', () => {
          sockets.delete(socket);
          resolve(Buffer.concat(chunks));
        });
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    received,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Connects through the proxy, sends `data` (then half-closes unless told not to); resolves with what came back and how it ended. */
function exchange(port: number, data: Buffer[], halfClose = true): Promise<{ reply: Buffer; error?: string }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let error: string | undefined;
    const socket = net.connect({ host: '127.0.0.1', port, allowHalfOpen: true }, () => {
      for (const part of data) socket.write(part);
      if (halfClose) socket.end();
    });
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (cause: NodeJS.ErrnoException) => (error = cause.code ?? cause.message));
    socket.on('close', () => resolve({ reply: Buffer.concat(chunks), error }));
  });
}

const started: { close(): Promise<void> }[] = [];
async function track<T extends { close(): Promise<void> }>(thing: Promise<T>): Promise<T> {
  const value = await thing;
  started.push(value);
  return value;
}

afterEach(async () => {
  for (const thing of started.splice(0).reverse()) await thing.close();
});

describe('the shaping proxy', () => {
  it('forwards every byte both ways, in order, through a rate-limited and delayed link', async () => {
    const sink = await track(startSink(true));
    const proxy: ShapingProxy = await track(startShapingProxy({ host: '127.0.0.1', port: sink.port }, SHAPED));
    const data = randomBytes(1024 * 1024 + 17);
    const { reply, error } = await exchange(proxy.port, [data.subarray(0, 1000), data.subarray(1000)]);

    expect(error).toBeUndefined();
    expect(reply.equals(data)).toBe(true);
    expect((await sink.received[0]!).equals(data)).toBe(true);
    const counters = proxy.counters();
    expect(counters).toMatchObject({
      acceptedUpBytes: data.length,
      deliveredUpBytes: data.length,
      deliveredDownBytes: data.length,
      cuts: [],
    });
  });

  it('cuts every live connection when the given number of bytes has reached the server, and counts on across connections', async () => {
    const sink = await track(startSink(false));
    const cutEveryBytes = 100_000;
    const proxy = await track(startShapingProxy({ host: '127.0.0.1', port: sink.port }, { ...SHAPED, cutEveryBytes }));

    const first = await exchange(proxy.port, [randomBytes(250_000)], false);
    expect(first.error).toBe('ECONNRESET');
    expect((await sink.received[0]!).length).toBe(cutEveryBytes);

    // 60 kB, then a PATCH: the second cut comes at 200 kB delivered, 40 kB into the PATCH.
    const head = Buffer.from(`HEAD /files/x HTTP/1.1\r\n\r\n${'x'.repeat(60_000 - 26)}`);
    const patch = Buffer.concat([Buffer.from('PATCH /files/x HTTP/1.1\r\n\r\n'), randomBytes(80_000)]);
    const second = await exchange(proxy.port, [head, patch], false);
    expect(second.error).toBe('ECONNRESET');
    expect((await sink.received[1]!).length).toBe(cutEveryBytes);

    const { cuts, deliveredUpBytes, acceptedUpBytes, requests } = proxy.counters();
    // Nothing taken from the clients is unaccounted for: delivered, or lost in flight at a cut.
    expect(acceptedUpBytes).toBe(deliveredUpBytes + cuts[0]!.inFlightUpBytes + cuts[1]!.inFlightUpBytes);
    expect(deliveredUpBytes).toBe(2 * cutEveryBytes);
    expect(cuts.map((cut) => cut.deliveredUpBytes)).toEqual([cutEveryBytes, 2 * cutEveryBytes]);
    // The resumed request is seen after the cut, as the link suite finds it.
    expect(requests.find((request) => request.line.includes('PATCH /files/x') && request.atMs > cuts[0]!.atMs)?.connection).toBe(2);
  });

  it('cuts first where told, stops after the given number of cuts, and starts counting again after a reset', async () => {
    const sink = await track(startSink(true));
    const proxy = await track(
      startShapingProxy({ host: '127.0.0.1', port: sink.port }, { ...SHAPED, cutEveryBytes: 10_000, firstCutAtBytes: 4000, maxCuts: 1 }),
    );
    await exchange(proxy.port, [randomBytes(15_000)], false);
    expect((await sink.received[0]!).length).toBe(4000);
    const data = randomBytes(30_000);
    expect((await exchange(proxy.port, [data])).reply.equals(data)).toBe(true);
    expect(proxy.counters().cuts).toHaveLength(1);

    proxy.resetCounters();
    expect((await exchange(proxy.port, [randomBytes(15_000)], false)).error).toBe('ECONNRESET');
    expect(proxy.counters()).toMatchObject({ deliveredUpBytes: 4000, cuts: [{ deliveredUpBytes: 4000 }] });
  });

  it('notes each request line and each answer status crossing the link, with its connection, not the bytes of a body', async () => {
    const sink = await track(startSink(true));
    const proxy = await track(startShapingProxy({ host: '127.0.0.1', port: sink.port }, SHAPED));
    const body = Buffer.concat([randomBytes(5000), Buffer.from('xHTTP/1.1 200 OK'), randomBytes(5000)]);
    const requests = [
      Buffer.from('POST /files HTTP/1.1\r\nHost: x\r\n\r\n'),
      Buffer.concat([Buffer.from('PATCH /files/abc HTTP/1.1\r\nContent-Length: 10016\r\n\r\n'), body]),
    ];
    await exchange(proxy.port, requests);
    await exchange(proxy.port, [Buffer.from('HTTP/1.1 204 No Content\r\n\r\nHEAD /files/abc HTTP/1.1\r\n\r\n')]);

    const { requests: seen, responses } = proxy.counters();
    expect(seen.map(({ connection, line }) => [connection, line])).toEqual([
      [1, 'POST /files'],
      [1, 'PATCH /files/abc'],
      [2, 'HEAD /files/abc'],
    ]);
    // The sink echoes: only a status at the start of a line counts, not one inside a body.
    expect(responses.map(({ connection, line }) => [connection, line])).toEqual([[2, '204']]);
    expect(seen[0]!.atMs).toBeLessThanOrEqual(seen[1]!.atMs);
  });

  it('refuses new connections for the given time after a cut', async () => {
    const sink = await track(startSink(false));
    const proxy = await track(
      startShapingProxy({ host: '127.0.0.1', port: sink.port }, { ...SHAPED, cutEveryBytes: 10_000, refuseMs: 60_000 }),
    );
    await exchange(proxy.port, [randomBytes(20_000)], false);
    const refused = await exchange(proxy.port, [Buffer.from('hello')]);

    expect(refused.reply.length).toBe(0);
    expect(proxy.counters()).toMatchObject({ connections: 1, refused: 1 });
    expect(sink.received).toHaveLength(1);
  });

  it('names what is wrong with a shape it cannot model', async () => {
    await expect(
      startShapingProxy({ host: '127.0.0.1', port: 9 }, { bytesPerSecond: 0, rttMs: -1, cutEveryBytes: 1.5, refuseMs: 0 }),
    ).rejects.toThrow(/bytesPerSecond must be positive.*rttMs must be 0 or more.*cutEveryBytes must be a positive whole number/);
  });
});
