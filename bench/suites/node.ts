/**
 * `npm run bench:node`: the local Wix, a tool for developers, on 127.0.0.1: how fast files get from
 * this machine's disk into it, and with how much memory, against a bare @tus/server (peer). Each run starts a fresh server and a fresh client
 * process; the client uploads a warm-up file, then is timed while both processes' RSS is sampled.
 * Contenders are interleaved in each repetition (BENCH_REPEAT, 2); each workload runs the contenders its target compares.
 */
import fs from 'node:fs';
import path from 'node:path';
import { startApp } from '../lib/app.js';
import type { ClientMessage } from '../lib/client-child.js';
import { envNumber, jsonLine, onCleanup, PROJECT_DIR, runSuite, SCALE, startNodeChild } from '../lib/harness.js';
import {
  formatSize,
  GIB,
  MIB,
  probeRss,
  spread,
  spreadText,
  storedBytes,
  writeRandomFile,
  writeRandomFiles,
  type InputFile,
} from '../lib/measure.js';
import type { ClientJob, NodeContender } from '../lib/node-clients.js';
import { checked, notChecked, table, spec } from '../lib/targets.js';

const REPEAT = envNumber('BENCH_REPEAT', 2, Number.isInteger, 'a whole number ≥ 1');

interface Workload {
  id: 'large' | 'mixed';
  title: string;
  files: InputFile[];
  concurrency: number;
  contenders: NodeContender[];
}

interface Measurement {
  workload: Workload['id'];
  contender: NodeContender;
  seconds: number;
  bytes: number;
  serverPeakMiB?: number;
  serverRestMiB?: number;
  clientPeakMiB?: number;
}

/** The contender's server: peer (bench/lib/servers.ts), or the local app; its endpoint for the client. */
async function startServer(contender: NodeContender, dataDir: string) {
  if (contender !== 'peer') {
    const app = await startApp(dataDir);
    return { pid: app.pid, endpoint: app.origin, token: app.ownerToken, stop: app.stop };
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const removeData = onCleanup(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const child = startNodeChild(path.join(PROJECT_DIR, 'bench', 'lib', 'servers.ts'), { BENCH_DATA_DIR: dataDir });
  const { url } = await child.waitForLine(jsonLine<{ type: 'listening'; url: string }>('listening'), 'listening', 60_000);
  return {
    pid: child.pid,
    endpoint: url,
    token: undefined,
    stop: async () => {
      await child.stop();
      await removeData();
    },
  };
}

async function measure(contender: NodeContender, workload: Workload, warmup: InputFile, tempDir: string): Promise<Measurement> {
  const dataDir = fs.mkdtempSync(path.join(tempDir, `${contender}-`));
  const server = await startServer(contender, dataDir);
  try {
    const job: ClientJob = {
      contender,
      endpoint: server.endpoint,
      token: server.token,
      files: workload.files,
      concurrency: workload.concurrency,
      warmup,
    };
    const client = startNodeChild(path.join(PROJECT_DIR, 'bench', 'lib', 'client-child.ts'), { BENCH_JOB: JSON.stringify(job) });
    try {
      const ready = await client.waitForLine(jsonLine<ClientMessage>('ready', 'error'), 'its warm-up', 120_000);
      if (ready.type === 'error') throw new Error(`${contender}: ${ready.message}`);
      const [serverRss, clientRss] = [probeRss(server.pid), probeRss(client.pid)];
      client.send('go');
      const bytes = workload.files.reduce((sum, file) => sum + file.size, 0);
      const result = await client.waitForLine(
        jsonLine<ClientMessage>('result', 'error'),
        'the result',
        60_000 + (bytes / (2 * MIB)) * 1000,
      );
      const [serverReading, clientPeak] = [serverRss.stop(), clientRss.stop()?.peakBytes];
      if (result.type === 'error') throw new Error(`${contender}: ${result.message}`);
      const stored = storedBytes(dataDir);
      if (stored < bytes) throw new Error(`${contender} reported success but the server holds ${stored} of ${bytes} bytes`);
      const mib = (value: number | undefined) => (value === undefined ? undefined : value / MIB);
      return {
        workload: workload.id,
        contender,
        seconds: (result.elapsedMs ?? Number.NaN) / 1000,
        bytes,
        serverPeakMiB: mib(serverReading?.peakBytes),
        serverRestMiB: mib(serverReading?.restBytes),
        clientPeakMiB: mib(Math.max(clientPeak ?? 0, result.peakRssBytes ?? 0) || undefined),
      };
    } finally {
      await client.stop();
    }
  } finally {
    await server.stop();
  }
}

runSuite('node', async ({ tempDir }) => {
  const input = path.join(tempDir, 'input');
  const big = Math.round((GIB / 4) * SCALE);
  const workloads: Workload[] = [
    {
      id: 'large',
      title: `1 file of ${formatSize(Math.round((GIB / 2) * SCALE))}`,
      files: [writeRandomFile(input, 'large.bin', Math.round((GIB / 2) * SCALE))],
      concurrency: 1,
      contenders: ['peer', 'seed'],
    },
    {
      id: 'mixed',
      title: `32 × ${formatSize(Math.round(8 * MIB * SCALE))} + 4 × ${formatSize(big)}, all at once`,
      files: [...writeRandomFiles(input, 'eight', 32, Math.round(8 * MIB * SCALE)), ...writeRandomFiles(input, 'big', 4, big)],
      concurrency: 36,
      contenders: ['ours'],
    },
  ];
  const warmup = writeRandomFile(input, 'warmup.bin', 256 * 1024);

  const measurements: Measurement[] = [];
  for (let repetition = 1; repetition <= REPEAT; repetition++) {
    for (const workload of workloads) {
      for (const contender of workload.contenders) {
        const m = await measure(contender, workload, warmup, tempDir);
        measurements.push(m);
        console.log(
          `[${repetition}/${REPEAT}] ${workload.id} ${contender}: ${(m.bytes / MIB / m.seconds).toFixed(1)} MiB/s, server ${m.serverPeakMiB?.toFixed(0)} MiB (at rest ${m.serverRestMiB?.toFixed(0)}), client ${m.clientPeakMiB?.toFixed(0)} MiB`,
        );
      }
    }
  }

  const of = (workload: Workload['id'], contender: NodeContender) =>
    measurements.filter((m) => m.workload === workload && m.contender === contender);
  const rate = (workload: Workload['id'], contender: NodeContender) =>
    spread(of(workload, contender).map((m) => m.bytes / MIB / m.seconds));
  const share = rate('large', 'seed').median / rate('large', 'peer').median;
  const mixed = of('mixed', 'ours');
  const mixedPeak = Math.max(...mixed.map((m) => m.serverPeakMiB ?? Number.NaN));
  const wixSpec = spec(
    'wix-vs-peer-loopback',
    `the local Wix against a bare @tus/server, the seed's tus-js-client on both, ${workloads[0]!.title} on 127.0.0.1 (median MiB/s)`,
    '≥ 0.8',
    'development',
  );
  const targets = [
    Number.isFinite(share)
      ? checked(
          wixSpec,
          `${share.toFixed(2)} × peer`,
          share >= 0.8,
          `local Wix ${rate('large', 'seed').median.toFixed(0)} MiB/s (its session, md5 of every byte on its worker, and finalize) against peer ${rate('large', 'peer').median.toFixed(0)} MiB/s`,
        )
      : notChecked(wixSpec, 'a contender did not run'),
    checked(
      spec(
        'wix-peak-rss-mixed',
        "the local Wix's peak RSS under 32 small and 4 large uploads at once from the engine (worst run)",
        '≤ 250 MiB',
        'development',
      ),
      `${mixedPeak.toFixed(0)} MiB`,
      mixedPeak <= 250,
      `at rest (warmed up, before the uploads) ${spreadText(spread(mixed.map((m) => m.serverRestMiB ?? Number.NaN)), 0)} MiB`,
    ),
  ];
  const rows = workloads.flatMap((w) =>
    w.contenders.map((c) => [
      w.title,
      c,
      spreadText(rate(w.id, c), 0),
      spreadText(spread(of(w.id, c).map((m) => m.serverPeakMiB ?? Number.NaN)), 0),
      spreadText(spread(of(w.id, c).map((m) => m.clientPeakMiB ?? Number.NaN)), 0),
    ]),
  );
  return {
    targets,
    tables: [
      `127.0.0.1, ${REPEAT} repetitions interleaved; peer: bare @tus/server; seed: the seed's flow on the local Wix; ours: the upload engine to READY.`,
      table(['workload', 'contender', 'MiB/s, median (min–max)', 'server peak RSS, MiB', 'client peak RSS, MiB'], rows),
    ],
  };
});
