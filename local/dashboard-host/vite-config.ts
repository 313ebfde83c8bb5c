import path from 'node:path';
import type { InlineConfig } from 'vite';
import { webMethodsPlugin } from './web-methods-plugin.js';
import { HOST_PAGES } from './host-pages.js';
import { dashboardPagesPlugin } from './dashboard-pages-plugin.js';

/**
 * The Vite configuration of the local hosts (dashboard, site, editor), for `vite build`; the
 * dashboard hosts the pages found in `pagesDirs`.
 */
export function dashboardViteConfig(projectDir: string, outDir: string, pagesDirs: readonly string[]): InlineConfig {
  const root = path.join(projectDir, 'local');
  return {
    configFile: false,
    // Wix serves the production builds of React and WDS; a build started from a test runner
    // (NODE_ENV=test) must not pick the development ones.
    mode: 'production',
    root,
    base: '/',
    logLevel: 'warn',
    plugins: [webMethodsPlugin(projectDir), dashboardPagesPlugin(pagesDirs)],
    define: {
      'import.meta.env.BASE_API_URL': JSON.stringify('/functions'),
      'process.env.NODE_ENV': JSON.stringify('production'),
    },
    oxc: { jsx: { runtime: 'classic', pragma: 'React.createElement', pragmaFrag: 'React.Fragment' } },
    resolve: {
      dedupe: ['react', 'react-dom'],
      // The editor is Wix's: locally its widget API is a stand-in that sets the preview's attributes.
      alias: { '@wix/editor': path.join(root, 'site-host', 'editor-sdk.ts') },
    },
    build: {
      outDir,
      emptyOutDir: true,
      // Served from this machine, read by its developer: minifying and source maps would only
      // lengthen the first start (together about 45 % of the build), not speed up a page on loopback.
      minify: false,
      sourcemap: false,
      chunkSizeWarningLimit: 4096,
      rolldownOptions: {
        input: Object.values(HOST_PAGES).map((page) => path.join(root, page)),
        onwarn(warning, warn) {
          // React Server Components directives in WDS's dependencies mean nothing to a client bundle.
          if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
          // ...and their position cannot be mapped back through the package's own source map.
          if (warning.code === 'SOURCEMAP_ERROR' && warning.id?.includes('node_modules')) return;
          warn(warning);
        },
      },
    },
  };
}
