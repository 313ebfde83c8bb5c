/**
 * `npm run bench:link`: the product where people feel it, through the shaping proxy (100 Mbit/s,
 * 80 ms round trip) to one local app, against the seed (Wix's own resumable-upload example) in the
 * same Chromium and in Node: one 256 MiB file (the page, the widget, the command line), 50 files of
 * 4 MiB (the page against the seed one file after another), the first byte after the click, a
 * reload and a re-pick, and a 20 Mbit/s, 150 ms link cut every 64 MiB. Contenders are interleaved
 * in each repetition (BENCH_REPEAT, 3); the targets compare medians. BENCH_LINK_CONTENDERS (e.g.
 * "cli,seed-node") runs only the contenders it names, and only the workloads they take part in: the
 * targets of the others are "not checked". See docs/BENCHMARKS.md.
 */
import path from 'node:path';
import { DEFAULT_RETRY_DELAYS } from '../../src/upload-engine/node/index.js';
import { VISITOR_UPLOADS_WEB_MODULE } from '../../clients/web-methods.js';
import { callWebMethod, startApp } from '../lib/app.js';
import { envNumber, runSuite, SCALE } from '../lib/harness.js';
import { formatSize, MIB, spread, writeRandomFile, writeRandomFiles, type InputFile } from '../lib/measure.js';
import type { HeadSeen, LinkShape } from '../lib/shaping-proxy.js';
import { checked, notChecked, spec, table, type TargetResult, type TargetSpec } from '../lib/targets.js';
import {
  cliRun,
  openLink,
  pageRun,
  reloadRun,
  seedChromiumRun,
  seedNodeRun,
  widgetRun,
  type Contender,
  type Link,
  type LinkRun,
  type ReloadResult,
} from './link-contenders.js';

const LINK_100M: LinkShape = { bytesPerSecond: 100e6 / 8, rttMs: 80, cutEveryBytes: null, refuseMs: 0 };
const CUT_EVERY = Math.round(64 * MIB * SCALE);
const LINK_20M_CUT: LinkShape = { bytesPerSecond: 20e6 / 8, rttMs: 150, cutEveryBytes: CUT_EVERY, refuseMs: 0 };
const HEADERS_PER_CUT = 4096;
const REPEAT = envNumber('BENCH_REPEAT', 3, Number.isInteger, 'a whole number ≥ 1');
const ALL_CONTENDERS: readonly Contender[] = ['page', 'seed-chromium', 'widget', 'cli', 'seed-node'];

/** BENCH_LINK_CONTENDERS: the contenders to run (comma-separated), every one when unset. */
function chosenContenders(): ReadonlySet<Contender> {
  const text = process.env.BENCH_LINK_CONTENDERS?.trim();
  if (!text) return new Set(ALL_CONTENDERS);
  const names = text.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !(ALL_CONTENDERS as readonly string[]).includes(name));
  if (unknown.length > 0) throw new Error(`BENCH_LINK_CONTENDERS names ${unknown.join(', ')}: it takes ${ALL_CONTENDERS.join(', ')}`);
  return new Set(names as Contender[]);
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
const medianOf = (values: readonly number[]) => spread(values).median;
const ms = (value: number) => `${value.toFixed(0)} ms`;
const s = (millis: number) => `${(millis / 1000).toFixed(2)} s`;

/** The answer to each request crossing the link (answers come in order on a connection). */
function answersOf(requests: readonly HeadSeen[], responses: readonly HeadSeen[]): Map<HeadSeen, HeadSeen> {
  const answered = new Map<HeadSeen, HeadSeen>();
  for (const connection of new Set(requests.map((r) => r.connection))) {
    const answers = responses.filter((r) => r.connection === connection);
    for (const [i, request] of requests.filter((r) => r.connection === connection).entries()) {
      if (answers[i]) answered.set(request, answers[i]);
    }
  }
  return answered;
}

/** Where a run's time went: before its first file byte, its bytes (first PATCH → last PATCH answered), after them. */
function phasesOf(run: LinkRun) {
  const { requests, responses } = run.counters;
  const patches = requests.filter((r) => r.line.startsWith('PATCH'));
  const lastAnswered = answersOf(requests, responses).get(patches.at(-1)!)?.atMs ?? Number.NaN;
  return {
    beforeMs: (patches[0]?.atMs ?? Number.NaN) - run.startAt,
    bytesMs: lastAnswered - (patches[0]?.atMs ?? Number.NaN),
    afterMs: run.endAt - lastAnswered,
    patches: patches.length,
  };
}

function whereTimeWent(runs: LinkRun[], name: string): string {
  const phases = runs.map(phasesOf);
  const of = (pick: (p: ReturnType<typeof phasesOf>) => number) => medianOf(phases.map(pick));
  return `${name} ${s(medianOf(runs.map((r) => r.ms)))} = ${ms(of((p) => p.beforeMs))} before the first byte + ${s(of((p) => p.bytesMs))} of bytes in ${of((p) => p.patches)} requests + ${ms(of((p) => p.afterMs))} after the last`;
}

/** `ours` against `seed`: the seed's median time ÷ ours (a throughput ratio), ≥ `bound`. */
function versus(spec: TargetSpec, ours: LinkRun[], seed: LinkRun[], bound: number, extra?: { text: string; met: boolean }): TargetResult {
  if (ours.length === 0 || seed.length === 0) return notChecked(spec, 'a contender did not run');
  const ratio = medianOf(seed.map((r) => r.ms)) / medianOf(ours.map((r) => r.ms));
  const met = ratio >= bound && (extra?.met ?? true);
  const measured = `${ratio.toFixed(3)} × the seed${extra ? `; ${extra.text}` : ''}`;
  return checked(spec, measured, met, `${whereTimeWent(ours, ours[0]!.contender)}; ${whereTimeWent(seed, seed[0]!.contender)} (medians)`);
}

/** A target whose contender ran, or the same target "not checked" (BENCH_LINK_CONTENDERS left its contender out). */
function ifRan(ran: boolean, target: () => TargetResult): TargetResult {
  const result = target();
  return ran ? result : notChecked(result, 'its contender was not run (BENCH_LINK_CONTENDERS)');
}

interface CutResult {
  runs: LinkRun[];
  baseline: LinkRun;
  file: InputFile;
}

/** The page on the cut link, and the same file uncut on the fast link: what the cuts made it send twice. */
async function cutRun(link: Link, fast: Link, file: InputFile): Promise<CutResult> {
  const baseline = await pageRun(fast, [file]);
  const run = await pageRun(link, [file]);
  return { runs: [run], baseline, file };
}

function cutTarget(cut: CutResult | undefined): TargetResult {
  const rtt = LINK_20M_CUT.rttMs;
  const resumeBound = (DEFAULT_RETRY_DELAYS[0] ?? 0) + 2 * rtt;
  const target = spec(
    'link-20m-cut-resume-page',
    `the page on a 20 Mbit/s, ${rtt} ms link cut every ${formatSize(CUT_EVERY)}: each cut → the resumed request's first byte, and the bytes sent twice`,
    `≤ ${resumeBound} ms (first retry delay + 2 RTT); sent twice ≤ in flight + 4 KiB per cut`,
  );
  const run = cut?.runs[0];
  if (!cut || !run || run.counters.cuts.length === 0) return notChecked(target, 'no cut fell inside the file');
  const { cuts, requests, responses } = run.counters;
  const answers = answersOf(requests, responses);
  // The resumed request: the first PATCH after the cut that the server did not refuse (a browser may first send the cut
  // one again, refused with 409). It may be cut in turn: a request carries the rest of the file.
  const resumedAt = cuts.map(
    (c) => requests.find((r) => r.atMs > c.atMs && r.line.startsWith('PATCH') && answers.get(r)?.line !== '409')?.atMs,
  );
  const resumes = cuts.map((c, i) => (resumedAt[i] ?? Number.POSITIVE_INFINITY) - c.atMs);
  const twice = run.counters.acceptedUpBytes - cut.baseline.counters.acceptedUpBytes;
  const inFlight = sum(cuts.map((c) => c.inFlightUpBytes));
  const allowed = inFlight + HEADERS_PER_CUT * cuts.length;
  const worst = Math.max(...resumes);
  const afterCuts = cuts.map((c, i) =>
    [...requests.map((r) => ({ at: r.atMs, what: r.line.split(' ')[0] })), ...responses.map((r) => ({ at: r.atMs, what: `→ ${r.line}` }))]
      .filter((e) => e.at > c.atMs && e.at <= (resumedAt[i] ?? Number.POSITIVE_INFINITY))
      .sort((a, b) => a.at - b.at)
      .map((e) => `${e.what} +${ms(e.at - c.atMs)}`)
      .join(', '),
  );
  return checked(
    target,
    `worst ${ms(worst)} (${resumes.map(ms).join(', ')}); sent twice ${(twice / MIB).toFixed(2)} MiB of ${(allowed / MIB).toFixed(2)} allowed`,
    worst <= resumeBound && twice <= allowed,
    `after each cut, until the resumed PATCH: ${afterCuts.join(' | ')}; ${(inFlight / MIB).toFixed(2)} MiB in flight at the cuts`,
  );
}

runSuite('link', async ({ tempDir }) => {
  const app = await startApp(path.join(tempDir, 'app'), { DASHBOARD: 'on' });
  const rules = {
    enabled: true,
    audience: 'ANYONE',
    allowedTypes: [],
    maxFileSizeBytes: 2 * 1024 ** 3,
    maxFilesPerSubmission: 10,
    maxFilesPerVisitorPerDay: 1000,
    maxFilesPerDay: 10_000,
  };
  await callWebMethod(app.origin, app.ownerToken, VISITOR_UPLOADS_WEB_MODULE, 'saveVisitorUploadRules', [rules]);
  const input = path.join(tempDir, 'input');
  const large = writeRandomFile(input, 'large.bin', Math.round(256 * MIB * SCALE));
  const small = writeRandomFiles(input, 'small', Math.max(5, Math.round(50 * SCALE)), 4 * MIB);
  const warmup = writeRandomFile(input, 'warmup.bin', 256 * 1024);
  const cutFile = writeRandomFile(input, 'cut.bin', Math.round(160 * MIB * SCALE));
  const reloadFile = writeRandomFile(input, 'reload.bin', Math.max(32 * MIB, Math.round(96 * MIB * SCALE)));
  const link = await openLink(app, LINK_100M);
  const chosen = chosenContenders();
  const withPage = chosen.has('page');
  const withSmall = withPage && chosen.has('seed-chromium');

  const everyLargeRun: Record<Contender, (files: InputFile[]) => Promise<LinkRun>> = {
    page: (files) => pageRun(link, files),
    'seed-chromium': (files) => seedChromiumRun(link, files),
    widget: (files) => widgetRun(link, files),
    cli: (files) => cliRun(link, files, tempDir),
    'seed-node': (files) => seedNodeRun(link, files),
  };
  const largeRuns = Object.entries(everyLargeRun).filter(([contender]) => chosen.has(contender as Contender));
  console.log('Warming up every contender through the link (not timed)…');
  for (const [, run] of largeRuns) await run([warmup]);

  const runs: { workload: 'large' | 'small'; run: LinkRun }[] = [];
  const reloads: ReloadResult[] = [];
  for (let repetition = 1; repetition <= REPEAT; repetition++) {
    for (const [contender, run] of largeRuns) {
      const result = await run([large]);
      runs.push({ workload: 'large', run: result });
      console.log(`[${repetition}/${REPEAT}] ${formatSize(large.size)} ${contender}: ${s(result.ms)}`);
    }
    for (const [contender, run] of withSmall
      ? ([
          ['page', pageRun],
          ['seed-chromium', seedChromiumRun],
        ] as const)
      : []) {
      const result = await run(link, small);
      runs.push({ workload: 'small', run: result });
      console.log(`[${repetition}/${REPEAT}] ${small.length} × 4 MiB ${contender}: ${s(result.ms)}`);
    }
    if (!withPage) continue;
    reloads.push(await reloadRun(link, reloadFile));
    console.log(`[${repetition}/${REPEAT}] reload and re-pick: ${JSON.stringify(reloads.at(-1))}`);
  }
  let cut: CutResult | undefined;
  if (withPage) {
    const cutLink = await openLink(app, { ...LINK_20M_CUT, firstCutAtBytes: CUT_EVERY, maxCuts: Math.ceil(cutFile.size / CUT_EVERY) - 1 });
    cut = await cutRun(cutLink, link, cutFile);
    console.log(`cut link: ${JSON.stringify(cut.runs[0]!.counters.cuts)}`);
  }

  const of = (workload: string, contender: Contender) =>
    runs.filter((r) => r.workload === workload && r.run.contender === contender).map((r) => r.run);
  const firstBytes = of('large', 'page').map(
    (run) => (run.counters.requests.find((r) => r.line.startsWith('PATCH'))?.atMs ?? Number.NaN) - run.startAt,
  );
  const cli = of('large', 'cli');
  const cliRss = Math.max(...cli.map((r) => r.peakRssBytes ?? Number.NaN)) / MIB;
  const cliStartRss = Math.max(...cli.map((r) => r.startRssBytes ?? Number.NaN)) / MIB;
  const cliStart = Math.max(...cli.map((r) => r.processToFirstByteMs ?? Number.NaN));
  const reloadMs = reloads.map((r) => r.stagingMs + r.clickToByteMs);
  const readAgain = Math.max(...reloads.map((r) => r.hashedAgainBytes + r.sentAgainBytes));
  const rtt = LINK_100M.rttMs;
  const size = formatSize(large.size);
  const targets: TargetResult[] = [
    versus(
      spec(
        'link-100m-256mib-page-vs-seed',
        `the page, one ${size} file over 100 Mbit/s and ${rtt} ms, against the seed in the same Chromium`,
        '≥ 0.99',
      ),
      of('large', 'page'),
      of('large', 'seed-chromium'),
      0.99,
    ),
    versus(
      spec('link-100m-50x4mib-page-vs-seed', `the page, ${small.length} files of 4 MiB, against the seed one file after another`, '≥ 1.5'),
      of('small', 'page'),
      of('small', 'seed-chromium'),
      1.5,
    ),
    ifRan(cut !== undefined, () => cutTarget(cut)),
    ifRan(firstBytes.length > 0, () =>
      checked(
        spec(
          'link-100m-first-byte-page',
          'the page: the click on Upload → the first byte of file data on the link (worst run)',
          `≤ ${3 * rtt + 150} ms`,
        ),
        `${ms(Math.max(...firstBytes))} (median ${ms(medianOf(firstBytes))})`,
        Math.max(...firstBytes) <= 3 * rtt + 150,
        `the requests up to it: ${of('large', 'page')[0]
          ?.counters.requests.slice(0, 1 + (of('large', 'page')[0]?.counters.requests.findIndex((r) => r.line.startsWith('PATCH')) ?? 0))
          .map((r) => r.line.slice(0, 48))
          .join(' → ')}; ${whereTimeWent(of('large', 'page'), 'page')}`,
      ),
    ),
    ifRan(reloads.length > 0, () =>
      checked(
        spec(
          'link-100m-reload-resume-page',
          "the page after a reload: the re-picked file's staging + the click → the first resumed byte (worst run); bytes the server held read again",
          `≤ ${2 * rtt + 200} ms; 0 bytes read again`,
        ),
        `${ms(Math.max(...reloadMs))} (median ${ms(medianOf(reloadMs))}); ${readAgain} bytes read again`,
        Math.max(...reloadMs) <= 2 * rtt + 200 && readAgain === 0,
        reloads
          .map(
            (r) =>
              `staging ${ms(r.stagingMs)} + click → byte ${ms(r.clickToByteMs)}, md5 behind the server by ${r.hashedAgainBytes} B, sent again ${r.sentAgainBytes} B`,
          )
          .join('; '),
      ),
    ),
    versus(
      spec('widget-link-100m-256mib-vs-seed', `the site widget, one ${size} file, against the seed in the same Chromium`, '≥ 0.99'),
      of('large', 'widget'),
      of('large', 'seed-chromium'),
      0.99,
    ),
    versus(
      spec(
        'cli-link-100m-256mib-vs-seed-node',
        `the command line, one ${size} file, against the seed in Node; its peak RSS; its start → the first byte`,
        '≥ 0.99; ≤ 150 MiB; ≤ 1 s',
      ),
      cli,
      of('large', 'seed-node'),
      0.99,
      {
        text: `RSS ${cliRss.toFixed(0)} MiB (${cliStartRss.toFixed(0)} MiB before its first byte); start → first byte ${ms(cliStart)}`,
        met: cliRss <= 150 && cliStart <= 1000,
      },
    ),
  ];
  const row = (workload: 'large' | 'small', contender: Contender) => {
    const these = of(workload, contender);
    const phases = these.map(phasesOf);
    const seconds = spread(these.map((r) => r.ms / 1000));
    const bytes = workload === 'large' ? large.size : small.length * 4 * MIB;
    return [
      workload === 'large' ? `1 × ${size}` : `${small.length} × 4 MiB`,
      contender,
      `${seconds.median.toFixed(2)} (${seconds.min.toFixed(2)}–${seconds.max.toFixed(2)})`,
      (bytes / (LINK_100M.bytesPerSecond! * seconds.median)).toFixed(3),
      ms(medianOf(phases.map((p) => p.beforeMs))),
      String(medianOf(phases.map((p) => p.patches))),
      ms(medianOf(phases.map((p) => p.afterMs))),
    ];
  };
  const contenders = largeRuns.map(([contender]) => contender as Contender);
  return {
    targets,
    tables: [
      `Link: 100 Mbit/s each way, ${rtt} ms round trip; ${REPEAT} repetitions, contenders interleaved; md5 check on.`,
      table(
        [
          'workload',
          'contender',
          'seconds, median (min–max)',
          'share of the link',
          'before the first byte',
          'requests (PATCH)',
          'after the last byte',
        ],
        [...contenders.map((c) => row('large', c)), ...(withSmall ? [row('small', 'page'), row('small', 'seed-chromium')] : [])],
      ),
    ],
    details: { runs, reloads, cut, firstBytes },
  };
});
