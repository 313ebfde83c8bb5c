import { randomUUID } from 'node:crypto';
import type { MediaFileRecord } from './media-files.js';

const ENTITY_FQDN = 'wix.media.site_media.v1.file_descriptor';
export const FILE_READY_EVENT = 'wix.media.site_media.v1.file_descriptor_file_ready';
export const FILE_FAILED_EVENT = 'wix.media.site_media.v1.file_descriptor_file_failed';

export interface DomainEvent {
  eventId: string;
  eventType: string;
  payload: Record<string, unknown>;
}

function actionEvent(slug: string, entityId: string, body: Record<string, unknown>): Record<string, unknown> {
  return {
    id: randomUUID(),
    entityFqdn: ENTITY_FQDN,
    slug,
    entityId,
    eventTime: new Date().toISOString(),
    triggeredByAnonymizeRequest: false,
    actionEvent: { body },
  };
}

const EXTERNAL_INFO = { origin: '', externalIds: [] };

/** File Ready, as the Media Manager emits it: a domain event whose action body holds the file descriptor (REST shape). */
export function fileReadyEvent(fileId: string, descriptor: Record<string, unknown>): DomainEvent {
  const payload = actionEvent('file_ready', fileId, { file: descriptor, externalInfo: EXTERNAL_INFO, triggeredByUndelete: false });
  return { eventId: payload.id as string, eventType: FILE_READY_EVENT, payload };
}

/** File Failed, as the Media Manager emits it: the action body holds why. */
export function fileFailedEvent(fileId: string, error: { code: string; description: string }): DomainEvent {
  const payload = actionEvent('file_failed', fileId, { externalInfo: EXTERNAL_INFO, error: { ...error, data: {} } });
  return { eventId: payload.id as string, eventType: FILE_FAILED_EVENT, payload };
}

/** The event a processed file's outcome makes. */
export function fileSettledEvent(file: MediaFileRecord, descriptor: Record<string, unknown>): DomainEvent {
  return file.failure ? fileFailedEvent(file.id, file.failure) : fileReadyEvent(file.id, descriptor);
}
