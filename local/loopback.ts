import net from 'node:net';

/** Whether an address is this machine's loopback (127.0.0.0/8, ::1, localhost). */
export function isLoopbackAddress(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost' || bare.endsWith('.localhost')) return true;
  if (net.isIPv4(bare)) return bare.startsWith('127.');
  return bare === '::1';
}

/** The host part of a Host header ("127.0.0.1:5173" → "127.0.0.1", "[::1]:80" → "::1"). */
export function hostOfHeader(header: string | undefined): string {
  if (!header) return '';
  const ipv6 = /^\[([^\]]+)\]/.exec(header);
  return ipv6 ? ipv6[1]! : header.replace(/:\d+$/, '');
}
