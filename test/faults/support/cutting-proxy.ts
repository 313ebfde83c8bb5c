import net from 'node:net';

export interface CuttingProxy {
  url: string;
  /** Connections cut so far. */
  cuts: number;
  close(): Promise<void>;
}

/**
 * A TCP proxy on 127.0.0.1 in front of `target` that cuts each client connection after a random
 * amount of bytes between `minBytes` and `maxBytes` sent upstream, like a flaky uplink.
 */
export async function startCuttingProxy(target: URL, minBytes: number, maxBytes: number): Promise<CuttingProxy> {
  const sockets = new Set<net.Socket>();
  const proxy: CuttingProxy = { url: '', cuts: 0, close: async () => undefined };
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port), target.hostname);
    sockets.add(client).add(upstream);
    const budget = minBytes + Math.floor(Math.random() * (maxBytes - minBytes));
    let sent = 0;
    const cut = () => {
      proxy.cuts += 1;
      client.destroy();
      upstream.destroy();
    };
    client.on('data', (chunk: Buffer) => {
      sent += chunk.length;
      if (sent > budget) return cut();
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    for (const [socket, other] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      socket.on('error', () => other.destroy());
      socket.on('close', () => {
        sockets.delete(socket);
        other.end();
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  proxy.close = async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return proxy;
}
