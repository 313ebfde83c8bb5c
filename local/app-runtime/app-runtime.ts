import type { Router } from '../emulator/platform/http.js';
import type { TokenSigner, LocalSite } from '../emulator/platform/identity.js';
import { createLocalClient, type LocalClient } from '../shared/local-client.js';
import { installWixContext } from './wix-context.js';
import { mountWebMethods } from './web-methods.js';
import { mountEventHandlers, WEBHOOKS_PATH } from './events.js';

export interface AppRuntime {
  appClient: LocalClient;
  eventNames: string[];
  webhooksPath: string;
}

/**
 * Runs the app's backend (src/) the way Wix hosts it: web methods behind permission checks, event
 * handlers behind the webhook endpoint, SDK calls inside a context whose fetch reaches the emulator.
 */
export async function mountAppRuntime(
  router: Router,
  options: { projectDir: string; site: LocalSite; signer: TokenSigner; origin: () => string },
): Promise<AppRuntime> {
  const appToken = await options.signer.issueIdentity('APP', options.site.appId, 365 * 24 * 3600);
  const appClient = createLocalClient(options.origin(), appToken, options.site.publicKeyPem);
  installWixContext(appClient);
  mountWebMethods(router, options);
  const eventNames = await mountEventHandlers(router, options.projectDir, appClient);
  return { appClient, eventNames, webhooksPath: WEBHOOKS_PATH };
}
