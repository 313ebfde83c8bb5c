import { build } from 'vite';
import { dashboardViteConfig } from './vite-config.js';

const [projectDir, outDir, ...pagesDirs] = process.argv.slice(2);
if (!projectDir || !outDir || pagesDirs.length === 0) {
  console.error('usage: build-main.ts <projectDir> <outDir> <pagesDir>...');
  process.exit(2);
}
await build(dashboardViteConfig(projectDir, outDir, pagesDirs));
