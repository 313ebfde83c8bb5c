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

/** One word, so the badge is never cut; the why goes in stateNote. */
export function stateLabel(item: Pick<UploadItem, 'state'>): string {
  return LABELS[item.state];
}

/** What the badge cannot say: why a file is paused, or that it is waiting for the network. */
export function stateNote(item: Pick<UploadItem, 'state' | 'pauseReason'>): string | undefined {
  if (item.state === 'paused' && item.pauseReason === 'offline') return 'until back online';
  return undefined;
}

export function stateSkin(state: UploadItemState): BadgeSkin {
  return SKINS[state];
}

/** Why a file failed, in words: the engine's reason or the Media Manager's. */
export function failureReason(item: UploadItem): string | undefined {
  if (item.state !== 'failed') return undefined;
  return item.failureDescription ?? item.error?.message;
}
