/**
 * `npm run bench:integrity`: what the md5 check costs the engine in Node: the same file uploaded
 * through the local app with `verifyIntegrity` off and on, interleaved, each a few times; the
 * median throughput of each and their ratio. A benchmark, not a test: the bound is a target.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { DEFAULT_MIME_TYPE, UploadQueue, withMeta } from '../src/upload-engine/index.js';
import { nodeMd5Thread } from '../src/upload-engine/node/node-md5-thread.js';
import { sourceFromPath } from '../src/upload-engine/node/node-source.js';
import { startLocalApp, THIS_APP } from '../local/server.js';
import { DEFAULT_CONFIG } from '../local/emulator/platform/local-wix-config.js';
import { webMethodsBackend } from '../clients/upload-backends.js';
import { PROJECT_DIR } from './child.js';
import { loadAverage } from './machine.js';
import { printTargets, writeResults, type TargetResult } from './targets.js';

const MIB = 1024 * 1024;
const SIZE = Number(process.env.BENCH_INTEGRITY_MIB ?? 1024) * MIB;
const ROUNDS = Number(process.env.BENCH_INTEGRITY_ROUNDS ?? 3);
/** The check may cost at most this share of the throughput. */
const BOUND = 0.05;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rmu-integrity-bench-'));
const file = path.join(dir, 'film.bin');
const out = fs.openSync(file, 'w');
for (let written = 0; written < SIZE; written += 16 * MIB) fs.writeSync(out, randomBytes(Math.min(16 * MIB, SIZE - written)));
fs.closeSync(out);

const app = await startLocalApp(
  { ...DEFAULT_CONFIG, port: 0, dashboard: false, processingDelayMs: 0, dataDir: path.join(dir, 'data') },
  THIS_APP,
);
const token = await app.issueToken('USER');

interface Round {
  miBps: number;
  /** CPU time of the whole process (client, local Wix and their worker threads) over the wall time: cores busy. */
  coresBusy: number;
}

async function uploadOnce(verifyIntegrity: boolean, round: number): Promise<Round> {
  const queue = new UploadQueue({ backend: webMethodsBackend(app.url, token), verifyIntegrity, md5Hashing: nodeMd5Thread() });
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  try {
    const [item] = queue.add(withMeta([sourceFromPath(file, DEFAULT_MIME_TYPE, { name: `film-${round}-${verifyIntegrity}.bin` })]));
    await new Promise<void>((resolve, reject) => {
      const unsubscribe = queue.subscribe((snapshot) => {
        const current = snapshot.items.find((one) => one.id === item!.id);
        if (current?.state === 'processing' || current?.state === 'ready') {
          if (verifyIntegrity && current.verified !== true) reject(new Error('not verified'));
          unsubscribe();
          resolve();
        } else if (current?.state === 'failed') {
          unsubscribe();
          reject(new Error(current.error?.message));
        }
      });
    });
  } finally {
    await queue.dispose();
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  return { miBps: SIZE / MIB / seconds, coresBusy: (cpu.user + cpu.system) / 1e6 / seconds };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const offRounds: Round[] = [];
const onRounds: Round[] = [];
try {
  for (let round = 0; round < ROUNDS; round++) {
    const withoutCheck = await uploadOnce(false, round);
    const withCheck = await uploadOnce(true, round);
    offRounds.push(withoutCheck);
    onRounds.push(withCheck);
    const line = (r: Round) => `${r.miBps.toFixed(0)} MiB/s (${r.coresBusy.toFixed(2)} of ${os.availableParallelism()} cores busy)`;
    console.log(`round ${round + 1}: off ${line(withoutCheck)}, on ${line(withCheck)}`);
  }
} finally {
  await app.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
const off = offRounds.map((round) => round.miBps);
const on = onRounds.map((round) => round.miBps);
const cost = 1 - median(on) / median(off);
console.log(`${SIZE / MIB} MiB, median of ${ROUNDS}: off ${median(off).toFixed(0)} MiB/s, on ${median(on).toFixed(0)} MiB/s`);
const target: TargetResult = {
  id: 'integrity-cost-node',
  description: `the engine in Node through the local app, ${SIZE / MIB} MiB: 1 − (MiB/s with the md5 check ÷ without), medians`,
  measured: `${(cost * 100).toFixed(1)} %`,
  bound: `≤ ${BOUND * 100} %`,
  met: cost <= BOUND,
};
writeResults(
  process.env.BENCH_INTEGRITY_RESULTS ||
    path.join(PROJECT_DIR, 'bench', 'results', `integrity-${SIZE === 1024 * MIB && ROUNDS === 3 ? 'latest' : 'quick'}.json`),
  {
    finishedAt: new Date().toISOString(),
    bytes: SIZE,
    rounds: ROUNDS,
    offMiBps: off,
    onMiBps: on,
    offCoresBusy: offRounds.map((round) => round.coresBusy),
    onCoresBusy: onRounds.map((round) => round.coresBusy),
    loadAtEnd: loadAverage(),
    targets: [target],
  },
);
printTargets([target]);
