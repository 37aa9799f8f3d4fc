/** How many times a request is sent at most, the first attempt included. */
export const MAX_ATTEMPTS = 4;
/** Maximum wait between attempts, in milliseconds, whatever Retry-After requests. */
const MAX_DELAY_MS = 30_000;

const RETRIED_STATUSES = new Set([429, 502, 503, 504]);
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/**
 * Returns the milliseconds to wait before attempt `attempt + 1`: the response's
 * Retry-After (seconds or an HTTP date) when present, otherwise exponential
 * backoff from 500 ms with up to 25 % jitter.
 */
export function retryDelayMs(attempt: number, retryAfter: string | null, now = Date.now()): number {
  if (retryAfter !== null && retryAfter.trim() !== '') {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds) && seconds >= 0) {
      return Math.min(seconds * 1000, MAX_DELAY_MS);
    }
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) {
      return Math.min(Math.max(date - now, 0), MAX_DELAY_MS);
    }
  }
  const base = 500 * 2 ** (attempt - 1);
  return Math.min(base + Math.random() * base * 0.25, MAX_DELAY_MS);
}

function sleep(ms: number, signal: AbortSignal | null): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Wraps `fetch` so that 429 (honouring Retry-After), 502, 503 and 504 responses
 * to idempotent requests are retried up to MAX_ATTEMPTS times. The Genesys SDKs
 * do not retry a 429, so the app must. A request's abort signal stops the waiting.
 */
export function createRetryingFetch(
  fetchImpl: (input: Request) => Promise<Response> = (input) => globalThis.fetch(input),
): (input: Request) => Promise<Response> {
  return async (request) => {
    const retryable = IDEMPOTENT_METHODS.has(request.method.toUpperCase());
    for (let attempt = 1; ; attempt += 1) {
      const response = await fetchImpl(
        retryable && attempt < MAX_ATTEMPTS ? request.clone() : request,
      );
      if (!retryable || attempt >= MAX_ATTEMPTS || !RETRIED_STATUSES.has(response.status)) {
        return response;
      }
      await response.body?.cancel();
      await sleep(retryDelayMs(attempt, response.headers.get('retry-after')), request.signal);
    }
  };
}
