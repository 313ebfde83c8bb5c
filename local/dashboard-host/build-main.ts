import { build } from 'vite';
import { dashboardViteConfig } from './vite-config.js';

const [projectDir, outDir] = process.argv.slice(2);
if (!projectDir || !outDir) {
  console.error('usage: build-main.ts <projectDir> <outDir>');
  process.exit(2);
}
await build(dashboardViteConfig(projectDir, outDir));
