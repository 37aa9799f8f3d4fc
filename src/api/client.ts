import createClient, { type Middleware } from 'openapi-fetch';

import { networkError, toApiError } from './api-error';
import type { paths } from './generated/schema';
import { createRetryingFetch } from './retrying-fetch';

export type { components, paths } from './generated/schema';

/** Returns the bearer token to send, or undefined when the server needs none (the emulator). */
export type AccessTokenProvider = () => string | undefined;

let accessTokenProvider: AccessTokenProvider = () => undefined;

/** Sets where the client takes its bearer token from; the auth module calls this at login. */
export function setAccessTokenProvider(provider: AccessTokenProvider): void {
  accessTokenProvider = provider;
}

const authMiddleware: Middleware = {
  onRequest({ request }) {
    const token = accessTokenProvider();
    if (token !== undefined) {
      request.headers.set('Authorization', `Bearer ${token}`);
    }
    return request;
  },
};

/** Turns every non-2xx answer into a thrown ApiError, so callers see one error shape. */
const errorMiddleware: Middleware = {
  async onResponse({ response }) {
    if (response.ok) {
      return response;
    }
    const text = await response.text();
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      body = undefined;
    }
    throw toApiError(response, body);
  },
  onError({ error }) {
    if (error instanceof DOMException && error.name === 'AbortError') {
      return error;
    }
    return networkError(error);
  },
};

/** The API origin: the page's own origin, where the emulator or a proxy serves `/api/v2/`. */
export function defaultBaseUrl(): string {
  return globalThis.location?.origin ?? 'http://127.0.0.1:8787';
}

/**
 * Creates a typed client for the user recordings API. Requests that fail with
 * 429, 502, 503 or 504 are retried; any other failure is thrown as an ApiError.
 */
export function createApiClient(
  options: { baseUrl?: string; fetch?: (input: Request) => Promise<Response> } = {},
) {
  const client = createClient<paths>({
    baseUrl: options.baseUrl ?? defaultBaseUrl(),
    fetch: createRetryingFetch(options.fetch),
    // The official JS SDK joins repeated values with commas; the emulator and
    // Genesys accept both forms, and the spec's form is repeated.
    querySerializer: { array: { style: 'form', explode: true } },
  });
  client.use(authMiddleware, errorMiddleware);
  return client;
}

export type ApiClient = ReturnType<typeof createApiClient>;

/** The app's one client instance. */
export const apiClient: ApiClient = createApiClient();
