/**
 * One Node contender through the link: a fresh server, a shaping proxy in front of it, and a
 * fresh client process that reaches the server only through the proxy. The client warms up
 * (through the link, untimed), the proxy's counters are zeroed, then the upload is timed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_DIR, jsonLine, startNodeChild } from '../child.js';
import { onCleanup } from '../cleanup.js';
import { GO, type ClientJob, type ErrorMessage, type ReadyMessage, type ResultMessage } from '../protocol.js';
import { startServer } from '../servers/start.js';
import { storedBytes } from '../stored-bytes.js';
import { startShapingProxy } from './shaping-proxy.js';
import type { LinkRunResult, LinkRunSpec } from './link-run.js';
import { runTimeoutMs } from './link-run.js';

const WARMUP_TIMEOUT_MS = 120_000;
/** tus-js-client's own default retry delays: what a developer gets when they do not set them. */
const TUS_JS_CLIENT_DEFAULT_RETRY_DELAYS = [0, 1000, 3000, 5000];

function ifMessage<T extends { type: string }>(...types: T['type'][]): (line: string) => T | undefined {
  const matchers = types.map((type) => jsonLine<T>(type));
  return (line) => matchers.map((match) => match(line)).find((message) => message !== undefined);
}

export async function runNodeContender(spec: LinkRunSpec): Promise<LinkRunResult> {
  if (spec.contender === 'page') throw new Error('the page runs in Chromium, not in a Node client');
  const contender = spec.contender;
  const dataDir = fs.mkdtempSync(path.join(spec.tempRoot, `link-${contender}-`));
  const removeData = onCleanup(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  try {
    const server = await startServer(contender, dataDir);
    try {
      const target = new URL(server.endpoint);
      const proxy = await startShapingProxy({ host: target.hostname, port: Number(target.port) }, spec.shape);
      const closeProxy = onCleanup(() => proxy.close());
      try {
        const job: ClientJob = {
          contender,
          endpoint: `${proxy.url}${target.pathname === '/' ? '' : target.pathname}`,
          token: server.token,
          files: spec.files,
          warmup: spec.warmup,
          concurrency: spec.concurrency,
          chunkSize: spec.chunkSize,
          ...(contender === 'peer' ? { retryDelays: TUS_JS_CLIENT_DEFAULT_RETRY_DELAYS } : {}),
          ...(contender === 'ours' ? { uploadOrigin: proxy.url } : {}),
        };
        const client = startNodeChild(path.join(PROJECT_DIR, 'bench', 'client', 'main.ts'), { BENCH_JOB: JSON.stringify(job) });
        try {
          const ready = await client.waitForLine(
            ifMessage<ReadyMessage | ErrorMessage>('ready', 'error'),
            'its warm-up',
            WARMUP_TIMEOUT_MS,
          );
          if (ready.type === 'error') throw new Error(`the ${contender} client failed its warm-up: ${ready.message}`);
          proxy.resetCounters();
          client.send(GO);
          const bytes = spec.files.reduce((sum, file) => sum + file.size, 0);
          const outcome = await client.waitForLine(
            ifMessage<ResultMessage | ErrorMessage>('result', 'error'),
            'the result',
            runTimeoutMs(bytes, spec),
          );
          if (outcome.type === 'error') throw new Error(`the ${contender} client failed: ${outcome.message}`);
          const counters = proxy.counters();
          const stored = storedBytes(dataDir);
          if (stored < bytes) throw new Error(`${contender} reported success but the server holds ${stored} of ${bytes} bytes`);
          return { elapsedMs: outcome.elapsedMs, bytes, counters };
        } finally {
          await client.stop();
        }
      } finally {
        await closeProxy();
      }
    } finally {
      await server.stop();
    }
  } finally {
    await removeData();
  }
}
