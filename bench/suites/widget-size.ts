/**
 * `npm run bench:widget`: what the site widget costs a visitor of the owner's site, from the
 * production build (`wix app build`; BENCH_SKIP_BUILD=1 reuses dist/): the custom element's script
 * and every module it loads, gzipped.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { PROJECT_DIR, runSuite } from '../lib/harness.js';
import { checked, spec } from '../lib/targets.js';

runSuite('widget', async () => {
  const dist = path.join(PROJECT_DIR, 'dist');
  if (process.env.BENCH_SKIP_BUILD !== '1') execFileSync('npx', ['wix', 'app', 'build'], { cwd: PROJECT_DIR, stdio: 'inherit' });
  const manifest = JSON.parse(fs.readFileSync(path.join(dist, 'devcenter', 'app-manifest.json'), 'utf8')) as {
    components?: { compType: string; compData?: { customElementWidget?: { widgetData?: { scriptUrl?: string } } } }[];
  };
  const scriptUrl = manifest.components?.find((c) => c.compType === 'CUSTOM_ELEMENT_WIDGET')?.compData?.customElementWidget?.widgetData
    ?.scriptUrl;
  if (!scriptUrl) throw new Error('The build has no custom element widget');
  const assets = path.join(dist, 'statics', 'browser', 'assets');
  const imports = /(?:import|from)\s*["']\.\/([^"']+\.js)["']|import\(\s*["']\.\/([^"']+\.js)["']\s*\)/g;
  // The script and every module it loads, statically or on demand, once each.
  const modules = new Set<string>();
  const visit = (file: string) => {
    if (modules.has(file)) return;
    modules.add(file);
    for (const match of fs.readFileSync(path.join(assets, file), 'utf8').matchAll(imports)) visit(match[1] ?? match[2]!);
  };
  visit(path.basename(new URL(scriptUrl.replace('__base_url_placeholder__', 'placeholder')).pathname));
  const gzipKb =
    [...modules].reduce((sum, file) => sum + gzipSync(fs.readFileSync(path.join(assets, file)), { level: 9 }).length, 0) / 1024;
  const target = spec('widget-bundle-gzip', 'the site widget: its script and every module it loads, gzipped', '≤ 120 KB');
  return {
    targets: [checked(target, `${gzipKb.toFixed(1)} KB`, gzipKb <= 120, `${modules.size} modules: ${[...modules].join(', ')}`)],
    tables: [`The widget: ${modules.size} modules, ${gzipKb.toFixed(1)} KB gzipped.`],
  };
});
