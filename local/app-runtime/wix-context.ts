import { AsyncLocalStorage } from 'node:async_hooks';
import { createClient, type AuthenticationStrategy } from '@wix/sdk';
import { fetchThroughLocalWix, type LocalClient } from '../local-client.js';

/**
 * What one call into the app's backend runs as. A web method runs as its caller; an event handler
 * runs as nobody (Wix gives it only the app instance, for elevation).
 */
interface CallScope {
  callerToken?: string;
  /** While event files are imported: the client their top-level `onX(handler)` registers on. */
  registrationClient?: LocalClient;
}

interface WixGlobalContext {
  readonly client?: LocalClient;
  readonly elevatedClient?: LocalClient;
}

declare global {
  // The slot the Wix SDK reads its context clients from (@wix/sdk-runtime's resolveContext).
  var __wix_context__: WixGlobalContext | undefined;
}

const originalFetch = globalThis.fetch;

/** Sends this process's www.wixapis.com calls to the local Wix at `localOrigin()`. */
function routeGlobalFetch(localOrigin: () => string): void {
  globalThis.fetch = (input, init) => fetchThroughLocalWix(localOrigin(), originalFetch)(input, init);
}

/** The message the Wix CLI's backend runtime throws when an SDK call has no identity to run as. */
export const NO_AUTH_STRATEGY = 'Cannot find an authentication strategy';

function headers(token: string) {
  return { headers: { Authorization: token } };
}

/**
 * The identities of the app's backend code, as the Wix CLI's runtime (1.1.247, its CallsHandler)
 * gives them: module-level SDK calls (`files.x()`, `items.x()`) run as the caller of the web
 * method; an event handler has no caller, so an un-elevated call there throws "Cannot find an
 * authentication strategy"; only `auth.elevate(fn)` runs as the app, and only inside a call.
 * One process serves many calls at once, so the identity is looked up per async context.
 */
export class AppCallContext {
  private readonly scope = new AsyncLocalStorage<CallScope>();
  private readonly contextual: LocalClient;
  private readonly elevated: LocalClient;

  constructor(
    private readonly localOrigin: () => string,
    appToken: string,
  ) {
    const fetch: typeof globalThis.fetch = (input, init) => fetchThroughLocalWix(localOrigin())(input, init);
    const callerAuth: AuthenticationStrategy = {
      getAuthHeaders: () => headers(this.requireCallerToken()),
      getActiveToken: () => this.requireCallerToken(),
    };
    const appAuth: AuthenticationStrategy = {
      getAuthHeaders: () => {
        if (!this.scope.getStore()) throw new Error(NO_AUTH_STRATEGY);
        return headers(appToken);
      },
    };
    this.contextual = createClient({ auth: callerAuth, fetch, modules: {} });
    this.elevated = createClient({ auth: appAuth, fetch, modules: {} });
  }

  /**
   * Makes this the context the SDK's module-level calls resolve (what `enableContext('global')` does).
   * Some SDK code calls www.wixapis.com with the global fetch, not its client's (e.g.
   * `auth.getTokenInfo()`): those calls go to the local Wix too, never to the real one.
   */
  install(): void {
    routeGlobalFetch(this.localOrigin);
    const scope = this.scope;
    const { contextual, elevated } = this;
    globalThis.__wix_context__ = {
      get client() {
        return scope.getStore()?.registrationClient ?? contextual;
      },
      get elevatedClient() {
        return elevated;
      },
    };
  }

  runAsCaller<T>(callerToken: string, work: () => Promise<T>): Promise<T> {
    return this.scope.run({ callerToken }, work);
  }

  runWithoutIdentity<T>(work: () => Promise<T>): Promise<T> {
    return this.scope.run({}, work);
  }

  /** Runs the import of event files so that their top-level registrations land on `client`. */
  registerOn<T>(client: LocalClient, work: () => Promise<T>): Promise<T> {
    return this.scope.run({ registrationClient: client }, work);
  }

  private requireCallerToken(): string {
    const token = this.scope.getStore()?.callerToken;
    if (!token) throw new Error(NO_AUTH_STRATEGY);
    return token;
  }
}
