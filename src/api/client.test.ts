// The real openapi-fetch client and its middleware run against a stub fetch
// that returns real Response objects.
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';

import { errorResponse, jsonResponse, stubFetch } from '../test/fetch-stub';
import { ApiError } from './api-error';
import {
  createApiClient,
  setAccessTokenProvider,
  setApiBaseUrlProvider,
  setAuthenticationHandlers,
  type AuthenticationHandlers,
} from './client';

const RECORDING = { id: 'r1', name: 'Renamed', read: true };

function handlers(overrides: Partial<AuthenticationHandlers> = {}) {
  const calls = { unauthorized: [] as ApiError[], accepted: 0 };
  const value: AuthenticationHandlers = {
    isTokenRequired: () => false,
    onUnauthorized: (error) => {
      calls.unauthorized.push(error);
      return Promise.resolve();
    },
    onTokenAccepted: () => {
      calls.accepted += 1;
    },
    ...overrides,
  };
  setAuthenticationHandlers(value);
  return calls;
}

afterEach(() => {
  setApiBaseUrlProvider(() => undefined);
  setAccessTokenProvider(() => undefined);
  setAuthenticationHandlers(undefined);
});

describe('API base URL', () => {
  it('follows the provider, body included', async () => {
    const requests = stubFetch(() => jsonResponse(RECORDING));
    setApiBaseUrlProvider(() => 'https://api.mypurecloud.ie/');
    const client = createApiClient();

    await client.PUT('/api/v2/userrecordings/{recordingId}', {
      params: { path: { recordingId: 'r1' } },
      body: RECORDING,
    });

    expect(requests[0]?.url.toString()).toBe('https://api.mypurecloud.ie/api/v2/userrecordings/r1');
    expect(requests[0]?.method).toBe('PUT');
    expect(JSON.parse(requests[0]?.body ?? '')).toEqual(RECORDING);
  });

  it('keeps the query string', async () => {
    const requests = stubFetch(() => jsonResponse({ entities: [] }));
    setApiBaseUrlProvider(() => 'https://api.mypurecloud.de');
    const client = createApiClient();

    await client.GET('/api/v2/userrecordings', {
      params: { query: { pageSize: 10, pageNumber: 2 } },
    });

    expect(requests[0]?.url.toString()).toBe(
      'https://api.mypurecloud.de/api/v2/userrecordings?pageSize=10&pageNumber=2',
    );
  });

  it('uses the page origin without a provider', async () => {
    const requests = stubFetch(() => jsonResponse({ entities: [] }));
    const client = createApiClient();

    await client.GET('/api/v2/userrecordings');

    expect(requests[0]?.url.origin).toBe(window.location.origin);
  });

  it('ignores the provider for an explicit base URL', async () => {
    const requests = stubFetch(() => jsonResponse({ entities: [] }));
    setApiBaseUrlProvider(() => 'https://api.mypurecloud.de');
    const client = createApiClient({ baseUrl: 'http://api.test' });

    await client.GET('/api/v2/userrecordings');

    expect(requests[0]?.url.origin).toBe('http://api.test');
  });
});

describe('bearer token', () => {
  it('is sent from the provider', async () => {
    let authorization: string | null = null;
    onTestFinished(() => {
      vi.unstubAllGlobals();
    });
    vi.stubGlobal('fetch', (request: Request) => {
      authorization = request.headers.get('authorization');
      return Promise.resolve(jsonResponse({ entities: [] }));
    });
    setAccessTokenProvider(() => 'token-1');

    await createApiClient({ baseUrl: 'http://api.test' }).GET('/api/v2/userrecordings');

    expect(authorization).toBe('Bearer token-1');
  });

  it('reports acceptance only for requests with a token', async () => {
    stubFetch(() => jsonResponse({ entities: [] }));
    const calls = handlers();
    const client = createApiClient({ baseUrl: 'http://api.test' });

    await client.GET('/api/v2/userrecordings');
    expect(calls.accepted).toBe(0);

    setAccessTokenProvider(() => 'token-1');
    await client.GET('/api/v2/userrecordings');
    expect(calls.accepted).toBe(1);
  });
});

describe('login on 401', () => {
  it.each(['authentication.required', 'bad.credentials'])(
    'hands %s to the handler, then throws',
    async (code) => {
      stubFetch(() => errorResponse(401, code, 'Log in again.'));
      const calls = handlers();
      const client = createApiClient({ baseUrl: 'http://api.test' });

      const failure = client.GET('/api/v2/userrecordings');

      await expect(failure).rejects.toBeInstanceOf(ApiError);
      await expect(failure).rejects.toMatchObject({ status: 401, code });
      expect(calls.unauthorized).toHaveLength(1);
      expect(calls.unauthorized[0]?.code).toBe(code);
    },
  );

  it('leaves 403 to the caller', async () => {
    stubFetch(() => errorResponse(403, 'missing.permissions', 'Missing permission.'));
    const calls = handlers();

    await expect(
      createApiClient({ baseUrl: 'http://api.test' }).GET('/api/v2/userrecordings'),
    ).rejects.toMatchObject({ status: 403 });
    expect(calls.unauthorized).toHaveLength(0);
  });

  it('starts login before sending when a token is required', async () => {
    const requests = stubFetch(() => jsonResponse({ entities: [] }));
    const calls = handlers({ isTokenRequired: () => true });

    await expect(
      createApiClient({ baseUrl: 'http://api.test' }).GET('/api/v2/userrecordings'),
    ).rejects.toMatchObject({ status: 401, code: 'authentication.required' });
    expect(requests).toHaveLength(0);
    expect(calls.unauthorized).toHaveLength(1);
  });

  it('waits while the login redirect runs, until aborted', async () => {
    stubFetch(() => errorResponse(401, 'authentication.required', 'Log in.'));
    handlers({ onUnauthorized: () => new Promise<void>(() => {}) });
    const controller = new AbortController();
    let settled = false;

    const pending = createApiClient({ baseUrl: 'http://api.test' })
      .GET('/api/v2/userrecordings', { signal: controller.signal })
      .finally(() => {
        settled = true;
      });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBe(false);

    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });
});
