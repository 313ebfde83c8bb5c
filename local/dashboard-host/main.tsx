import React from 'react';
import ReactDOM from 'react-dom';
import { createClient, type Host } from '@wix/sdk';
import pages, { type HostedDashboardPage } from 'virtual:dashboard-pages';
import { fetchThroughLocalWix, localTokenAuth } from '../local-client';
import { createHostChannel } from './host-channel';
import { pageAtPath, pathOfRoute } from './page-routes';
import { applyDocumentLanguage, chosenHostLanguage, languageSwitcher, withLanguage } from '../host-language';

/** Links to every page of the app in the host bar, as the Wix dashboard's sidebar lists them. */
function renderPageLinks(current: HostedDashboardPage | undefined, language: ReturnType<typeof chosenHostLanguage>['language']): void {
  const list = document.getElementById('host-pages')!;
  for (const page of pages) {
    const link = document.createElement('a');
    link.href = withLanguage(pathOfRoute(page.route), language);
    link.textContent = page.title;
    if (page === current) link.setAttribute('aria-current', 'page');
    const item = document.createElement('li');
    item.append(link);
    list.append(item);
  }
}

/**
 * Boots the local dashboard the way the Wix dashboard hosts an app's page: a signed-in site
 * owner, a host channel for toasts and navigation, and a Wix context client whose fetch reaches
 * the local Wix; then renders the page the address names with React 16, as Wix does.
 */
async function boot(): Promise<void> {
  const current = pageAtPath(pages, window.location.pathname);
  const essentials = chosenHostLanguage();
  applyDocumentLanguage(essentials);
  renderPageLinks(current, essentials.language);
  document.getElementById('host-site')!.before(languageSwitcher(essentials.language));
  const root = document.getElementById('page-root')!;
  if (!current) {
    root.textContent = `No page of this app is at ${window.location.pathname}.`;
    return;
  }
  document.title = `${current.title} · Local Wix dashboard`;

  const response = await fetch('/_local/identities', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ subjectType: 'USER' }),
  });
  const { accessToken, subjectId } = (await response.json()) as { accessToken: string; subjectId: string };
  document.getElementById('host-site')!.textContent = `signed in as the site owner (${subjectId.slice(0, 8)})`;

  const channel = createHostChannel(
    { toasts: document.getElementById('host-toasts')!, navigationLog: document.getElementById('host-navigation-log')! },
    accessToken,
    pages,
  );
  // `essentials` is what @wix/essentials' i18n reads: getLanguage() and getLocale() answer from it.
  const host = { channel, environment: {}, name: 'local-wix-dashboard', essentials } as unknown as Host;
  const client = createClient({ host, auth: localTokenAuth(accessToken), fetch: fetchThroughLocalWix(window.location.origin) });
  client.enableContext('global');

  const { default: Page } = await current.load();
  ReactDOM.render(<Page />, root);
}

void boot();
