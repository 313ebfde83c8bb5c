import type { Router } from '../emulator/platform/http.js';
import type { TokenSigner, LocalSite } from '../emulator/platform/identity.js';
import { createLocalClient, type LocalClient } from '../local-client.js';
import { AppCallContext } from './wix-context.js';
import { mountWebMethods, type WebMethodErrors } from './web-methods.js';
import { mountEventHandlers, WEBHOOKS_PATH } from './events.js';
import { mountHttpEndpoints } from './http-endpoints.js';

/**
 * The backend sends a finalize PUT only to Wix's upload host (src/backend/upload-hosts.ts); the
 * local Wix's upload URL is on this origin, which it names here as Wix's host would be known.
 */
function trustLocalUploadOrigin(origin: string): void {
  const known = (process.env.LOCAL_WIX_UPLOAD_ORIGINS ?? '').split(',').filter(Boolean);
  if (!known.includes(origin)) process.env.LOCAL_WIX_UPLOAD_ORIGINS = [...known, origin].join(',');
}

export interface AppRuntime {
  /** The app's own client (its identity): receives and verifies webhooks. */
  appClient: LocalClient;
  eventNames: string[];
  webhooksPath: string;
}

/**
 * Runs the app's backend (src/) the way Wix hosts it: web methods behind permission checks and
 * running as their caller, HTTP endpoints (src/api/, the new Wix CLI's) running as their caller, event handlers behind the webhook endpoint running as nobody, and the
 * app's identity only through `auth.elevate`.
 */
export async function mountAppRuntime(
  router: Router,
  options: { projectDir: string; site: LocalSite; signer: TokenSigner; origin: () => string; webMethodErrors?: WebMethodErrors },
): Promise<AppRuntime> {
  const appToken = await options.signer.issueIdentity('APP', options.site.appId, 365 * 24 * 3600);
  const appClient = createLocalClient(options.origin(), appToken, options.site.publicKeyPem);
  const calls = new AppCallContext(options.origin, appToken);
  trustLocalUploadOrigin(options.origin());
  calls.install();
  mountWebMethods(router, { projectDir: options.projectDir, signer: options.signer, calls, errors: options.webMethodErrors });
  mountHttpEndpoints(router, { projectDir: options.projectDir, calls, origin: options.origin });
  const eventNames = await mountEventHandlers(router, options.projectDir, appClient, calls);
  return { appClient, eventNames, webhooksPath: WEBHOOKS_PATH };
}
