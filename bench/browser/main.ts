/**
 * `npm run bench:browser`: the Upload page in Debian's Chromium (playwright-core), on 127.0.0.1.
 * Measures the page's JS heap and long tasks during a big upload, and how long adding many files
 * takes until they are shown; each repetition in a fresh browser context. The app runs in its
 * own process; everything started or written is stopped or removed at the end, on an error and on
 * Ctrl+C. See docs/BENCHMARKS.md, section "Browser".
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_DIR } from '../child.js';
import { cleanupAll, installExitHandlers, onCleanup } from '../cleanup.js';
import { describeMachine, loadAverage, machineLine } from '../machine.js';
import { formatSize } from '../workloads.js';
import { startAppWithPage } from './app.js';
import { printTargets, toTargetResult } from '../targets.js';
import { CHROMIUM_FLAGS, launchBenchChromium } from './chromium.js';
import { browserConfigFromEnv } from './config.js';
import { writeLargeFile, writeSmallFiles } from './input.js';
import { measureLargeUpload, type LargeUploadRun } from './large-upload.js';
import { measureManyFiles, type ManyFilesRun } from './many-files.js';
import { writeBrowserRecord } from './record.js';
import { browserMarkdownReport, largeProgressLine, manyProgressLine } from './report.js';
import { summarizeBrowser } from './summary.js';
import { measureBareTus, userToken, type BareTusRun } from './bare-tus.js';
import { comparisonLine, compareWithBareTus, integrityCostInChromium, integrityCostLine } from './comparison.js';
import { buildEnginePage } from './engine-page/build.js';
import { measureEngineUpload, type EngineUploadRun } from './engine-upload.js';
import { MIB } from '../config.js';

const WARMUP_BYTES = 256 * 1024;
const WARMUP_FILES = 20;

installExitHandlers();
const config = browserConfigFromEnv(process.env, path.join(PROJECT_DIR, 'bench', 'results'));
const machine = describeMachine();
const startedAt = new Date();
console.log(`Machine: ${machineLine(machine)}`);
console.log(
  `Browser benchmark: scale ${config.scale}, ${config.repeat} repetitions; ${formatSize(config.largeFileBytes)} upload, ${config.manyFileCount} files of ${formatSize(config.manyFileBytes)}`,
);

const deadline = setTimeout(() => {
  console.error(`The browser benchmark ran past its deadline (${config.deadlineMs / 60_000} min, BENCH_BROWSER_DEADLINE_MIN): stopping.`);
  void cleanupAll().finally(() => process.exit(1));
}, config.deadlineMs);
onCleanup(() => clearTimeout(deadline));

const tempRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'rmu-bench-browser-'));
onCleanup(() => fs.rmSync(tempRoot, { recursive: true, force: true }));

try {
  const inputDir = path.join(tempRoot, 'input');
  fs.mkdirSync(inputDir);
  console.log(
    `Writing ${formatSize(config.largeFileBytes + config.manyFileCount * config.manyFileBytes)} of random input under ${tempRoot}…`,
  );
  const large = writeLargeFile(inputDir, config.largeFileBytes);
  const manyDir = path.join(inputDir, 'many');
  fs.mkdirSync(manyDir);
  const many = writeSmallFiles(manyDir, config.manyFileCount, config.manyFileBytes);
  const warmupDir = path.join(inputDir, 'warmup');
  fs.mkdirSync(warmupDir);
  const [warmupFile] = writeSmallFiles(warmupDir, 1, WARMUP_BYTES);

  console.log('Starting the app with its page (the first start builds the page with Vite, ~30 s)…');
  const app = await startAppWithPage(path.join(tempRoot, 'app-data'));
  const chromium = await launchBenchChromium();
  const chromiumLabel = `${chromium.executablePath} ${chromium.version}`;
  console.log(`App at ${app.url}; Chromium ${chromium.version} (${chromium.executablePath})`);

  // Not timed: the first page load, web-method calls and upload warm up the app, the browser and the page's code.
  await measureLargeUpload(chromium.browser, app.url, warmupFile!, config.heapSampleIntervalMs, 0);
  await measureManyFiles(chromium.browser, app.url, many.slice(0, WARMUP_FILES), 0);
  const token = await userToken(app.url);
  await measureBareTus(chromium.browser, app.url, token, warmupFile!, 0);
  const engineScript = await buildEnginePage(path.join(tempRoot, 'engine-page'));
  await measureEngineUpload(chromium.browser, app.url, token, engineScript, warmupFile!, 0, true);

  const largeRuns: LargeUploadRun[] = [];
  const manyRuns: ManyFilesRun[] = [];
  const bareRuns: BareTusRun[] = [];
  const engineRuns: EngineUploadRun[] = [];
  for (let repetition = 1; repetition <= config.repeat; repetition++) {
    const largeRun = await measureLargeUpload(chromium.browser, app.url, large, config.heapSampleIntervalMs, repetition);
    largeRuns.push(largeRun);
    console.log(largeProgressLine(largeRun, config.repeat));
    const bareRun = await measureBareTus(chromium.browser, app.url, token, large, repetition);
    bareRuns.push(bareRun);
    console.log(
      `bare tus-js-client ${repetition}/${config.repeat}: ${(bareRun.bytes / MIB / bareRun.uploadSeconds).toFixed(1)} MiB/s; machine ${(bareRun.machineBusy * 100).toFixed(0)} % busy`,
    );
    // Alternating which goes first, so neither always runs on the warmer cache.
    for (const verify of repetition % 2 === 1 ? [true, false] : [false, true]) {
      const engineRun = await measureEngineUpload(chromium.browser, app.url, token, engineScript, large, repetition, verify);
      engineRuns.push(engineRun);
      console.log(
        `engine alone, md5 check ${verify ? 'on' : 'off'} ${repetition}/${config.repeat}: ${(engineRun.bytes / MIB / engineRun.uploadSeconds).toFixed(1)} MiB/s; machine ${(engineRun.machineBusy * 100).toFixed(0)} % busy`,
      );
    }
    const manyRun = await measureManyFiles(chromium.browser, app.url, many, repetition);
    manyRuns.push(manyRun);
    console.log(manyProgressLine(manyRun, config.repeat));
  }
  await chromium.close();
  await app.stop();

  const summary = summarizeBrowser(largeRuns, manyRuns, config.largeFileBytes);
  const loadAtEnd = loadAverage();
  const comparison = compareWithBareTus(largeRuns, bareRuns);
  console.log(comparisonLine(comparison));
  const integrityCost = integrityCostInChromium(engineRuns);
  console.log(`${integrityCostLine(integrityCost)}\n`);
  const targets = [...summary.targets.map(toTargetResult), comparison.target, integrityCost.target];
  console.log(`\n${browserMarkdownReport(summary, { machine, config, chromium: chromiumLabel, loadAtEnd })}\n`);
  const { resultsFile, ...recorded } = config;
  writeBrowserRecord(resultsFile, {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine,
    chromium: { executablePath: chromium.executablePath, version: chromium.version, flags: CHROMIUM_FLAGS },
    config: recorded,
    largeUploads: largeRuns,
    manyFiles: manyRuns,
    bareTusUploads: bareRuns,
    engineUploads: engineRuns,
    comparison,
    integrityCost,
    loadAtEnd,
    summary,
    targets,
  });
  console.log(`Wrote ${path.relative(process.cwd(), resultsFile)}`);
  printTargets(targets);
} finally {
  await cleanupAll();
}
