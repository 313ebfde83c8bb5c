/**
 * Sizes are decimal everywhere the app shows one (the page, the widget, the inbox, the command
 * line, the rules' texts), as the file managers of macOS, Windows 11 and GNOME show them:
 * 1 kB = 1,000 bytes, 1 MB = 10^6, 1 GB = 10^9. A limit typed in GB is GB × 10^9 bytes exactly.
 *
 * With a `locale` (what people read: the page, the widget, the inbox, the command line), numbers
 * and units are the locale's, through Intl ("1,25 GB" in German, "1,25 Go" in French). Without
 * one, and in English, the form is the app's fixed English one, as the server's sentences and
 * logs say it ("1.25 GB", "1 h 2 min").
 */
export const GB = 1_000_000_000;

const UNITS = ['B', 'kB', 'MB', 'GB', 'TB'];
/** Intl's sanctioned units for the same steps. */
const INTL_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'];

/** Three significant digits, trailing zeros dropped: 1.25, 12.3, 150; whole numbers from 100 up. */
function rounded(value: number): number {
  return value >= 100 ? Math.round(value) : Number(value.toPrecision(3));
}

/**
 * The locale Intl formats sizes and durations in: none for English, whose fixed form above is the
 * app's own ("1 h 2 min", "0 B"; Intl's would say "1 hr 2 min", "0 byte").
 */
function intlLocale(locale: string | undefined): string | undefined {
  return locale && !/^en\b/i.test(locale) ? locale : undefined;
}

/**
 * The locale sizes are written in: as above, and none for Hebrew either. Hebrew writes sizes with
 * the Latin units, left to right ("0.5 GB"); Intl's Hebrew patterns put the unit first behind a
 * right-to-left mark ("GB\u200f0.5"), which a page cannot show in the right order. The page
 * keeps such a size whole in its sentence (a left-to-right isolate).
 */
function sizeLocale(locale: string | undefined): string | undefined {
  return locale && /^(he|iw)\b/i.test(locale) ? undefined : intlLocale(locale);
}

/**
 * Intl's formatters, made once per locale and options: making one costs far more than formatting
 * with it, and a page formats sizes, speeds, counts and dates for every row it draws (profiled:
 * formatDateTime alone held a draw of the recent uploads for 117 ms).
 */
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function made<Format extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => Format): Format {
  const kept = formatters.get(key) as Format | undefined;
  if (kept) return kept;
  const format = make();
  formatters.set(key, format);
  return format;
}

function numberFormat(locale: string | undefined, options?: Intl.NumberFormatOptions): Intl.NumberFormat {
  return made(`n|${locale}|${JSON.stringify(options ?? {})}`, () => new Intl.NumberFormat(locale, options));
}

function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return made(`d|${locale}|${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(locale, options));
}

function unitFormat(locale: string, unit: string, style: 'short' | 'long' = 'short'): Intl.NumberFormat {
  return numberFormat(locale, { style: 'unit', unit, unitDisplay: style, maximumFractionDigits: 2, useGrouping: false });
}

/** A size in its largest unit under 1000 of it, rounded (see above). */
function scaled(bytes: number): { value: number; unit: number } {
  let value = bytes;
  let unit = 0;
  while (rounded(value) >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return { value: unit === 0 ? Math.round(value) : rounded(value), unit };
}

/** 1536 -> "1.54 kB", 5e9 -> "5 GB", 1e8 -> "100 MB" (see above for the units); German: "1,54 kB". */
export function formatBytes(bytes: number, inLocale?: string): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '–';
  const locale = sizeLocale(inLocale);
  const { value, unit } = scaled(bytes);
  if (!locale) return `${value} ${UNITS[unit]}`;
  return unitFormat(locale, INTL_UNITS[unit]!).format(value);
}

export function formatSpeed(bytesPerSecond: number | undefined, inLocale?: string): string {
  if (!bytesPerSecond || bytesPerSecond <= 0) return '–';
  const locale = sizeLocale(inLocale);
  if (!locale) return `${formatBytes(bytesPerSecond)}/s`;
  const { value, unit } = scaled(bytesPerSecond);
  return unitFormat(locale, `${INTL_UNITS[unit]}-per-second`).format(value);
}

/** 3725 -> "1 h 2 min"; 75 -> "1 min 15 s"; in a locale, its short units ("1 Std. 2 Min."). */
export function formatDuration(seconds: number | undefined, inLocale?: string): string {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '–';
  const locale = intlLocale(inLocale);
  const s = Math.round(seconds);
  const parts: [number, 'hour' | 'minute' | 'second'][] =
    s < 60
      ? [[s, 'second']]
      : s < 3600
        ? [
            [Math.floor(s / 60), 'minute'],
            [s % 60, 'second'],
          ]
        : [
            [Math.floor(s / 3600), 'hour'],
            [Math.floor(s / 60) % 60, 'minute'],
          ];
  if (!locale) return parts.map(([n, unit]) => `${n} ${{ hour: 'h', minute: 'min', second: 's' }[unit]}`).join(' ');
  return parts.map(([n, unit]) => unitFormat(locale, unit).format(n)).join(' ');
}

/** A number of GB as typed ("0.5") said in the locale: "0.5 GB", "0,5 GB", "0,5 Go". */
export function formatGigabytes(typed: string, inLocale?: string): string {
  const locale = sizeLocale(inLocale);
  const value = Number(typed.trim());
  if (!locale || !Number.isFinite(value)) return `${typed.trim()} GB`;
  return numberFormat(locale, { style: 'unit', unit: 'gigabyte', maximumFractionDigits: 9 }).format(value);
}

/** A count in the locale's digits and grouping: 10000 -> "10.000" in German. */
export function formatNumber(value: number, locale: string): string {
  return numberFormat(locale).format(value);
}

/**
 * A day as the locale writes it briefly: "3 Nov" (en-GB), "Nov 3" (en-US), "3. Nov." (German), with
 * the year when it is not this year's ("3 Nov 2025").
 */
export function formatDay(moment: Date | string | number, locale: string, now: Date = new Date()): string {
  const date = moment instanceof Date ? moment : new Date(moment);
  if (Number.isNaN(date.getTime())) return '–';
  const year = date.getFullYear() === now.getFullYear() ? undefined : 'numeric';
  return dateTimeFormat(locale, { day: 'numeric', month: 'short', year }).format(date);
}

/** A moment as the locale writes a date and time ("07.12.2026, 13:15" in German). */
export function formatDateTime(moment: Date | string | number, locale: string): string {
  const date = moment instanceof Date ? moment : new Date(moment);
  if (Number.isNaN(date.getTime())) return '–';
  return dateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}
