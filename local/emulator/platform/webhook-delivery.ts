import type { TokenSigner, LocalSite } from './identity.js';
import type { OutboxEvent } from './outbox.js';

export const WEBHOOK_AUDIENCE = 'urn:local-wix:webhook';
/**
 * How long the app's webhook may take to answer before the delivery counts as failed (and is sent
 * again): Wix's documented 1250 ms (https://dev.wix.com/docs/rest/articles/getting-started/webhook-resend-policy).
 * The resends come sooner here than Wix's (a minute, then ten...): platform/outbox.ts backs off in seconds.
 */
const DELIVERY_TIMEOUT_MS = 1250;

/**
 * Delivers an event the way Wix calls an app's webhook: a POST whose body is a JWT signed by Wix,
 * whose `data` claim is the JSON the SDK's `webhooks.process()` parses.
 */
export function webhookDelivery(signer: TokenSigner, site: LocalSite, webhookUrl: () => string) {
  return async (event: OutboxEvent): Promise<void> => {
    const data = JSON.stringify({
      eventType: event.eventType,
      instanceId: site.instanceId,
      data: JSON.stringify(event.payload),
      identity: JSON.stringify({ identityType: 'APP', appId: site.appId }),
    });
    const jwt = await signer.signForApp({ data }, WEBHOOK_AUDIENCE, 3600, event.eventId);
    const response = await fetch(webhookUrl(), {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: jwt,
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
    if (!response.ok) {
      throw new Error(`webhook answered ${response.status}: ${(await response.text()).slice(0, 500)}`);
    }
  };
}
