import { configFromEnv } from './emulator/config.js';
import { startLocalApp } from './server.js';

const config = configFromEnv();
const app = await startLocalApp(config);
console.log(`Resumable Media Uploader is running on the local Wix at ${app.url}`);
console.log(`  data: ${config.dataDir}`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void app.close().then(() => process.exit(0));
  });
}
