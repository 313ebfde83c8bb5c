/**
 * `npm run bench:node`: the local Wix, a tool for developers, on 127.0.0.1: how fast files get from
 * this machine's disk into it, and with how much memory, against a bare @tus/server (peer) and a
 * bare HTTP sink (raw, what this machine allows). Each run starts a fresh server and a fresh client
 * process; the client uploads a warm-up file, then is timed while both processes' RSS is sampled.
 * Contenders are interleaved in each repetition (BENCH_REPEAT, 2).
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
import { NODE_CONTENDERS, type ClientJob, type NodeContender } from '../lib/node-clients.js';
import { checked, notChecked, table } from '../lib/targets.js';

const REPEAT = envNumber('BENCH_REPEAT', 2, Number.isInteger, 'a whole number ≥ 1');
const SERVER_PATHS: Partial<Record<NodeContender, string>> = { raw: '/put', peer: '/files' };

interface Workload {
  id: 'large' | 'small' | 'mixed';
  title: string;
  files: InputFile[];
  concurrency: number;
}

interface Measurement {
  workload: Workload['id'];
  contender: NodeContender;
  seconds: number;
  bytes: number;
  serverPeakMiB?: number;
  clientPeakMiB?: number;
}

/** The contender's server: raw or peer (bench/lib/servers.ts), or the local app; its endpoint for the client. */
async function startServer(contender: NodeContender, dataDir: string) {
  const serverPath = SERVER_PATHS[contender];
  if (!serverPath) {
    const app = await startApp(dataDir);
    return { pid: app.pid, endpoint: app.origin, token: app.ownerToken, stop: app.stop };
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const removeData = onCleanup(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const child = startNodeChild(path.join(PROJECT_DIR, 'bench', 'lib', 'servers.ts'), { BENCH_SERVER: contender, BENCH_DATA_DIR: dataDir });
  const { url } = await child.waitForLine(jsonLine<{ type: 'listening'; url: string }>('listening'), 'listening', 60_000);
  return {
    pid: child.pid,
    endpoint: `${url}${serverPath}`,
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
      const [serverPeak, clientPeak] = [serverRss.stop()?.peakBytes, clientRss.stop()?.peakBytes];
      if (result.type === 'error') throw new Error(`${contender}: ${result.message}`);
      const stored = storedBytes(dataDir);
      if (stored < bytes) throw new Error(`${contender} reported success but the server holds ${stored} of ${bytes} bytes`);
      const mib = (value: number | undefined) => (value === undefined ? undefined : value / MIB);
      return {
        workload: workload.id,
        contender,
        seconds: (result.elapsedMs ?? Number.NaN) / 1000,
        bytes,
        serverPeakMiB: mib(serverPeak),
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
  const big = Math.round((GIB / 2) * SCALE);
  const bigFiles = writeRandomFiles(input, 'big', 4, big);
  const eight = writeRandomFiles(input, 'eight', 32, Math.round(8 * MIB * SCALE));
  const workloads: Workload[] = [
    {
      id: 'large',
      title: `1 file of ${formatSize(Math.round(GIB * SCALE))}`,
      files: [writeRandomFile(input, 'large.bin', Math.round(GIB * SCALE))],
      concurrency: 1,
    },
    {
      id: 'small',
      title: `${Math.max(5, Math.round(200 * SCALE))} files of 1 MiB, one at a time`,
      files: writeRandomFiles(input, 'small', Math.max(5, Math.round(200 * SCALE)), MIB),
      concurrency: 1,
    },
    {
      id: 'mixed',
      title: `32 × ${formatSize(eight[0]!.size)} + 4 × ${formatSize(big)}, all at once`,
      files: [...eight, ...bigFiles],
      concurrency: 36,
    },
  ];
  const warmup = writeRandomFile(input, 'warmup.bin', 256 * 1024);

  const measurements: Measurement[] = [];
  for (let repetition = 1; repetition <= REPEAT; repetition++) {
    for (const workload of workloads) {
      for (const contender of NODE_CONTENDERS) {
        const m = await measure(contender, workload, warmup, tempDir);
        measurements.push(m);
        console.log(
          `[${repetition}/${REPEAT}] ${workload.id} ${contender}: ${(m.bytes / MIB / m.seconds).toFixed(1)} MiB/s, server ${m.serverPeakMiB?.toFixed(0)} MiB, client ${m.clientPeakMiB?.toFixed(0)} MiB`,
        );
      }
    }
  }

  const of = (workload: Workload['id'], contender: NodeContender) =>
    measurements.filter((m) => m.workload === workload && m.contender === contender);
  const rate = (workload: Workload['id'], contender: NodeContender) =>
    spread(of(workload, contender).map((m) => m.bytes / MIB / m.seconds));
  const perFileMs = (contender: NodeContender) =>
    (spread(of('small', contender).map((m) => m.seconds)).median * 1000) / workloads[1]!.files.length -
    1000 / rate('large', contender).median;
  const share = rate('large', 'seed').median / rate('large', 'peer').median;
  const mixedPeak = Math.max(...of('mixed', 'ours').map((m) => m.serverPeakMiB ?? Number.NaN));
  const wixSpec = {
    id: 'wix-vs-peer-loopback',
    level: 'development' as const,
    description: `the local Wix against a bare @tus/server, the seed's tus-js-client on both, ${workloads[0]!.title} on 127.0.0.1 (median MiB/s)`,
    bound: '≥ 0.8',
  };
  const targets = [
    Number.isFinite(share)
      ? checked(
          wixSpec,
          `${share.toFixed(2)} × peer`,
          share >= 0.8,
          `local Wix ${rate('large', 'seed').median.toFixed(0)} MiB/s (its session, md5 of every byte on its worker, and finalize) against peer ${rate('large', 'peer').median.toFixed(0)} MiB/s; raw ${rate('large', 'raw').median.toFixed(0)} MiB/s`,
        )
      : notChecked(wixSpec, 'a contender did not run'),
    checked(
      {
        id: 'wix-peak-rss-mixed',
        level: 'development',
        description: "the local Wix's peak RSS under 32 small and 4 large uploads at once from the engine (worst run)",
        bound: '≤ 250 MiB',
      },
      `${mixedPeak.toFixed(0)} MiB`,
      mixedPeak <= 250,
      `peer's server peaks at ${spreadText(spread(of('mixed', 'peer').map((m) => m.serverPeakMiB ?? Number.NaN)), 0)} MiB under the same load`,
    ),
  ];
  const rows = workloads.flatMap((w) =>
    NODE_CONTENDERS.map((c) => [
      w.title,
      c,
      spreadText(rate(w.id, c), 0),
      w.id === 'small' ? perFileMs(c).toFixed(1) : '',
      spreadText(spread(of(w.id, c).map((m) => m.serverPeakMiB ?? Number.NaN)), 0),
      spreadText(spread(of(w.id, c).map((m) => m.clientPeakMiB ?? Number.NaN)), 0),
    ]),
  );
  return {
    targets,
    tables: [
      `127.0.0.1, ${REPEAT} repetitions interleaved (raw, peer, seed, ours); seed: the seed's flow on the local Wix; ours: the upload engine to READY.`,
      table(
        ['workload', 'contender', 'MiB/s, median (min–max)', 'per-file overhead, ms', 'server peak RSS, MiB', 'client peak RSS, MiB'],
        rows,
      ),
    ],
    details: { measurements },
  };
});
