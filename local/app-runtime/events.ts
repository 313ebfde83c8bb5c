import path from 'node:path';
import fs from 'node:fs';
import type { Router } from '../emulator/platform/http.js';
import type { LocalClient } from '../shared/local-client.js';
import { runAsCaller } from './wix-context.js';
import { appModuleUrl } from './app-modules.js';

export const WEBHOOKS_PATH = '/webhooks';

let loadCount = 0;

/**
 * Imports the app's `src/backend/events/<name>/event.ts` files, whose top-level `onX(handler)` calls
 * register handlers on the app's client (the context client at import time), and serves the
 * webhook endpoint Wix posts events to.
 */
export async function mountEventHandlers(router: Router, projectDir: string, appClient: LocalClient): Promise<string[]> {
  const eventsDir = path.join(projectDir, 'src', 'backend', 'events');
  const names = fs.existsSync(eventsDir)
    ? fs.readdirSync(eventsDir).filter((name) => fs.existsSync(path.join(eventsDir, name, 'event.ts')))
    : [];
  // A fresh module instance per runtime, so each runtime's client gets its own registrations.
  loadCount += 1;
  await runAsCaller(appClient, async () => {
    for (const name of names) {
      await import(`${appModuleUrl(projectDir, path.posix.join('src', 'backend', 'events', name, 'event.ts'))}?runtime=${loadCount}`);
    }
  });

  router.on('POST', WEBHOOKS_PATH, async ({ req, res }) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const jwt = Buffer.concat(chunks).toString('utf8');
    let event: Awaited<ReturnType<LocalClient['webhooks']['parseJWT']>>;
    try {
      event = await appClient.webhooks.parseJWT(jwt);
    } catch (error) {
      return void res.writeHead(400, { 'Content-Type': 'text/plain' }).end(`The body is not an event signed by Wix: ${String(error)}`);
    }
    if (!appClient.webhooks.getRegisteredEvents().has(event.eventType)) {
      return void res.writeHead(400, { 'Content-Type': 'text/plain' }).end(`The app handles no ${event.eventType} events`);
    }
    try {
      await runAsCaller(appClient, () => appClient.webhooks.executeHandlers(event));
      res.writeHead(200).end();
    } catch (error) {
      console.error(`[webhooks] a ${event.eventType} handler failed`, error);
      res.writeHead(500, { 'Content-Type': 'text/plain' }).end(String(error));
    }
  });
  return names;
}
