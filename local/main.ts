import { configFromEnv } from './emulator/platform/config.js';
import { startLocalApp } from './server.js';
import { readyLine } from './app-command.js';
import { describeVariants, WIX_VARIANTS } from './emulator/platform/variants.js';

const config = configFromEnv();
const app = await startLocalApp(config);
console.log(readyLine(app.url, app.mediaUrl));
console.log(`  data: ${config.dataDir}`);
for (const variant of config.variants) console.log(`  WIX_VARIANT ${variant}: ${WIX_VARIANTS[variant]}`);
if (config.variants.size > 0)
  console.log(`  (the local Wix answers as the variant ${describeVariants(config.variants)}, not as the app assumes)`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void app.close().then(() => process.exit(0));
  });
}
