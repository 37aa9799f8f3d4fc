// The real API client runs against a stub fetch. jsdom ignores the redirect
// to login (location.assign), so a started login shows as the pending login
// that is stored just before the redirect.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { createApiClient } from '../api';
import { errorResponse, jsonResponse, stubFetch } from '../test/fetch-stub';
import { CONNECTION_STORAGE_KEY } from './connection';
import { getAuthSnapshot, installAuthentication, notify } from './session';
import {
  readPendingLogin,
  readStoredToken,
  writeStoredToken,
  type StoredToken,
} from './token-storage';

const ORIGIN = window.location.origin;
const HOUR_MS = 3600 * 1000;

function storeToken(overrides: Partial<StoredToken> = {}): StoredToken {
  const token: StoredToken = {
    accessToken: 'token-1',
    expiresAt: Date.now() + HOUR_MS,
    apiBaseUrl: ORIGIN,
    accepted: false,
    rejected: false,
    ...overrides,
  };
  writeStoredToken(token);
  return token;
}

/** Records the Authorization header of every request. */
function stubApi(response: () => Response) {
  const authorizations: (string | null)[] = [];
  const requests = stubFetch(() => response());
  const client = createApiClient({
    fetch: (request) => {
      authorizations.push(request.headers.get('authorization'));
      return globalThis.fetch(request);
    },
  });
  return { client, requests, authorizations };
}

beforeAll(() => {
  installAuthentication();
});

beforeEach(() => {
  sessionStorage.clear();
  localStorage.clear();
});

describe('token sending', () => {
  it('sends a valid token for this API', async () => {
    storeToken();
    const api = stubApi(() => jsonResponse({ entities: [] }));

    await api.client.GET('/api/v2/userrecordings');

    expect(api.authorizations).toEqual(['Bearer token-1']);
  });

  it('marks the token accepted after a 2xx', async () => {
    storeToken();
    const api = stubApi(() => jsonResponse({ entities: [] }));

    await api.client.GET('/api/v2/userrecordings');

    expect(readStoredToken()?.accepted).toBe(true);
  });

  it('never sends a token issued for another API', async () => {
    storeToken({ apiBaseUrl: 'https://api.mypurecloud.com', accepted: true });
    const api = stubApi(() => jsonResponse({ entities: [] }));

    await api.client.GET('/api/v2/userrecordings');

    expect(api.authorizations).toEqual([null]);
  });

  it('stops sending a token shortly before expiry', async () => {
    storeToken({ expiresAt: Date.now() + 5000, accepted: true });
    const api = stubApi(() => jsonResponse({ entities: [] }));

    await api.client.GET('/api/v2/userrecordings');

    expect(api.authorizations).toEqual([null]);
    notify();
    expect(getAuthSnapshot().tokenExpired).toBe(true);
  });
});

describe('401 after login', () => {
  it('marks a fresh token rejected instead of logging in again', async () => {
    storeToken();
    const api = stubApi(() => errorResponse(401, 'bad.credentials', 'Invalid token.'));

    await expect(api.client.GET('/api/v2/userrecordings')).rejects.toMatchObject({
      status: 401,
    });

    expect(readStoredToken()?.rejected).toBe(true);
    expect(readPendingLogin()).toBeUndefined();
    expect(getAuthSnapshot()).toMatchObject({ token: undefined, tokenRejected: true });
  });

  it('sends no rejected token and does not log in again', async () => {
    storeToken({ rejected: true });
    const api = stubApi(() =>
      errorResponse(401, 'authentication.required', 'Authentication required.'),
    );

    await expect(api.client.GET('/api/v2/userrecordings')).rejects.toMatchObject({
      status: 401,
    });

    expect(api.authorizations).toEqual([null]);
    expect(readPendingLogin()).toBeUndefined();
  });
});

describe('Genesys Cloud connection', () => {
  it('sends the request to the region with its token', async () => {
    localStorage.setItem(
      CONNECTION_STORAGE_KEY,
      JSON.stringify({ kind: 'genesys', region: 'eu_west_1', clientId: 'client-1' }),
    );
    storeToken({ apiBaseUrl: 'https://api.mypurecloud.ie' });
    const api = stubApi(() => jsonResponse({ entities: [] }));

    await api.client.GET('/api/v2/userrecordings');

    expect(api.requests[0]?.url.origin).toBe('https://api.mypurecloud.ie');
    expect(api.authorizations).toEqual(['Bearer token-1']);
    notify();
    expect(getAuthSnapshot().loginRequired).toBe(true);
  });
});

// Last in the file: the started login stays pending for the rest of the module,
// as it does in the app while the page unloads.
describe('expired session', () => {
  it('logs in again when an accepted token is rejected', async () => {
    storeToken({ accepted: true });
    window.history.replaceState(null, '', '/recordings/r1?tab=facts');
    const api = stubApi(() =>
      errorResponse(401, 'authentication.required', 'The access token is invalid or expired.'),
    );
    const controller = new AbortController();

    const request = api.client.GET('/api/v2/userrecordings', { signal: controller.signal });
    await expect.poll(() => readPendingLogin()?.returnTo).toBe('/recordings/r1?tab=facts');
    controller.abort();

    await expect(request).rejects.toMatchObject({ name: 'AbortError' });
    expect(readPendingLogin()?.clientId).toBe('recordings-web-emulator');
  });
});
