import type { UploadItem, UploadItemState } from '../../upload-engine';

type BadgeSkin = 'neutral' | 'standard' | 'warning' | 'success' | 'danger' | 'general' | 'neutralLight';

const LABELS: Record<UploadItemState, string> = {
  queued: 'Queued',
  uploading: 'Uploading',
  paused: 'Paused',
  finalizing: 'Finalizing',
  processing: 'Processing',
  ready: 'Ready',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

const SKINS: Record<UploadItemState, BadgeSkin> = {
  queued: 'neutralLight',
  uploading: 'standard',
  paused: 'warning',
  finalizing: 'standard',
  processing: 'general',
  ready: 'success',
  failed: 'danger',
  cancelled: 'neutral',
};

export function stateLabel(item: Pick<UploadItem, 'state' | 'pauseReason'>): string {
  if (item.state === 'paused' && item.pauseReason === 'offline') return 'Paused: offline';
  return LABELS[item.state];
}

export function stateSkin(state: UploadItemState): BadgeSkin {
  return SKINS[state];
}

/** Why a file failed, in words: the engine's reason or the Media Manager's. */
export function failureReason(item: UploadItem): string | undefined {
  if (item.state !== 'failed') return undefined;
  return item.failureDescription ?? item.error?.message;
}
