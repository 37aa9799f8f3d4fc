import createClient, { type Middleware } from 'openapi-fetch';

import { ApiError, networkError, toApiError } from './api-error';
import type { paths } from './generated/schema';
import { createRetryingFetch } from './retrying-fetch';

export type { components, paths } from './generated/schema';

/** Returns the bearer token to send, or undefined when the server needs none (the emulator). */
export type AccessTokenProvider = () => string | undefined;

/** Returns the API origin to send requests to, or undefined to keep the client's base URL. */
export type ApiBaseUrlProvider = () => string | undefined;

/** Login hooks of the API client, set by the auth module at start-up. */
export interface AuthenticationHandlers {
  /** Whether a request without a bearer token is bound to fail, so login should start first. */
  isTokenRequired(): boolean;
  /**
   * Handles a 401 `authentication.required` or `bad.credentials`, or a request
   * that needs a token when there is none. The returned promise stays pending
   * while the page redirects to login. When it resolves, the request fails with
   * `error`, and when it rejects, with its reason.
   */
  onUnauthorized(error: ApiError): Promise<void>;
  /** Called when a request sent with a bearer token got a 2xx response. */
  onTokenAccepted(): void;
}

/** The 401 codes that mean "log in (again)"; Genesys sends both. */
const LOGIN_ERROR_CODES = new Set(['authentication.required', 'bad.credentials']);

let accessTokenProvider: AccessTokenProvider = () => undefined;
let apiBaseUrlProvider: ApiBaseUrlProvider = () => undefined;
let authenticationHandlers: AuthenticationHandlers | undefined;

/** Sets where the client takes its bearer token from; the auth module calls this at login. */
export function setAccessTokenProvider(provider: AccessTokenProvider): void {
  accessTokenProvider = provider;
}

/**
 * Sets where clients created without an explicit `baseUrl` send their requests,
 * so the API origin follows the connection settings without recreating the client.
 */
export function setApiBaseUrlProvider(provider: ApiBaseUrlProvider): void {
  apiBaseUrlProvider = provider;
}

/** Sets the login hooks of every client; undefined removes them. */
export function setAuthenticationHandlers(handlers: AuthenticationHandlers | undefined): void {
  authenticationHandlers = handlers;
}

function isLoginError(error: ApiError): boolean {
  return error.status === 401 && LOGIN_ERROR_CODES.has(error.code);
}

/** Waits for `promise`, or rejects with the abort reason when `signal` aborts first. */
function untilSettledOrAborted(promise: Promise<void>, signal: AbortSignal): Promise<void> {
  if (signal.aborted) {
    return Promise.reject(signal.reason as Error);
  }
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.finally(() => signal.removeEventListener('abort', onAbort)).then(resolve, reject);
  });
}

/**
 * Sends requests to the origin from `apiBaseUrlProvider`. The request is rebuilt
 * from its parts with the body read into memory: `new Request(url, request)`
 * drops a PUT body on Node 20, and Chromium sends a stream body only over HTTP/2.
 */
const baseUrlMiddleware: Middleware = {
  async onRequest({ request, options }) {
    const target = apiBaseUrlProvider()?.replace(/\/+$/, '');
    if (target === undefined || !request.url.startsWith(options.baseUrl)) {
      return undefined;
    }
    const url = target + request.url.slice(options.baseUrl.length);
    if (url === request.url) {
      return undefined;
    }
    const body = request.body === null ? undefined : await request.arrayBuffer();
    return new Request(url, {
      method: request.method,
      headers: request.headers,
      body,
      signal: request.signal,
      redirect: request.redirect,
      credentials: request.credentials,
    });
  },
};

const authMiddleware: Middleware = {
  async onRequest({ request }) {
    const token = accessTokenProvider();
    if (token !== undefined) {
      request.headers.set('Authorization', `Bearer ${token}`);
      return request;
    }
    if (authenticationHandlers?.isTokenRequired() === true) {
      const error = new ApiError({
        status: 401,
        code: 'authentication.required',
        message: 'Log in to use the API: there is no valid access token.',
      });
      await untilSettledOrAborted(authenticationHandlers.onUnauthorized(error), request.signal);
      throw error;
    }
    return request;
  },
};

/**
 * Turns every non-2xx response into a thrown ApiError, so callers see one error
 * shape. A 401 that requests a login is handed to the login handler first.
 */
const errorMiddleware: Middleware = {
  async onResponse({ request, response }) {
    if (response.ok) {
      if (request.headers.has('Authorization')) {
        authenticationHandlers?.onTokenAccepted();
      }
      return response;
    }
    const text = await response.text();
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      body = undefined;
    }
    const error = toApiError(response, body);
    if (authenticationHandlers !== undefined && isLoginError(error)) {
      await untilSettledOrAborted(authenticationHandlers.onUnauthorized(error), request.signal);
    }
    throw error;
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
 * Without `baseUrl`, requests go to the origin that `setApiBaseUrlProvider` sets,
 * or else to the page's own origin.
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
  if (options.baseUrl === undefined) {
    client.use(baseUrlMiddleware);
  }
  client.use(authMiddleware, errorMiddleware);
  return client;
}

export type ApiClient = ReturnType<typeof createApiClient>;

/** The app's one client instance. */
export const apiClient: ApiClient = createApiClient();

/**
 * Sends a DELETE of a recording with `keepalive`, so the request outlives the
 * page (for example from a `pagehide` listener). It bypasses the client's
 * middleware, which may await and so not start before the page is gone, and
 * nothing reads its result.
 */
export function sendKeepaliveDelete(recordingId: string): void {
  const base = (apiBaseUrlProvider() ?? defaultBaseUrl()).replace(/\/+$/, '');
  const headers: Record<string, string> = {};
  const token = accessTokenProvider();
  if (token !== undefined) {
    headers.Authorization = `Bearer ${token}`;
  }
  void globalThis
    .fetch(`${base}/api/v2/userrecordings/${encodeURIComponent(recordingId)}`, {
      method: 'DELETE',
      headers,
      keepalive: true,
    })
    .catch(() => undefined);
}
