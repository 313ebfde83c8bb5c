import { webhookDelivery } from '../../local/emulator/platform/webhook-delivery.js';
import { fileFailedEvent, fileReadyEvent, type DomainEvent } from '../../local/emulator/media/media-events.js';
import type { LocalApp } from '../../local/server.js';

export { fileFailedEvent, fileReadyEvent };

/** A file descriptor as File Ready carries it (REST shape); the fields a handler usually reads. */
export function readyFileDescriptor(fileId: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: fileId,
    displayName: 'clip.mp4',
    url: `https://static.example.invalid/media/${fileId}`,
    operationStatus: 'READY',
    mediaType: 'VIDEO',
    sizeInBytes: '10',
    private: false,
    labels: [],
    ...fields,
  };
}

/**
 * Delivers an event to the app's webhook as Wix does (a JWT signed with the site's key) and
 * resolves once the app's handlers have finished with it; rejects with the webhook's answer when
 * a handler failed.
 */
export async function deliverEvent(app: LocalApp, event: DomainEvent): Promise<void> {
  const deliver = webhookDelivery(app.wix.signer, app.wix.site, () => `${app.url}${app.runtime.webhooksPath}`);
  await deliver({ ...event, attempts: 1 });
}
