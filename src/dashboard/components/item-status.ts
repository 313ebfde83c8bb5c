import type { UploadItem, UploadItemState } from '../../upload-engine';
import type { Translate } from '../../i18n/translator';

type BadgeSkin = 'neutral' | 'standard' | 'warning' | 'success' | 'danger' | 'general' | 'neutralLight';

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
export function stateLabel(t: Translate, item: Pick<UploadItem, 'state'>): string {
  return t(`state.${item.state}`);
}

/**
 * What the badge cannot say: that a file paused waits for the network, and which of the two
 * endings a failure is: its bytes did not all arrive, or they did and the file was refused.
 */
export function stateNote(t: Translate, item: Pick<UploadItem, 'state' | 'pauseReason' | 'link'>): string | undefined {
  if (item.state === 'paused' && item.pauseReason === 'offline') return t('state.noteOffline');
  if (item.link !== undefined) {
    if (item.state === 'importing') return t('state.noteLinkImporting');
    if (item.state === 'failed') return t('state.noteLinkFailed');
    if (item.state === 'refused') return t('state.noteLinkRefused');
    return t('state.noteLink');
  }
  if (item.state === 'failed') return t('state.noteFailed');
  if (item.state === 'refused') return t('state.noteRefused');
  return undefined;
}

export function stateSkin(state: UploadItemState): BadgeSkin {
  return SKINS[state];
}
