/** Shortest link lifetime worth renewing ahead; shorter links are renewed only when refused. */
const MIN_RENEWABLE_LIFETIME_MS = 30_000;
/** Minimum time left on a link when it is renewed ahead of expiry. */
const MIN_RENEWAL_MARGIN_MS = 10_000;
/** Maximum delay that setTimeout accepts (2^31 - 1 ms, about 24.8 days). */
const MAX_TIMER_DELAY_MS = 2_147_483_647;

/** Parses the ISO 8601 basic format of `X-Amz-Date`, such as `20250304T100000Z`. */
function parseAmzDate(value: string): number | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (match === null) {
    return undefined;
  }
  const [year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0] = match
    .slice(1)
    .map(Number);
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

function parseSeconds(value: string | null): number | undefined {
  if (value === null || !/^\d+$/.test(value)) {
    return undefined;
  }
  return Number(value);
}

/**
 * Reads when a signed media URL stops working, in milliseconds since the
 * epoch. Knows AWS Signature V4 presigned URLs (`X-Amz-Date` plus
 * `X-Amz-Expires` seconds) and URLs with `Expires` or `expires` in Unix
 * seconds (this project's emulator, S3 Signature V2, CloudFront canned
 * policies). Returns undefined for any other URL.
 */
export function readUrlExpiry(url: string): number | undefined {
  let params: URLSearchParams;
  try {
    params = new URL(url).searchParams;
  } catch {
    return undefined;
  }
  const amzDate = params.get('X-Amz-Date');
  const amzExpires = parseSeconds(params.get('X-Amz-Expires'));
  if (amzDate !== null && amzExpires !== undefined) {
    const signedAt = parseAmzDate(amzDate);
    return signedAt === undefined ? undefined : signedAt + amzExpires * 1000;
  }
  const expires = parseSeconds(params.get('Expires') ?? params.get('expires'));
  return expires === undefined ? undefined : expires * 1000;
}

/**
 * Returns how long to wait before requesting a new link in place of `url`, in
 * milliseconds: until a tenth of the remaining lifetime (at least 10 s) is
 * left. Returns undefined when the URL carries no known expiry, or when less
 * than 30 s are left, since renewing that often would interrupt playback more
 * than a refused request does.
 *
 * NOTE: the expiry is in the signing server's clock and is compared with this
 * device's clock, so a skewed device clock renews early or late. A refused
 * link is still noticed and renewed by the stall check.
 */
export function renewalDelay(url: string, nowMs: number): number | undefined {
  const expiresAt = readUrlExpiry(url);
  if (expiresAt === undefined) {
    return undefined;
  }
  const remaining = expiresAt - nowMs;
  if (remaining < MIN_RENEWABLE_LIFETIME_MS) {
    return undefined;
  }
  const margin = Math.max(MIN_RENEWAL_MARGIN_MS, remaining / 10);
  return Math.min(remaining - margin, MAX_TIMER_DELAY_MS);
}
