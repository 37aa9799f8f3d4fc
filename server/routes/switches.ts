import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

import type { EmulatorContext } from '../app.ts';
import { bearerToken } from '../auth/auth-routes.ts';
import { ApiProblem, sendProblem } from '../errors.ts';

const WINDOW_MS = 60_000;
/** Number of callers in the table at which expired rate-limit windows are removed. */
const SWEEP_THRESHOLD = 1000;

interface RateWindow {
  startedAt: number;
  count: number;
}

/**
 * Returns the rate-limit key of the caller: its bearer token (hashed, so the table
 * contains no secret) or, without one, the client address. Browsers send
 * preflight requests without the token, so those count against the address.
 */
function rateLimitKey(request: FastifyRequest): { key: string; limitKey: string } {
  const token = bearerToken(request);
  if (token !== undefined) {
    const digest = createHash('sha256').update(token).digest('base64url');
    return { key: `token:${digest}`, limitKey: 'token.rate.per.minute' };
  }
  return { key: `client:${request.ip}`, limitKey: 'client.rate.per.minute' };
}

/**
 * A fixed one-minute window per caller: the first request opens the window, and
 * requests beyond the limit until it closes are rejected.
 * NOTE: as with any fixed window, up to twice the limit can pass within one minute
 * that spans two windows.
 */
class FixedWindowLimiter {
  private readonly windows = new Map<string, RateWindow>();

  constructor(private readonly limit: number) {}

  /** Counts a request; returns the seconds to wait when it is over the limit, else undefined. */
  take(key: string, now: number): number | undefined {
    let window = this.windows.get(key);
    if (window === undefined || now - window.startedAt >= WINDOW_MS) {
      if (this.windows.size >= SWEEP_THRESHOLD) {
        this.sweep(now);
      }
      window = { startedAt: now, count: 0 };
      this.windows.set(key, window);
    }
    if (window.count < this.limit) {
      window.count += 1;
      return undefined;
    }
    return Math.max(1, Math.ceil((window.startedAt + WINDOW_MS - now) / 1000));
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows) {
      if (now - window.startedAt >= WINDOW_MS) {
        this.windows.delete(key);
      }
    }
  }
}

function isApiRequest(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/');
}

function rejectOverLimit(
  request: FastifyRequest,
  reply: FastifyReply,
  limit: number,
  limitKey: string,
  retryAfterSeconds: number,
) {
  request.log.warn(
    { correlationId: request.id, limit, retryAfterSeconds },
    'rate limit switch: request rejected with 429',
  );
  reply.header('retry-after', String(retryAfterSeconds));
  return sendProblem(
    request,
    reply,
    new ApiProblem(
      429,
      'too.many.requests.retry.after',
      `Rate limit exceeded: at most ${limit} requests per minute. Retry after ${retryAfterSeconds} seconds.`,
      { limit: { key: limitKey, namespace: 'platform.api', value: limit } },
    ),
  );
}

function injectFailure(request: FastifyRequest, reply: FastifyReply) {
  const problem =
    Math.random() < 0.5
      ? new ApiProblem(
          500,
          'internal.server.error',
          'The server failed (injected by the error-rate switch).',
        )
      : new ApiProblem(
          503,
          'service.unavailable',
          'The service is temporarily unavailable (injected by the error-rate switch).',
        );
  request.log.warn(
    { correlationId: request.id, status: problem.status },
    'error-rate switch: injected a failure response',
  );
  return sendProblem(request, reply, problem);
}

/**
 * Registers the test switches for `/api/` requests: a delay before every response,
 * a per-minute rate limit, and a share of requests failed with 500 or 503.
 * Switches at 0 add no hook. The delay comes first, so rejected requests are
 * delayed too, and the rate limit counts requests that then fail on purpose.
 */
export function registerSwitches(api: FastifyInstance, context: EmulatorContext): void {
  const { latencyMs, rateLimitPerMinute, errorRate } = context.config.switches;

  if (latencyMs > 0) {
    api.addHook('onRequest', async (request) => {
      if (isApiRequest(request)) {
        request.log.debug({ correlationId: request.id, latencyMs }, 'latency switch: delaying');
        await sleep(latencyMs);
      }
    });
  }

  if (rateLimitPerMinute > 0) {
    const limiter = new FixedWindowLimiter(rateLimitPerMinute);
    api.addHook('onRequest', async (request, reply) => {
      if (!isApiRequest(request)) {
        return undefined;
      }
      const { key, limitKey } = rateLimitKey(request);
      const retryAfterSeconds = limiter.take(key, Date.now());
      if (retryAfterSeconds === undefined) {
        return undefined;
      }
      return rejectOverLimit(request, reply, rateLimitPerMinute, limitKey, retryAfterSeconds);
    });
  }

  if (errorRate > 0) {
    api.addHook('onRequest', async (request, reply) => {
      // Preflight requests are left alone: a failed preflight hides the status from the app.
      if (!isApiRequest(request) || request.method === 'OPTIONS' || Math.random() >= errorRate) {
        return undefined;
      }
      return injectFailure(request, reply);
    });
  }
}
