import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Response headers the app reads. Browsers hide other headers from cross-origin scripts. */
const EXPOSED_HEADERS = 'inin-correlation-id, retry-after';
const ALLOWED_METHODS = 'GET, PUT, DELETE, POST, OPTIONS';
const DEFAULT_ALLOWED_HEADERS = 'authorization, content-type';
/** How long a browser may cache a preflight response, in seconds. */
const PREFLIGHT_MAX_AGE_SECONDS = 600;

/**
 * Returns whether an origin may call the emulator: an http or https origin on a
 * loopback host, which is where the app runs (served by the emulator itself or
 * by a dev server) because the emulator listens on loopback only.
 */
export function isAllowedOrigin(origin: string): boolean {
  try {
    const url = new URL(origin);
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK_HOSTS.has(url.hostname)
    );
  } catch {
    return false;
  }
}

function allowOrigin(request: FastifyRequest, reply: FastifyReply): boolean {
  const origin = request.headers.origin;
  if (origin === undefined || !isAllowedOrigin(origin)) {
    return false;
  }
  reply.header('access-control-allow-origin', origin);
  reply.header('vary', 'Origin');
  reply.header('access-control-expose-headers', EXPOSED_HEADERS);
  return true;
}

/**
 * Registers CORS for `/api/` and `/oauth/token`: responds to preflight requests
 * with 204 and adds the allow-origin headers to every response to a loopback origin.
 */
export function registerCors(api: FastifyInstance): void {
  // onSend also covers responses sent early by other hooks (401, 429, injected 5xx),
  // so the app can read their status and headers.
  api.addHook('onSend', async (request, reply, payload) => {
    allowOrigin(request, reply);
    return payload;
  });

  const preflight = async (request: FastifyRequest, reply: FastifyReply) => {
    if (!allowOrigin(request, reply)) {
      return reply.code(204).send();
    }
    const requestedHeaders = request.headers['access-control-request-headers'];
    reply.header('access-control-allow-methods', ALLOWED_METHODS);
    reply.header(
      'access-control-allow-headers',
      typeof requestedHeaders === 'string' && requestedHeaders !== ''
        ? requestedHeaders
        : DEFAULT_ALLOWED_HEADERS,
    );
    reply.header('access-control-max-age', String(PREFLIGHT_MAX_AGE_SECONDS));
    return reply.code(204).send();
  };
  api.options('/api/*', preflight);
  api.options('/oauth/token', preflight);
}
