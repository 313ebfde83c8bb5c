/**
 * `npm run bench:widget`: what the site widget costs a visitor of the owner's site, from the
 * production build (`wix app build`): the custom element's script and every module it imports,
 * raw and gzipped. A benchmark, not a test: the bound is a target to keep, printed as met or missed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { PROJECT_DIR } from './child.js';
import { printTargets, writeResults, type TargetResult } from './targets.js';

/** What the widget may weigh, gzipped: less than one typical hero image of a site. */
const BOUND_GZIP_KB = 120;

const dist = path.join(PROJECT_DIR, 'dist');
if (process.env.BENCH_SKIP_BUILD !== '1') execFileSync('npx', ['wix', 'app', 'build'], { cwd: PROJECT_DIR, stdio: 'inherit' });

interface ManifestComponent {
  compType: string;
  compData?: { customElementWidget?: { widgetData?: { scriptUrl?: string; tagName?: string } } };
}
const manifest = JSON.parse(fs.readFileSync(path.join(dist, 'devcenter', 'app-manifest.json'), 'utf8')) as {
  components?: ManifestComponent[];
};
const widget = manifest.components?.find((component) => component.compType === 'CUSTOM_ELEMENT_WIDGET')?.compData?.customElementWidget
  ?.widgetData;
if (!widget?.scriptUrl) throw new Error('The build has no custom element widget');

const assets = path.join(dist, 'statics', 'browser', 'assets');
const IMPORT = /(?:import|from)\s*["']\.\/([^"']+\.js)["']|import\(\s*["']\.\/([^"']+\.js)["']\s*\)/g;

/** The script and every module it loads, statically or on demand, once each. */
function modulesOf(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = fs.readFileSync(path.join(assets, file), 'utf8');
    for (const match of code.matchAll(IMPORT)) visit(match[1] ?? match[2]!);
  };
  visit(entry);
  return [...seen];
}

const modules = modulesOf(path.basename(new URL(widget.scriptUrl.replace('__base_url_placeholder__', 'placeholder')).pathname));
let raw = 0;
let gzip = 0;
for (const file of modules) {
  const bytes = fs.readFileSync(path.join(assets, file));
  raw += bytes.length;
  gzip += gzipSync(bytes, { level: 9 }).length;
  console.log(`  ${file}: ${(bytes.length / 1024).toFixed(1)} KiB`);
}
const gzipKb = gzip / 1024;
console.log(`<${widget.tagName}>: ${modules.length} modules, ${(raw / 1024).toFixed(1)} KiB, ${gzipKb.toFixed(1)} KiB gzipped`);
const target: TargetResult = {
  id: 'widget-bundle-gzip',
  description: 'the site widget: its script and every module it loads, gzipped',
  measured: `${gzipKb.toFixed(1)} KiB`,
  bound: `≤ ${BOUND_GZIP_KB} KiB`,
  met: gzipKb <= BOUND_GZIP_KB,
};
writeResults(process.env.BENCH_WIDGET_RESULTS || path.join(PROJECT_DIR, 'bench', 'results', 'widget-latest.json'), {
  finishedAt: new Date().toISOString(),
  tagName: widget.tagName,
  modules,
  rawBytes: raw,
  gzipBytes: gzip,
  targets: [target],
});
printTargets([target]);
