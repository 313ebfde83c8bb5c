import path from 'node:path';
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Router } from '../emulator/http.js';
import type { LocalClient } from '../shared/local-client.js';
import { runAsCaller } from './wix-context.js';

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
      await import(`${pathToFileURL(path.join(eventsDir, name, 'event.ts')).href}?runtime=${loadCount}`);
    }
  });

  router.on('POST', WEBHOOKS_PATH, async ({ req, res }) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const jwt = Buffer.concat(chunks).toString('utf8');
    try {
      await runAsCaller(appClient, () => appClient.webhooks.process(jwt));
      res.writeHead(200).end();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const clientFault = /JWT|Unexpected event type|signature|JWS/i.test(message);
      if (!clientFault) console.error('[webhooks] handler failed', error);
      res.writeHead(clientFault ? 400 : 500, { 'Content-Type': 'text/plain' }).end(message);
    }
  });
  return names;
}
