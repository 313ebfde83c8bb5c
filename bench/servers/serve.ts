import type http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ListeningMessage {
  type: 'listening';
  url: string;
}

/**
 * Runs a server of the benchmark as a child process: listens on a free 127.0.0.1 port, prints
 * where, and exits on SIGTERM/SIGINT or when the harness goes away (its stdin closes).
 */
export async function serveAsChild(server: http.Server): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  const message: ListeningMessage = { type: 'listening', url: `http://127.0.0.1:${port}` };
  console.log(JSON.stringify(message));

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.closeAllConnections();
    server.close(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  process.stdin.resume();
  process.stdin.once('end', stop);
}

export function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}
