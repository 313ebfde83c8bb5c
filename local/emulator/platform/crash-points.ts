/**
 * Points where a crash leaves the most to repair. With LOCAL_WIX_CRASH_AT set to one of them, the
 * process kills itself (SIGKILL, like a power cut) when it gets there: the kill-at-each-step tests
 * then restart it and check that nothing is lost, left behind or half-written.
 */
export const CRASH_POINTS = [
  /** The finalize claimed the session and chose the file id. */
  'finalize:claimed',
  /** The bytes are linked into the media folder; no file record yet. */
  'finalize:linked',
  /** The file record and the finalized session are committed; the tus upload is still there. */
  'finalize:committed',
  /** The tus upload is removed; the answer is not sent yet. */
  'finalize:cleaned',
] as const;

export type CrashPoint = (typeof CRASH_POINTS)[number];

export function crashPoint(point: CrashPoint): void {
  if (process.env.LOCAL_WIX_CRASH_AT === point) process.kill(process.pid, 'SIGKILL');
}
