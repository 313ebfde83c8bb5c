/** One measurement: a fresh server and a fresh client, each in its own process, then both stopped. */
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_DIR, jsonLine, startNodeChild } from './child.js';
import { onCleanup } from './cleanup.js';
import { MIB } from './config.js';
import type { InputFile } from './input-files.js';
import { probeRss, type RssReading } from './measure-rss.js';
import { GO, type ClientJob, type ContenderId, type ErrorMessage, type ReadyMessage, type ResultMessage } from './protocol.js';
import { startServer, type RunningServer } from './servers/start.js';
import { storedBytes } from './stored-bytes.js';

export interface RunSpec {
  contender: ContenderId;
  /** Which workload (or "sweep") this run belongs to. */
  label: string;
  files: InputFile[];
  concurrency: number;
  chunkSize: number | null;
  warmup: InputFile;
  repetition: number;
  /** Where the server's data directory is created (and removed after the run). */
  tempRoot: string;
}

export interface Measurement {
  contender: ContenderId;
  label: string;
  chunkSize: number | null;
  repetition: number;
  files: number;
  bytes: number;
  elapsedMs: number;
  serverPeakRssBytes?: number;
  clientPeakRssBytes?: number;
  /** RSS when the timed part began (after the warm-up upload). */
  serverRestRssBytes?: number;
  clientRestRssBytes?: number;
}

const WARMUP_TIMEOUT_MS = 120_000;
/** A run that is slower than 2 MiB/s (plus a minute) is abandoned: something is wrong. */
const timeoutFor = (bytes: number) => 60_000 + (bytes / (2 * MIB)) * 1000;

function ifMessage<T extends { type: string }>(...types: T['type'][]): (line: string) => T | undefined {
  const matchers = types.map((type) => jsonLine<T>(type));
  return (line) => matchers.map((match) => match(line)).find((message) => message !== undefined);
}

function failIfError<T extends { type: string }>(message: T | ErrorMessage, what: string): T {
  if (message.type === 'error') throw new Error(`the ${what} client failed: ${(message as ErrorMessage).message}`);
  return message as T;
}

export async function measureOnce(spec: RunSpec): Promise<Measurement> {
  const dataDir = fs.mkdtempSync(path.join(spec.tempRoot, `${spec.contender}-`));
  const removeData = onCleanup(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  try {
    const server = await startServer(spec.contender, dataDir);
    try {
      return await measureAgainst(server, dataDir, spec);
    } finally {
      await server.stop();
    }
  } finally {
    await removeData();
  }
}

/** Starts the client, lets it warm up, then times its upload while sampling both processes' RSS. */
async function measureAgainst(server: RunningServer, dataDir: string, spec: RunSpec): Promise<Measurement> {
  const job: ClientJob = {
    contender: spec.contender,
    endpoint: server.endpoint,
    token: server.token,
    files: spec.files,
    warmup: spec.warmup,
    concurrency: spec.concurrency,
    chunkSize: spec.chunkSize,
  };
  const client = startNodeChild(path.join(PROJECT_DIR, 'bench', 'client', 'main.ts'), { BENCH_JOB: JSON.stringify(job) });
  try {
    const ready = await client.waitForLine(ifMessage<ReadyMessage | ErrorMessage>('ready', 'error'), 'its warm-up', WARMUP_TIMEOUT_MS);
    failIfError(ready, spec.contender);
    const serverProbe = probeRss(server.pid);
    const clientProbe = probeRss(client.pid);
    client.send(GO);
    const bytes = spec.files.reduce((sum, file) => sum + file.size, 0);
    let serverRss: RssReading | undefined;
    let clientRss: RssReading | undefined;
    const outcome = await client
      .waitForLine(ifMessage<ResultMessage | ErrorMessage>('result', 'error'), 'the result', timeoutFor(bytes))
      .finally(() => {
        serverRss = serverProbe.stop();
        clientRss = clientProbe.stop();
      });
    const result = failIfError(outcome, spec.contender);
    const stored = storedBytes(dataDir);
    if (stored < bytes) throw new Error(`${spec.contender} reported success but the server holds ${stored} of ${bytes} bytes`);
    return {
      contender: spec.contender,
      label: spec.label,
      chunkSize: spec.chunkSize,
      repetition: spec.repetition,
      files: spec.files.length,
      bytes: result.bytes,
      elapsedMs: result.elapsedMs,
      serverPeakRssBytes: serverRss?.peakBytes,
      clientPeakRssBytes: maxDefined(clientRss?.peakBytes, result.peakRssBytes),
      serverRestRssBytes: serverRss?.restBytes,
      clientRestRssBytes: clientRss?.restBytes,
    };
  } finally {
    await client.stop();
  }
}

function maxDefined(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.max(a, b);
}
