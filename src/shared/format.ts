/**
 * Sizes are decimal everywhere the app shows one (the page, the widget, the inbox, the command
 * line, the rules' texts), as the file managers of macOS, Windows 11 and GNOME show them:
 * 1 kB = 1,000 bytes, 1 MB = 10^6, 1 GB = 10^9. A limit typed in GB is GB × 10^9 bytes exactly.
 */
export const GB = 1_000_000_000;

const UNITS = ['B', 'kB', 'MB', 'GB', 'TB'];

/** Three significant digits, trailing zeros dropped: 1.25, 12.3, 150; whole numbers from 100 up. */
function rounded(value: number): number {
  return value >= 100 ? Math.round(value) : Number(value.toPrecision(3));
}

/** 1536 -> "1.54 kB", 5e9 -> "5 GB", 1e8 -> "100 MB" (see above for the units). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '–';
  let value = bytes;
  let unit = 0;
  while (rounded(value) >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${unit === 0 ? Math.round(value) : rounded(value)} ${UNITS[unit]}`;
}

export function formatSpeed(bytesPerSecond: number | undefined): string {
  return bytesPerSecond && bytesPerSecond > 0 ? `${formatBytes(bytesPerSecond)}/s` : '–';
}

/** 3725 -> "1 h 2 min"; 75 -> "1 min 15 s". */
export function formatDuration(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '–';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return `${minutes} min ${s % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
