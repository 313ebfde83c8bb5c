import React from 'react';
import ReactDOM from 'react-dom';
import { createClient, type Host } from '@wix/sdk';
import { fetchThroughLocalWix, localTokenAuth } from '../shared/local-client';
import { createHostChannel } from './host-channel';
import DashboardPage from '../../src/dashboard/pages/page';

/**
 * Boots the local dashboard the way the Wix dashboard hosts an app's page: a signed-in site
 * owner, a host channel for toasts and navigation, and a Wix context client whose fetch reaches
 * the local Wix; then renders the page with React 16, as Wix does.
 */
async function boot(): Promise<void> {
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
  );
  const host = { channel, environment: {}, name: 'local-wix-dashboard' } as unknown as Host;
  const client = createClient({ host, auth: localTokenAuth(accessToken), fetch: fetchThroughLocalWix(window.location.origin) });
  client.enableContext('global');

  ReactDOM.render(<DashboardPage />, document.getElementById('page-root'));
}

void boot();
