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

/** File Ready or File Failed, as the Media Manager emits them (domain events with an action body). */
export function fileSettledEvent(file: MediaFileRecord, descriptor: Record<string, unknown>): DomainEvent {
  const externalInfo = { origin: '', externalIds: [] };
  const payload = file.failure
    ? actionEvent('file_failed', file.id, {
        externalInfo,
        error: { code: file.failure.code, description: file.failure.description, data: {} },
      })
    : actionEvent('file_ready', file.id, { file: descriptor, externalInfo, triggeredByUndelete: false });
  return {
    eventId: payload.id as string,
    eventType: file.failure ? FILE_FAILED_EVENT : FILE_READY_EVENT,
    payload,
  };
}
