/**
 * Formats seconds as `m:ss`, or `h:mm:ss` from one hour. Negative, NaN and
 * infinite values format as `0:00`, so a media element's `Infinity` duration
 * never reaches the screen.
 */
export function formatTime(seconds: number): string {
  const total = Number.isFinite(seconds) && seconds > 0 ? Math.floor(seconds) : 0;
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const secs = total % 60;
  const ss = String(secs).padStart(2, '0');
  if (hours > 0) {
    return `${hours}:${String(minutes).padStart(2, '0')}:${ss}`;
  }
  return `${minutes}:${ss}`;
}

/** Spoken form for `aria-valuetext`: "1:05 of 4:30". */
export function formatPositionText(current: number, duration: number): string {
  return `${formatTime(current)} of ${formatTime(duration)}`;
}

/**
 * Parses a time such as `83`, `83.5`, `1:23`, `1:02:03` or `1h2m3s` into
 * seconds. Returns undefined for anything else, including negative values.
 */
export function parseTime(text: string): number | undefined {
  const value = text.trim();
  if (/^\d+(\.\d+)?$/.test(value)) {
    return Number(value);
  }
  if (/^\d+(:\d{1,2}){1,2}(\.\d+)?$/.test(value)) {
    const parts = value.split(':').map(Number);
    if (parts.slice(1).some((part) => part >= 60)) {
      return undefined;
    }
    return parts.reduce((sum, part) => sum * 60 + part, 0);
  }
  const units = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+(?:\.\d+)?)s)?$/.exec(value);
  if (units !== null && value !== '') {
    const [, h = '0', m = '0', s = '0'] = units;
    return Number(h) * 3600 + Number(m) * 60 + Number(s);
  }
  return undefined;
}

/**
 * Reads the start time from a URL fragment such as `#t=1:23` or `#t=83`
 * (other `&`-separated fragment parameters are ignored). Returns undefined
 * when there is none or it is invalid.
 */
export function parseTimeFragment(hash: string): number | undefined {
  const fragment = hash.startsWith('#') ? hash.slice(1) : hash;
  for (const part of fragment.split('&')) {
    const [key, raw] = part.split('=', 2);
    if (key === 't' && raw !== undefined) {
      return parseTime(decodeURIComponent(raw));
    }
  }
  return undefined;
}

/** Builds the `#t=` fragment for a position, in whole seconds (`#t=1:23`). */
export function timeFragment(seconds: number): string {
  return `#t=${formatTime(seconds)}`;
}
