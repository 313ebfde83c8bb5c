/**
 * Debian's Chromium through playwright-core, launched as the e2e tests launch it; a fresh context
 * per measurement; and what the benchmark reads from a page: marks it sets itself when a condition
 * holds (a MutationObserver, nothing polls the page), its long tasks, its JS heap and how its main
 * thread spent its time (DevTools protocol), and its clock seen from Node. In-page scripts are
 * strings, not functions: tsx's keepNames would put a helper the page lacks into a function's source.
 */
import { performance } from 'node:perf_hooks';
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';
import { CHROMIUM_FLAGS, chromiumPath } from '../../e2e/support/browser.js';
import { onCleanup } from './harness.js';

export interface LaunchedChromium {
  browser: Browser;
  version: string;
  close(): Promise<void>;
}

/** Chromium with `extraArgs` after the e2e tests' flags; closed by `close()` or the benchmark's cleanup. */
export async function launchChromium(extraArgs: readonly string[] = []): Promise<LaunchedChromium> {
  const browser = await chromium.launch({
    executablePath: await chromiumPath(),
    args: [...CHROMIUM_FLAGS, '--enable-precise-memory-info', ...extraArgs],
    timeout: 60_000,
    // The benchmark's own handlers stop everything, the browser included.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  return { browser, version: browser.version(), close: onCleanup(() => browser.close()) };
}

/** Long tasks (≥ 50 ms on the main thread) from before the page's own scripts, as [start, duration] on its clock. */
export const LONG_TASK_OBSERVER = `(() => {
  const tasks = [];
  Object.defineProperty(window, '__benchLongTasks', { value: tasks });
  new PerformanceObserver((list) => { for (const e of list.getEntries()) tasks.push([e.startTime, e.duration]); })
    .observe({ type: 'longtask', buffered: true });
})();`;

/**
 * Long animation frames (over 50 ms) with what ran in them: each script's entry point, source and
 * duration, and the frame's own style and layout time. Read with `longFramesBetween`, to say what
 * a long task was made of.
 */
export const LONG_FRAME_OBSERVER = `(() => {
  const frames = [];
  Object.defineProperty(window, '__benchLongFrames', { value: frames });
  if (!PerformanceObserver.supportedEntryTypes?.includes('long-animation-frame')) return;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) frames.push({
      start: e.startTime,
      duration: e.duration,
      blocking: e.blockingDuration,
      renderStart: e.renderStart,
      styleAndLayoutStart: e.styleAndLayoutStart,
      scripts: e.scripts.map((s) => ({
        invoker: s.invoker,
        type: s.invokerType,
        source: (s.sourceURL || '').split('/').pop() + (s.sourceFunctionName ? ':' + s.sourceFunctionName : '') + '@' + s.sourceCharPosition,
        start: s.startTime,
        duration: s.duration,
        forcedLayout: s.forcedStyleAndLayoutDuration,
      })),
    });
  }).observe({ type: 'long-animation-frame', buffered: true });
})();`;

export interface LongFrame {
  /** From `fromMs`, ms. */
  start: number;
  duration: number;
  /** The frame's style and layout after its scripts, ms. */
  styleAndLayout: number;
  scripts: { invoker: string; source: string; start: number; duration: number; forcedLayout: number }[];
}

/** The long animation frames (LONG_FRAME_OBSERVER) that overlap [fromMs, toMs], their times from `fromMs`. */
export async function longFramesBetween(page: Page, fromMs: number, toMs: number): Promise<LongFrame[]> {
  type Raw = { start: number; duration: number; renderStart: number; styleAndLayoutStart: number; scripts: LongFrame['scripts'] };
  const raw = (await page.evaluate('window.__benchLongFrames ?? []')) as Raw[];
  return raw
    .filter((frame) => frame.start < toMs && frame.start + frame.duration > fromMs)
    .map((frame) => ({
      start: Math.round(frame.start - fromMs),
      duration: Math.round(frame.duration),
      styleAndLayout: frame.styleAndLayoutStart ? Math.round(frame.start + frame.duration - frame.styleAndLayoutStart) : 0,
      scripts: frame.scripts.map((script) => ({
        ...script,
        start: Math.round(script.start - fromMs),
        duration: Math.round(script.duration),
        forcedLayout: Math.round(script.forcedLayout),
      })),
    }));
}

/** Every click and change of an element with a data-hook, by its hook, on the page's clock (the last one). */
export const EVENT_MARKS = `(() => {
  const marks = (window.__benchMarks ??= {});
  for (const type of ['click', 'change']) window.addEventListener(type, (event) => {
    const hook = event.target instanceof Element && event.target.closest('[data-hook]')?.getAttribute('data-hook');
    if (hook) marks[type + ':' + hook] = performance.now();
  }, true);
})();`;

export interface OpenPage {
  page: Page;
  /** A DevTools session on the page: heap, GC, metrics. */
  cdp: CDPSession;
  close(): Promise<void>;
}

/** `url` in a fresh context (its own storage), with `initScripts` run before the page's own on every load. */
export async function openPage(browser: Browser, url: string, initScripts: readonly string[] = [], timeoutMs = 120_000): Promise<OpenPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  for (const script of initScripts) await context.addInitScript({ content: script });
  const page = await context.newPage();
  page.setDefaultTimeout(timeoutMs);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(url);
  return { page, cdp, close: () => context.close() };
}

/** Sets `window.__benchMarks[name]` (the page's clock) the first time the page's expression `condition` is true. */
export async function markWhen(page: Page, name: string, condition: string): Promise<void> {
  await page.evaluate(`(() => {
    const marks = (window.__benchMarks ??= {});
    const check = () => { if (marks[${JSON.stringify(name)}] === undefined && (${condition})) { marks[${JSON.stringify(name)}] = performance.now(); observer.disconnect(); } };
    const observer = new MutationObserver(check);
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    check();
  })()`);
}

/** Waits (polling from Node, every 100 ms) until the mark is set; returns it. */
export async function waitForMark(page: Page, name: string, timeoutMs: number): Promise<number> {
  const handle = await page.waitForFunction(`window.__benchMarks && window.__benchMarks[${JSON.stringify(name)}]`, undefined, {
    timeout: timeoutMs,
    polling: 100,
  });
  return Number(await handle.jsonValue());
}

/** The page's count of the queue's items in `state` ("ready", "failed", …), from the page's counts line. */
export const queueCount = (state: string) =>
  `Number(new RegExp('(\\\\d+) ${state}').exec(document.querySelector('[data-hook="queue-counts"]')?.textContent ?? '')?.[1] ?? 0)`;

export interface LongTaskStats {
  count: number;
  totalMs: number;
  maxMs: number;
  /** Each task as [its start − fromMs, its duration], ms, in order: when in the window the long ones came. */
  tasks: [number, number][];
}

/** The long tasks overlapping [fromMs, toMs] of the page's clock (their entries come a little after they end). */
export async function longTasksBetween(page: Page, fromMs: number, toMs: number): Promise<LongTaskStats> {
  const raw = (await page.evaluate('new Promise((r) => setTimeout(() => r(window.__benchLongTasks ?? null), 300))')) as
    | [number, number][]
    | null;
  if (!raw) throw new Error('the long-task observer is not installed on the page');
  const tasks = raw.filter(([start, duration]) => start < toMs && start + duration > fromMs);
  return {
    count: tasks.length,
    totalMs: tasks.reduce((sum, [, d]) => sum + d, 0),
    maxMs: Math.max(0, ...tasks.map(([, d]) => d)),
    tasks: tasks.map(([start, duration]) => [Math.round(start - fromMs), Math.round(duration)]),
  };
}

type TraceEvent = {
  name: string;
  ts: number;
  dur?: number;
  tid: number;
  args?: { name?: string; data?: { type?: string; functionName?: string } };
};
const KINDS: Record<string, string> = {
  EventDispatch: 'event',
  TimerFire: 'timer',
  FireAnimationFrame: 'animation frame',
  XHRLoad: 'XHR load',
  RunMicrotasks: 'microtasks',
};

/** V8's collections on the main thread, as the timeline names them. */
const GARBAGE_COLLECTIONS: Record<string, string> = { MajorGC: 'a major GC', MinorGC: 'a minor GC' };

/** A task of a thread's scheduler: named RunTask until Chromium 13x, ThreadControllerImpl::RunTask since. */
const isTask = (event: TraceEvent) => event.name === 'RunTask' || event.name === 'ThreadControllerImpl::RunTask';

/** A long main-thread task, as traced: when (the trace's clock, µs: the profiler's too), how long, and what it ran. */
export interface TracedTask {
  fromUs: number;
  toUs: number;
  ms: number;
  /** "62 ms timer (draw)": its length, the kind of work it ran and the function it called first. */
  text: string;
}

/**
 * Traces the page's main thread (CDP Tracing); stop() gives its tasks over `overMs`, longest first, each
 * named by what it ran (an event and its type, a timer, an animation frame, microtasks) and the function it called.
 */
export async function traceLongTasks(cdp: CDPSession, overMs = 50): Promise<{ stop(): Promise<TracedTask[]> }> {
  const events: TraceEvent[] = [];
  const collect = ({ value }: { value: unknown[] }) => events.push(...(value as TraceEvent[]));
  cdp.on('Tracing.dataCollected', collect);
  await cdp.send('Tracing.start', { categories: 'toplevel,devtools.timeline', transferMode: 'ReportEvents' });
  return {
    async stop() {
      const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
      await cdp.send('Tracing.end');
      await complete;
      cdp.off('Tracing.dataCollected', collect);
      const mains = events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => e.tid);
      const busy = (tid: number) => events.reduce((sum, e) => sum + (e.tid === tid && isTask(e) ? (e.dur ?? 0) : 0), 0);
      const main = mains.sort((a, b) => busy(b) - busy(a))[0];
      return events
        .filter((task) => task.tid === main && isTask(task) && (task.dur ?? 0) > overMs * 1000)
        .sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0))
        .map((task) => {
          const inside = events.filter((e) => e.tid === main && e.ts >= task.ts && e.ts <= task.ts + task.dur! && e !== task);
          const kind = inside.filter((e) => KINDS[e.name]).sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0))[0];
          const call = inside.find((e) => e.name === 'FunctionCall' && e.args?.data?.functionName)?.args?.data?.functionName;
          const what = kind ? `${KINDS[kind.name]}${kind.args?.data?.type ? ` ${kind.args.data.type}` : ''}` : 'other';
          const ms = (task.dur ?? 0) / 1000;
          const collections = inside
            .filter((e) => GARBAGE_COLLECTIONS[e.name] && (e.dur ?? 0) >= 1000)
            .map((e) => `${GARBAGE_COLLECTIONS[e.name]} ${((e.dur ?? 0) / 1000).toFixed(0)} ms`);
          const gc = collections.length > 0 ? `, with ${collections.join(', ')}` : '';
          return { fromUs: task.ts, toUs: task.ts + task.dur!, ms, text: `${ms.toFixed(0)} ms ${what}${call ? ` (${call})` : ''}${gc}` };
        });
    },
  };
}

/** How the main thread has spent its time so far, ms (Chromium's cumulative counters). */
export async function mainThreadMs(cdp: CDPSession): Promise<{ task: number; script: number; layout: number; style: number }> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const ms = (name: string) => (metrics.find((m) => m.name === name)?.value ?? Number.NaN) * 1000;
  return { task: ms('TaskDuration'), script: ms('ScriptDuration'), layout: ms('LayoutDuration'), style: ms('RecalcStyleDuration') };
}

/** The page's used JS heap, bytes. */
export const heapUsed = async (cdp: CDPSession): Promise<number> => (await cdp.send('Runtime.getHeapUsage')).usedSize;

/** Two full collections: the second also frees what the first's finalizers released. */
export async function collectGarbage(cdp: CDPSession): Promise<void> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
}

/** Reads the heap every `intervalMs` until stopped; resolves with the peak. */
export function sampleHeapPeak(cdp: CDPSession, intervalMs = 250): { stop(): Promise<number> } {
  let peak = 0;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      peak = Math.max(peak, await heapUsed(cdp));
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      return peak;
    },
  };
}

/** Converts Node's performance.now() to the page's (the reading of five with the shortest round trip). */
export async function pageClock(page: Page): Promise<(nodeMs: number) => number> {
  let best = { offset: 0, roundTrip: Number.POSITIVE_INFINITY };
  for (let i = 0; i < 5; i++) {
    const before = performance.now();
    const pageNow = Number(await page.evaluate('performance.now()'));
    const after = performance.now();
    if (after - before < best.roundTrip) best = { offset: pageNow - (before + after) / 2, roundTrip: after - before };
  }
  return (nodeMs) => nodeMs + best.offset;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

/** Where a sampled script's time went: the functions and the modules (by source path) that spent most of it themselves. */
export interface ScriptProfile {
  sampledMs: number;
  /** "name (module:line)" and its self time, ms, most first. */
  functions: [string, number][];
  /** A module (the path after the origin; node_modules' by package) and its self time, ms, most first. */
  modules: [string, number][];
  /**
   * Stretches of 50 ms or more without an idle sample (long tasks, as the profiler saw them), longest
   * first: when each began (ms after the profile's start), its length, the functions that spent most of it themselves, and the named
   * functions (the page's components, hooks and the engine's methods: NAMED_FUNCTION) that ran longest in them, with what they called.
   */
  longStretches: { atMs: number; ms: number; self: [string, number][]; named: [string, number][] }[];
  /** The traced long tasks given to stop(), each with the samples taken in it: what spent its time, and the named functions it ran. */
  longTasks: { task: string; self: [string, number][]; named: [string, number][] }[];
}

const sourceOf = (url: string) => {
  if (url === '') return '(native)';
  const inPackages = /node_modules\/(?:\.vite\/deps\/)?(@[^/]+\/[^/]+|[^/@][^/]*)/.exec(url);
  if (inPackages) return inPackages[1]!.replace(/\.js$/, '').replace(/_[a-f0-9]{6,}$/, '');
  try {
    return new URL(url).pathname.replace(/^\//, '');
  } catch {
    return url;
  }
};

const LONG_STRETCH_MS = 50;
/**
 * A function named in the page's unminified code (a component, a hook, a method), told from React's
 * minified internals (one to three letters) and its scheduler's wrappers, which are on every stack.
 */
const NAMED_FUNCTION = /^(?!exports\.|unstable_|enqueue|batchedUpdates|F\.setState)[A-Za-z_$][\w$.]{4,}$/;

/**
 * Samples the page's JavaScript (CDP Profiler, every `intervalUs`) until stopped; stop() gives
 * self time by function and by module, and what ran in its long stretches. Sampling slows the page
 * a little: a profiled run is not timed.
 */
export async function profileScript(
  cdp: CDPSession,
  intervalUs = 500,
): Promise<{ stop(top?: number, tasks?: readonly TracedTask[]): Promise<ScriptProfile> }> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: intervalUs });
  await cdp.send('Profiler.start');
  return {
    async stop(top = 15, tasks = []) {
      const { profile } = (await cdp.send('Profiler.stop')) as {
        profile: { nodes: ProfileNode[]; startTime: number; samples?: number[]; timeDeltas?: number[] };
      };
      await cdp.send('Profiler.disable');
      const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
      const parents = new Map<number, number>();
      for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
      const nameOf = (node: ProfileNode) => {
        const { functionName, url, lineNumber } = node.callFrame;
        return `${functionName || '(anonymous)'} (${sourceOf(url)}${url ? `:${lineNumber + 1}` : ''})`;
      };
      const isIdle = (id: number) => nodes.get(id)?.callFrame.functionName === '(idle)';
      const samples = profile.samples ?? [];
      const deltas = profile.timeDeltas ?? [];
      // A sample's time is the gap to the next sample.
      const msOf = (i: number) => (deltas[i + 1] ?? 0) / 1000;
      const functions = new Map<string, number>();
      const modules = new Map<string, number>();
      let sampledMs = 0;
      let elapsedMs = 0;
      type Stretch = { atMs: number; ms: number; self: Map<string, number>; named: Map<string, number> };
      const stretches: Stretch[] = [];
      let stretch: Stretch | undefined;
      // Those that began before the profile did are not the page's (the profiler's own start is one).
      const inTasks = tasks
        .filter((task) => task.fromUs >= profile.startTime)
        .map((task) => ({ task, self: new Map<string, number>(), named: new Map<string, number>() }));
      let atUs = profile.startTime;
      for (let i = 0; i < samples.length; i++) {
        const id = samples[i]!;
        const ms = msOf(i);
        elapsedMs += ms;
        atUs += deltas[i] ?? 0;
        if (isIdle(id)) {
          if (stretch && stretch.ms >= LONG_STRETCH_MS) stretches.push(stretch);
          stretch = undefined;
          continue;
        }
        const node = nodes.get(id)!;
        sampledMs += ms;
        functions.set(nameOf(node), (functions.get(nameOf(node)) ?? 0) + ms);
        const source = sourceOf(node.callFrame.url);
        modules.set(source, (modules.get(source) ?? 0) + ms);
        stretch ??= { atMs: elapsedMs - ms, ms: 0, self: new Map(), named: new Map() };
        stretch.ms += ms;
        stretch.self.set(nameOf(node), (stretch.self.get(nameOf(node)) ?? 0) + ms);
        const onStack = new Set<string>();
        for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
          const frame = nodes.get(at)!;
          if (frame.callFrame.url !== '' && NAMED_FUNCTION.test(frame.callFrame.functionName)) onStack.add(nameOf(frame));
        }
        for (const name of onStack) stretch.named.set(name, (stretch.named.get(name) ?? 0) + ms);
        for (const inTask of inTasks) {
          if (atUs < inTask.task.fromUs || atUs > inTask.task.toUs) continue;
          inTask.self.set(nameOf(node), (inTask.self.get(nameOf(node)) ?? 0) + ms);
          for (const name of onStack) inTask.named.set(name, (inTask.named.get(name) ?? 0) + ms);
        }
      }
      if (stretch && stretch.ms >= LONG_STRETCH_MS) stretches.push(stretch);
      const most = (map: Map<string, number>, count = top) => [...map].sort((a, b) => b[1] - a[1]).slice(0, count);
      return {
        sampledMs,
        functions: most(functions),
        modules: most(modules),
        longStretches: stretches
          .sort((a, b) => b.ms - a.ms)
          .slice(0, 10)
          .map(({ atMs, ms, self, named }) => ({ atMs, ms, self: most(self, 8), named: most(named, 12) })),
        longTasks: inTasks.map(({ task, self, named }) => ({ task: task.text, self: most(self, 8), named: most(named, 16) })),
      };
    },
  };
}
/** "React 1,200 ms, …": the first `count` entries of a profile list, for a target's "bounded by". */
export const profileText = (entries: readonly [string, number][], count = 6) =>
  entries
    .slice(0, count)
    .map(([name, ms]) => `${name} ${ms.toFixed(0)} ms`)
    .join(', ');
