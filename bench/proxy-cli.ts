/**
 * `npm run bench:proxy -- --target 127.0.0.1:5173 [--listen 8080] [--mbit 100] [--rtt-ms 80]
 * [--cut-every-mib 64] [--first-cut-mib 48] [--max-cuts N] [--refuse-ms 0]`: the shaping proxy on its own, in front of
 * any server on this machine (e.g. `npm start`'s app), to try the product on a slow or cut link
 * by hand. Prints each cut; Ctrl+C stops it.
 */
import { parseArgs } from 'node:util';
import { MIB } from './lib/measure.js';
import { startShapingProxy, type LinkShape } from './lib/shaping-proxy.js';

const { values } = parseArgs({
  options: {
    target: { type: 'string' },
    listen: { type: 'string', default: '0' },
    mbit: { type: 'string', default: '100' },
    'rtt-ms': { type: 'string', default: '80' },
    'cut-every-mib': { type: 'string' },
    'first-cut-mib': { type: 'string' },
    'max-cuts': { type: 'string' },
    'refuse-ms': { type: 'string', default: '0' },
  },
});

function numberOption(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value)) throw new Error(`--${name} must be a number, got "${text}"`);
  return value;
}

const target = /^([^:]+):(\d+)$/.exec(values.target ?? '');
if (!target) throw new Error('--target host:port is required (a server on this machine, e.g. 127.0.0.1:5173)');
if (!['127.0.0.1', 'localhost', '::1'].includes(target[1]!))
  throw new Error(`--target must be on this machine (127.0.0.1), got ${target[1]}`);
const cutMiB = numberOption('cut-every-mib', values['cut-every-mib']);
const shape: LinkShape = {
  bytesPerSecond: (numberOption('mbit', values.mbit)! * 1_000_000) / 8,
  rttMs: numberOption('rtt-ms', values['rtt-ms'])!,
  cutEveryBytes: cutMiB === undefined ? null : Math.round(cutMiB * MIB),
  refuseMs: numberOption('refuse-ms', values['refuse-ms'])!,
  ...(values['max-cuts'] === undefined ? {} : { maxCuts: numberOption('max-cuts', values['max-cuts'])! }),
  ...(values['first-cut-mib'] === undefined
    ? {}
    : { firstCutAtBytes: Math.round(numberOption('first-cut-mib', values['first-cut-mib'])! * MIB) }),
};
const proxy = await startShapingProxy({ host: target[1]!, port: Number(target[2]) }, shape, numberOption('listen', values.listen));
console.log(
  `Shaping proxy at ${proxy.url} → ${values.target}: ${values.mbit} Mbit/s, ${shape.rttMs} ms RTT${cutMiB ? `, a cut every ${cutMiB} MiB` : ''}`,
);
let cutsSeen = 0;
const watch = setInterval(() => {
  const { cuts, deliveredUpBytes } = proxy.counters();
  for (; cutsSeen < cuts.length; cutsSeen++)
    console.log(`cut ${cutsSeen + 1} at ${(cuts[cutsSeen]!.deliveredUpBytes / MIB).toFixed(1)} MiB up`);
  process.title = `shaping proxy: ${(deliveredUpBytes / MIB).toFixed(0)} MiB up`;
}, 500);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    clearInterval(watch);
    void proxy.close().then(() => process.exit(0));
  });
}
