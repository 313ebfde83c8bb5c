/**
 * `npm run bench:proxy -- --target 127.0.0.1:5173 [--listen 8080] [--mbit 100] [--rtt-ms 80]
 * [--cut-every-mib 64] [--refuse-ms 0]`: the shaping proxy on its own, in front of any server on this
 * machine (e.g. `npm start`'s app), to try the product on a slow or cut link by hand. Ctrl+C stops it.
 */
import { parseArgs } from 'node:util';
import { MIB } from './lib/measure.js';
import { startShapingProxy } from './lib/shaping-proxy.js';

const { values } = parseArgs({
  options: {
    target: { type: 'string', default: '' },
    listen: { type: 'string', default: '0' },
    mbit: { type: 'string', default: '100' },
    'rtt-ms': { type: 'string', default: '80' },
    'cut-every-mib': { type: 'string' },
    'refuse-ms': { type: 'string', default: '0' },
  },
});
const target = /^(127\.0\.0\.1|localhost):(\d+)$/.exec(values.target);
if (!target) throw new Error('--target 127.0.0.1:<port> is required (a server on this machine)');
const cutMiB = values['cut-every-mib'] === undefined ? null : Number(values['cut-every-mib']);
// The proxy names any number that makes no link (NaN, negative).
const proxy = await startShapingProxy(
  { host: target[1]!, port: Number(target[2]) },
  {
    bytesPerSecond: (Number(values.mbit) * 1e6) / 8,
    rttMs: Number(values['rtt-ms']),
    cutEveryBytes: cutMiB === null ? null : Math.round(cutMiB * MIB),
    refuseMs: Number(values['refuse-ms']),
  },
  Number(values.listen),
);
console.log(
  `Shaping proxy at ${proxy.url} → ${values.target}: ${values.mbit} Mbit/s, ${values['rtt-ms']} ms RTT${cutMiB ? `, a cut every ${cutMiB} MiB` : ''}`,
);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void proxy.close().then(() => process.exit(0)));
