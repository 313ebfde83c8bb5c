import type { UploadItem, UploadItemState } from '../../upload-engine';

type BadgeSkin = 'neutral' | 'standard' | 'warning' | 'success' | 'danger' | 'general' | 'neutralLight';

const LABELS: Record<UploadItemState, string> = {
  queued: 'Queued',
  importing: 'Importing',
  uploading: 'Uploading',
  paused: 'Paused',
  finalizing: 'Finalizing',
  processing: 'Processing',
  ready: 'Ready',
  failed: 'Failed',
  cancelled: 'Cancelled',
  refused: 'Refused',
};

const SKINS: Record<UploadItemState, BadgeSkin> = {
  queued: 'neutralLight',
  importing: 'standard',
  uploading: 'standard',
  paused: 'warning',
  finalizing: 'standard',
  processing: 'general',
  ready: 'success',
  failed: 'danger',
  cancelled: 'neutral',
  refused: 'danger',
};

/** One word, so the badge is never cut; the why goes in stateNote. */
export function stateLabel(item: Pick<UploadItem, 'state'>): string {
  return LABELS[item.state];
}

/**
 * What the badge cannot say: that a file paused waits for the network, and which of the two
 * endings a failure is: its bytes did not all arrive, or they did and the file was refused.
 */
export function stateNote(item: Pick<UploadItem, 'state' | 'pauseReason' | 'link'>): string | undefined {
  if (item.state === 'paused' && item.pauseReason === 'offline') return 'until back online';
  if (item.link !== undefined) {
    if (item.state === 'importing') return 'Wix fetches the link';
    if (item.state === 'failed') return 'not imported';
    if (item.state === 'refused') return 'Wix could not import it';
    return 'from a link';
  }
  if (item.state === 'failed') return 'not sent';
  if (item.state === 'refused') return 'all bytes arrived';
  return undefined;
}

export function stateSkin(state: UploadItemState): BadgeSkin {
  return SKINS[state];
}

/** Why a file failed or was refused, in words: the Media Manager's reason, else the engine's. */
export function failureReason(item: UploadItem): string | undefined {
  if (item.state !== 'failed' && item.state !== 'refused') return undefined;
  return item.failureDescription ?? item.error?.message;
}
