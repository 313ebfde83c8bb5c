import path from 'node:path';
import fs from 'node:fs';
import type { Router } from '../emulator/platform/http.js';
import { readRequestBody } from '../emulator/platform/request-body.js';
import type { LocalClient } from '../local-client.js';
import type { AppCallContext } from './wix-context.js';
import { appModuleUrl } from './app-modules.js';

export const WEBHOOKS_PATH = '/webhooks';

/** A signed event is a few KiB; Wix's own webhook bodies are far below this. */
const MAX_EVENT_BYTES = 256 * 1024;

let loadCount = 0;

/**
 * Imports the app's `src/backend/events/<name>/event.ts` files, whose top-level `onX(handler)` calls
 * register handlers on the app's webhook client, and serves the webhook endpoint Wix posts events
 * to. Handlers run with no caller identity, as on Wix: only what they elevate can reach Wix.
 */
export async function mountEventHandlers(
  router: Router,
  projectDir: string,
  appClient: LocalClient,
  calls: AppCallContext,
): Promise<string[]> {
  const eventsDir = path.join(projectDir, 'src', 'backend', 'events');
  const names = fs.existsSync(eventsDir)
    ? fs.readdirSync(eventsDir).filter((name) => fs.existsSync(path.join(eventsDir, name, 'event.ts')))
    : [];
  // A fresh module instance per runtime, so each runtime's client gets its own registrations.
  loadCount += 1;
  await calls.registerOn(appClient, async () => {
    for (const name of names) {
      await import(`${appModuleUrl(projectDir, path.posix.join('src', 'backend', 'events', name, 'event.ts'))}?runtime=${loadCount}`);
    }
  });

  router.on('POST', WEBHOOKS_PATH, async ({ req, res }) => {
    const jwt = (await readRequestBody(req, MAX_EVENT_BYTES)).toString('utf8');
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
      await calls.runWithoutIdentity(() => appClient.webhooks.executeHandlers(event));
      res.writeHead(200).end();
    } catch (error) {
      console.error(`[webhooks] a ${event.eventType} handler failed`, error);
      res.writeHead(500, { 'Content-Type': 'text/plain' }).end(String(error));
    }
  });
  return names;
}
