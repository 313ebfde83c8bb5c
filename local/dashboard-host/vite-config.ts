import path from 'node:path';
import type { InlineConfig } from 'vite';
import { webMethodsPlugin } from './web-methods-plugin.js';

/** The Vite configuration of the local dashboard host, for `vite build` and the dev middleware. */
export function dashboardViteConfig(projectDir: string, outDir: string): InlineConfig {
  return {
    configFile: false,
    // Wix serves the production builds of React and WDS; a build started from a test runner
    // (NODE_ENV=test) must not pick the development ones.
    mode: 'production',
    root: path.join(projectDir, 'local', 'dashboard-host'),
    base: '/',
    logLevel: 'warn',
    plugins: [webMethodsPlugin(projectDir)],
    define: {
      'import.meta.env.BASE_API_URL': JSON.stringify('/functions'),
      'process.env.NODE_ENV': JSON.stringify('production'),
    },
    esbuild: { jsx: 'transform', jsxFactory: 'React.createElement', jsxFragment: 'React.Fragment' },
    resolve: { dedupe: ['react', 'react-dom'] },
    build: {
      outDir,
      emptyOutDir: true,
      sourcemap: true,
      chunkSizeWarningLimit: 4096,
      rollupOptions: {
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
