import type { UploadStatusReport } from '../../shared/upload-methods';
import type { UploadItem } from '../queue/upload-item';

export type ItemPatch = { -readonly [K in keyof UploadItem]?: UploadItem[K] };

/** How many polls a FAILED file without a reason waits for the reason. */
export const REASON_WAIT_POLLS = 3;
/** How many more polls, once failed without it, the reason may still arrive and be shown (a late File Failed event). */
export const LATE_REASON_POLLS = 30;

/** Whether the Media Manager said why a file failed (its File Failed event reached the upload log). */
export function hasReason(failure: { failureCode?: string; failureDescription?: string }): boolean {
  return failure.failureCode !== undefined || failure.failureDescription !== undefined;
}

/**
 * What a status report makes of a file being processed: READY, or refused when the Media Manager
 * reports FAILED (with its reason), or nothing yet. The reason arrives with the File Failed event,
 * which can reach the upload log a moment after the Media Manager reports the status: a
 * reasonless FAILED waits a few polls.
 */
export function processingOutcome(
  item: UploadItem,
  report: UploadStatusReport,
  reasonlessPolls: number,
): { patch: ItemPatch } | 'waiting' | 'pending' {
  if (report.status === 'READY') {
    return {
      patch: {
        state: 'ready',
        url: report.url ?? item.url,
        thumbnailUrl: report.thumbnailUrl ?? item.thumbnailUrl,
        mediaType: report.mediaType ?? item.mediaType,
        // A linked file's size is known once Wix has fetched it.
        ...(item.link !== undefined && report.sizeInBytes ? { size: Number(report.sizeInBytes) } : {}),
      },
    };
  }
  if (report.status !== 'FAILED') return 'pending';
  const reasonless = !hasReason(report);
  if (reasonless && reasonlessPolls < REASON_WAIT_POLLS) return 'waiting';
  return {
    patch: {
      state: 'refused',
      failureCode: report.failureCode,
      failureDescription: report.failureDescription,
      error: {
        code: 'PROCESSING_FAILED',
        message:
          report.failureDescription ??
          (report.failureCode
            ? `The Media Manager could not process the file (${report.failureCode}).`
            : 'The Media Manager could not process the file.'),
        fatal: true,
        serverCode: report.failureCode,
        ...(report.broken && { broken: report.broken }),
      },
    },
  };
}
