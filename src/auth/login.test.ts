import { beforeEach, describe, expect, it } from 'vitest';

import { connectionEndpoints } from './connection';
import {
  buildAuthorizeUrl,
  buildLogoutUrl,
  buildTokenRequestBody,
  completeLogin,
  isLoginResponse,
  LoginError,
  PENDING_LOGIN_TTL_MS,
  prepareLogin,
  safeReturnPath,
} from './login';
import { createCodeChallenge } from './pkce';
import {
  readPendingLogin,
  readStoredToken,
  writePendingLogin,
  type PendingLogin,
} from './token-storage';

const ORIGIN = 'http://127.0.0.1:8787';
const CLIENT_ID = '2f1c7f3e-0d0a-4b43-9d4a-0f3d2c8a9b11';
const NOW = Date.UTC(2025, 0, 15, 9, 0, 0);

const PENDING: PendingLogin = {
  state: 'state-from-the-login-request-0001',
  codeVerifier: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
  returnTo: '/?page=2&pageSize=10',
  loginOrigin: 'https://login.mypurecloud.ie',
  clientId: CLIENT_ID,
  redirectUri: `${ORIGIN}/auth/callback`,
  apiBaseUrl: 'https://api.mypurecloud.ie',
  startedAt: NOW - 5000,
};

interface SentRequest {
  url: string;
  method: string | undefined;
  contentType: string | null;
  form: URLSearchParams;
}

/** A token endpoint that records the request and returns `response`. */
function tokenEndpoint(response: () => Response) {
  const sent: SentRequest[] = [];
  const fetchStub = (input: string | URL, init?: RequestInit) => {
    sent.push({
      url: input.toString(),
      method: init?.method,
      contentType: new Headers(init?.headers).get('content-type'),
      form: init?.body instanceof URLSearchParams ? init.body : new URLSearchParams(),
    });
    return Promise.resolve(response());
  };
  return { sent, fetch: fetchStub as typeof fetch };
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

async function loginError(promise: Promise<unknown>): Promise<LoginError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(LoginError);
  return error as LoginError;
}

beforeEach(() => {
  sessionStorage.clear();
});

describe('buildAuthorizeUrl', () => {
  it('carries every PKCE parameter', () => {
    const url = new URL(
      buildAuthorizeUrl({
        loginOrigin: 'https://login.mypurecloud.com',
        clientId: CLIENT_ID,
        redirectUri: 'https://app.example.com/auth/callback',
        codeChallenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
        state: 'abc',
      }),
    );
    expect(url.origin + url.pathname).toBe('https://login.mypurecloud.com/oauth/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: CLIENT_ID,
      redirect_uri: 'https://app.example.com/auth/callback',
      response_type: 'code',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
      state: 'abc',
    });
  });
});

describe('buildLogoutUrl', () => {
  it('sends client id and redirect URI', () => {
    expect(
      buildLogoutUrl({
        loginOrigin: 'https://login.mypurecloud.jp',
        clientId: CLIENT_ID,
        redirectUri: 'https://app.example.com/auth/callback',
      }),
    ).toBe(
      `https://login.mypurecloud.jp/logout?client_id=${CLIENT_ID}&redirect_uri=https%3A%2F%2Fapp.example.com%2Fauth%2Fcallback`,
    );
  });
});

describe('buildTokenRequestBody', () => {
  it('has the grant fields and no secret', () => {
    const body = buildTokenRequestBody({
      code: 'the-code',
      codeVerifier: PENDING.codeVerifier,
      clientId: CLIENT_ID,
      redirectUri: PENDING.redirectUri,
    });
    expect(Object.fromEntries(body)).toEqual({
      grant_type: 'authorization_code',
      code: 'the-code',
      code_verifier: PENDING.codeVerifier,
      client_id: CLIENT_ID,
      redirect_uri: PENDING.redirectUri,
    });
  });
});

describe('safeReturnPath', () => {
  it('keeps paths on this origin', () => {
    expect(safeReturnPath('/recordings/abc?x=1#t')).toBe('/recordings/abc?x=1#t');
  });

  it.each(['https://evil.example/', '//evil.example/', '/\\evil.example', 'relative', '', null])(
    'replaces %s with /',
    (value) => {
      expect(safeReturnPath(value)).toBe('/');
    },
  );
});

describe('isLoginResponse', () => {
  it('tells a login response from the return of logout', () => {
    expect(isLoginResponse(new URLSearchParams('code=a&state=b'))).toBe(true);
    expect(isLoginResponse(new URLSearchParams('error=access_denied&state=b'))).toBe(true);
    expect(isLoginResponse(new URLSearchParams(''))).toBe(false);
  });
});

describe('prepareLogin', () => {
  it('stores the verifier whose challenge the URL carries', async () => {
    const endpoints = connectionEndpoints(
      { kind: 'genesys', region: 'eu_west_1', clientId: CLIENT_ID },
      ORIGIN,
    );
    const url = new URL(
      await prepareLogin({
        endpoints,
        redirectUri: `${ORIGIN}/auth/callback`,
        returnTo: '/summary',
        now: NOW,
      }),
    );

    const pending = readPendingLogin();
    expect(url.origin).toBe('https://login.mypurecloud.ie');
    expect(pending?.state).toBe(url.searchParams.get('state'));
    expect(await createCodeChallenge(pending?.codeVerifier ?? '')).toBe(
      url.searchParams.get('code_challenge'),
    );
    expect(pending?.returnTo).toBe('/summary');
    expect(pending?.apiBaseUrl).toBe('https://api.mypurecloud.ie');
    expect(pending?.startedAt).toBe(NOW);
  });

  it('stores / for a return path off this origin', async () => {
    await prepareLogin({
      endpoints: connectionEndpoints({ kind: 'emulator' }, ORIGIN),
      redirectUri: `${ORIGIN}/auth/callback`,
      returnTo: '//evil.example/',
    });
    expect(readPendingLogin()?.returnTo).toBe('/');
  });
});

describe('completeLogin', () => {
  it('exchanges the code and stores the token', async () => {
    writePendingLogin(PENDING);
    const endpoint = tokenEndpoint(() =>
      json({ access_token: 'token-1', token_type: 'bearer', expires_in: 3600 }),
    );

    const result = await completeLogin(
      new URLSearchParams({ code: 'the-code', state: PENDING.state }),
      { fetch: endpoint.fetch, now: () => NOW },
    );

    expect(result.returnTo).toBe('/?page=2&pageSize=10');
    expect(endpoint.sent).toHaveLength(1);
    expect(endpoint.sent[0]?.url).toBe('https://login.mypurecloud.ie/oauth/token');
    expect(endpoint.sent[0]?.method).toBe('POST');
    expect(endpoint.sent[0]?.contentType).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(endpoint.sent[0]?.form ?? [])).toEqual({
      grant_type: 'authorization_code',
      code: 'the-code',
      code_verifier: PENDING.codeVerifier,
      client_id: CLIENT_ID,
      redirect_uri: PENDING.redirectUri,
    });
    expect(readStoredToken()).toEqual({
      accessToken: 'token-1',
      expiresAt: NOW + 3600 * 1000,
      apiBaseUrl: 'https://api.mypurecloud.ie',
      accepted: false,
      rejected: false,
    });
    expect(readPendingLogin()).toBeUndefined();
  });

  it('rejects a state mismatch without a token request', async () => {
    writePendingLogin(PENDING);
    const endpoint = tokenEndpoint(() => json({ access_token: 'token-1', expires_in: 3600 }));

    const error = await loginError(
      completeLogin(new URLSearchParams({ code: 'the-code', state: 'forged-state' }), {
        fetch: endpoint.fetch,
      }),
    );

    expect(error.message).toMatch(/state does not match/);
    expect(error.returnTo).toBe(PENDING.returnTo);
    expect(endpoint.sent).toHaveLength(0);
    expect(readStoredToken()).toBeUndefined();
    expect(readPendingLogin()).toBeUndefined();
  });

  it('reports the error parameter', async () => {
    writePendingLogin(PENDING);
    const endpoint = tokenEndpoint(() => json({}));

    const error = await loginError(
      completeLogin(
        new URLSearchParams({
          error: 'access_denied',
          error_description: 'The user denied access',
          state: PENDING.state,
        }),
        { fetch: endpoint.fetch },
      ),
    );

    expect(error.message).toBe('The login failed: The user denied access (access_denied).');
    expect(error.returnTo).toBe(PENDING.returnTo);
    expect(endpoint.sent).toHaveLength(0);
  });

  it('reports an error without description', async () => {
    writePendingLogin(PENDING);
    const error = await loginError(
      completeLogin(new URLSearchParams({ error: 'server_error', state: PENDING.state })),
    );
    expect(error.message).toBe('The login failed with the error "server_error".');
  });

  it('trusts no error text when the state is forged', async () => {
    writePendingLogin(PENDING);
    const error = await loginError(
      completeLogin(
        new URLSearchParams({ error: 'x', error_description: 'Call +1 555 0100', state: 'forged' }),
      ),
    );
    expect(error.message).not.toMatch(/555/);
    expect(error.message).toMatch(/state does not match/);
  });

  it('rejects a callback without login', async () => {
    const error = await loginError(
      completeLogin(new URLSearchParams({ code: 'the-code', state: PENDING.state })),
    );
    expect(error.message).toMatch(/No login was started in this tab/);
    expect(error.returnTo).toBe('/');
  });

  it('redeems a callback only once', async () => {
    writePendingLogin(PENDING);
    const endpoint = tokenEndpoint(() => json({ access_token: 'token-1', expires_in: 60 }));
    const search = new URLSearchParams({ code: 'the-code', state: PENDING.state });
    await completeLogin(search, { fetch: endpoint.fetch, now: () => NOW });

    await loginError(completeLogin(search, { fetch: endpoint.fetch, now: () => NOW }));
    expect(endpoint.sent).toHaveLength(1);
  });

  it('rejects an expired pending login', async () => {
    writePendingLogin(PENDING);
    const error = await loginError(
      completeLogin(new URLSearchParams({ code: 'c', state: PENDING.state }), {
        now: () => PENDING.startedAt + PENDING_LOGIN_TTL_MS + 1,
      }),
    );
    expect(error.message).toMatch(/expired/);
  });

  it('reports the OAuth error of a rejected token request', async () => {
    writePendingLogin(PENDING);
    const endpoint = tokenEndpoint(() =>
      json({ error: 'invalid_grant', error_description: 'The code has expired.' }, 400),
    );
    const error = await loginError(
      completeLogin(new URLSearchParams({ code: 'c', state: PENDING.state }), {
        fetch: endpoint.fetch,
        now: () => NOW,
      }),
    );
    expect(error.message).toBe(
      'The login server rejected the token request: The code has expired. (invalid_grant).',
    );
    expect(readStoredToken()).toBeUndefined();
  });

  it('reports an unreachable login server', async () => {
    writePendingLogin(PENDING);
    const failing = (() => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch;
    const error = await loginError(
      completeLogin(new URLSearchParams({ code: 'c', state: PENDING.state }), {
        fetch: failing,
        now: () => NOW,
      }),
    );
    expect(error.message).toMatch(/could not be reached/);
  });

  it('rejects a response without access token', async () => {
    writePendingLogin(PENDING);
    const endpoint = tokenEndpoint(() => json({ token_type: 'bearer', expires_in: 60 }));
    const error = await loginError(
      completeLogin(new URLSearchParams({ code: 'c', state: PENDING.state }), {
        fetch: endpoint.fetch,
        now: () => NOW,
      }),
    );
    expect(error.message).toMatch(/has no access_token/);
  });

  it('assumes 24 hours without expires_in', async () => {
    writePendingLogin(PENDING);
    const endpoint = tokenEndpoint(() => json({ access_token: 'token-2' }));
    const { token } = await completeLogin(
      new URLSearchParams({ code: 'c', state: PENDING.state }),
      { fetch: endpoint.fetch, now: () => NOW },
    );
    expect(token.expiresAt).toBe(NOW + 24 * 3600 * 1000);
  });
});
