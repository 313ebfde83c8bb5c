/**
 * What a Wix site does for the app's frontend code through its host channel, done locally. Host
 * modules such as @wix/site-members send `{namespace, method, args}` to the channel of the context
 * client; on Wix the site answers them. The local site answers the one the widget uses: the
 * members area's login (`members` / `authentication.promptLogin`) is the local member switch,
 * `?as=member`, a page of its own as a login that reloads the site would be.
 */
export interface HostInvocation {
  namespace: string;
  method: string;
  args: unknown[];
}

export function createSiteChannel(location: Pick<Location, 'href' | 'assign'> = window.location) {
  return {
    invoke({ namespace, method }: HostInvocation): Promise<unknown> {
      if (namespace === 'members' && method === 'authentication.promptLogin') {
        const url = new URL(location.href);
        url.searchParams.set('as', 'member');
        location.assign(url.href);
        // The page is leaving: the login "completes" in the page that loads next.
        return new Promise(() => undefined);
      }
      return Promise.reject(new Error(`${namespace}.${method} is not available on the local site`));
    },
  };
}
