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

/**
 * Resolves once the local Wix has settled every file it was processing (READY or FAILED) and the
 * app's handlers have finished with every event it announced (the webhook answered). Rejects after
 * the timeout naming what is left, with the last delivery error: a handler that keeps failing shows
 * here rather than as a silent wait.
 */
export async function waitForEventsHandled(app: LocalApp, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { processing } = app.wix.db.prepare("SELECT COUNT(*) AS processing FROM files WHERE operation_status = 'PENDING'").get() as {
      processing: number;
    };
    const undelivered = app.wix.outbox.undelivered();
    if (processing === 0 && undelivered === 0) return;
    if (Date.now() > deadline) {
      const last = app.wix.db
        .prepare('SELECT last_error FROM outbox WHERE delivered_at IS NULL AND last_error IS NOT NULL ORDER BY seq DESC LIMIT 1')
        .get() as { last_error: string } | undefined;
      throw new Error(
        `after ${timeoutMs} ms, ${processing} file(s) still processing and ${undelivered} event(s) not handled` +
          (last ? ` (last delivery error: ${last.last_error})` : ''),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
