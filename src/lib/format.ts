/**
 * Formatting with Intl in the browser's locale. Every function takes an optional
 * locale so tests can pin one; `undefined` means the runtime's default locale.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Units from largest to smallest, with their length in milliseconds, for relative times. */
const RELATIVE_UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * DAY],
  ['month', 30 * DAY],
  ['week', 7 * DAY],
  ['day', DAY],
  ['hour', HOUR],
  ['minute', MINUTE],
  ['second', SECOND],
];

/** Formats `date` relative to `now`, such as "3 hours ago" or "yesterday". */
export function formatRelativeTime(
  date: Date | string,
  now: Date = new Date(),
  locale?: string,
): string {
  const elapsedMs = toDate(date).getTime() - now.getTime();
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, unitMs] of RELATIVE_UNITS) {
    if (Math.abs(elapsedMs) >= unitMs || unit === 'second') {
      return format.format(Math.round(elapsedMs / unitMs), unit);
    }
  }
  return format.format(0, 'second');
}

/** Formats the full date and time, such as "Tuesday, 4 March 2025 at 14:05:09". */
export function formatExactDateTime(date: Date | string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'medium' }).format(
    toDate(date),
  );
}

/** Formats a date and time compactly, such as "4 Mar 2025, 14:05", for tables. */
export function formatDateTime(date: Date | string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(
    toDate(date),
  );
}

/** Formats a short date, such as "4 Mar 2025", for chart labels. */
export function formatShortDate(date: Date | string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(toDate(date));
}

/**
 * Formats a duration in milliseconds as h:mm:ss, such as "0:03:07" or "12:00:00".
 * Fractions of a second are rounded down, except that a positive duration under
 * a second shows as 0:00:01 so a short recording never looks empty. Negative or
 * non-finite values count as 0.
 */
export function formatDuration(milliseconds: number): string {
  const totalSeconds =
    Number.isFinite(milliseconds) && milliseconds > 0
      ? Math.max(1, Math.floor(milliseconds / SECOND))
      : 0;
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  return `${hours}:${pad2(minutes)}:${pad2(seconds)}`;
}

const BYTE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

/** Formats a size in bytes with decimal (1000-based) units, such as "1.5 MB". */
export function formatBytes(bytes: number, locale?: string): string {
  let value = Number.isFinite(bytes) && bytes > 0 ? bytes : 0;
  let unitIndex = 0;
  while (value >= 1000 && unitIndex < BYTE_UNITS.length - 1) {
    value /= 1000;
    unitIndex += 1;
  }
  if (unitIndex === 0) {
    // Intl's short form of "byte" is the whole word in most locales, so use the symbol.
    return `${new Intl.NumberFormat(locale).format(value)} B`;
  }
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: BYTE_UNITS[unitIndex],
    unitDisplay: 'short',
    maximumFractionDigits: 1,
  }).format(value);
}

/** Formats a count with the locale's grouping, such as "12,345". */
export function formatCount(count: number, locale?: string): string {
  return new Intl.NumberFormat(locale).format(count);
}

function toDate(date: Date | string): Date {
  return typeof date === 'string' ? new Date(date) : date;
}

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}

/** Returns "1 recording" or "N recordings", with the count formatted for the locale. */
export function formatRecordingCount(count: number, locale?: string): string {
  const noun = count === 1 ? 'recording' : 'recordings';
  return `${new Intl.NumberFormat(locale).format(count)} ${noun}`;
}
