import { AsyncLocalStorage } from 'node:async_hooks';
import type { LocalClient } from '../shared/local-client.js';

interface RequestScope {
  client: LocalClient;
}

const scope = new AsyncLocalStorage<RequestScope>();

interface WixGlobalContext {
  client?: LocalClient;
  elevatedClient?: LocalClient;
}

declare global {
  // The slot the Wix SDK reads its context client from (@wix/sdk-runtime's resolveContext).
  var __wix_context__: WixGlobalContext | undefined;
}

/**
 * Gives module-level SDK calls (`files.x()`, `items.x()`, `auth.elevate(...)`) a client, as the Wix
 * runtime does: the caller's client inside a request, the app's own client elsewhere, and the app's
 * client for elevated calls. One process serves many callers at once, so the client is looked up
 * per async context rather than stored globally.
 */
export function installWixContext(appClient: LocalClient): void {
  globalThis.__wix_context__ = {
    get client() {
      return scope.getStore()?.client ?? appClient;
    },
    get elevatedClient() {
      return appClient;
    },
  };
}

export function runAsCaller<T>(client: LocalClient, work: () => Promise<T>): Promise<T> {
  return scope.run({ client }, work);
}
