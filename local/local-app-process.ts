import { configFromEnv } from './emulator/platform/local-wix-config.js';
import { startLocalApp, type LocalApp } from './server.js';
import { readyLine } from './app-command.js';
import { describeVariants, WIX_VARIANTS } from './emulator/platform/variants.js';
import { DataDirInUse } from './data-dir-lock.js';

const config = configFromEnv();

/** Why the app could not start, in a sentence that says what to do, for the failures a user can fix; otherwise undefined. */
function startFailure(error: unknown): string | undefined {
  if (error instanceof DataDirInUse) return error.message;
  const failure = error as NodeJS.ErrnoException & { port?: number; address?: string };
  if (failure.code === 'EADDRINUSE' && failure.port !== undefined) {
    const which = failure.port === config.port ? 'PORT' : 'MEDIA_PORT';
    const other = failure.port + 10;
    return (
      `Port ${failure.port} on ${failure.address ?? config.host} is already in use (by another program, or another npm start). ` +
      `Choose another one: ${which}=${other} npm start${which === 'MEDIA_PORT' ? ` (the media port is PORT + 1 unless MEDIA_PORT is set)` : ''}, or PORT=0 for any free port.`
    );
  }
  if (failure.code === 'EACCES' && failure.port !== undefined) {
    return `Port ${failure.port} on ${failure.address ?? config.host} may not be used by this user. Choose another one: PORT=5173 npm start.`;
  }
  return undefined;
}

let app: LocalApp;
try {
  app = await startLocalApp(config);
} catch (error) {
  const told = startFailure(error);
  if (!told) throw error;
  console.error(told);
  process.exit(1);
}

console.log(readyLine(app.url, app.mediaUrl));
if (config.dashboard) {
  console.log(`  dashboard: ${app.url}/dashboard`);
  console.log(`  site:      ${app.url}/site (as a member: ${app.url}/site?as=member)`);
  console.log(`  editor:    ${app.url}/site/editor`);
}
console.log(`  data:      ${config.dataDir}`);
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
