import { configFromEnv } from './emulator/platform/config.js';
import { startLocalApp } from './server.js';
import { readyLine } from './app-command.js';

const config = configFromEnv();
const app = await startLocalApp(config);
console.log(readyLine(app.url, app.mediaUrl));
console.log(`  data: ${config.dataDir}`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void app.close().then(() => process.exit(0));
  });
}
