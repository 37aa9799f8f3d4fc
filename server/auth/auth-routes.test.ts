import { randomBytes } from 'node:crypto';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  callApi,
  sendRequest,
  startTestEmulator,
  type TestEmulator,
} from '../test-support/index.ts';
import type { ErrorBody, TokenInfo } from '../types.ts';
import { s256Challenge } from './token-store.ts';

const CLIENT_ID = 'test-client';
const REDIRECT_URI = 'http://127.0.0.1:5999/callback';
const APP_ORIGIN = 'http://127.0.0.1:5999';

let server: TestEmulator;

beforeEach(async () => {
  server = await startTestEmulator({ requireAuth: true });
});

afterEach(async () => {
  await server.close();
});

function authorizePath(params: Record<string, string>): string {
  return `/oauth/authorize?${new URLSearchParams({
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT_URI,
    response_type: 'code',
    code_challenge_method: 'S256',
    state: 'state-123',
    ...params,
  }).toString()}`;
}

async function authorize(verifier: string): Promise<URL> {
  const response = await sendRequest(
    server.apiUrl,
    authorizePath({ code_challenge: s256Challenge(verifier) }),
  );
  expect(response.status).toBe(302);
  return new URL(String(response.headers.location));
}

function tokenRequest(form: Record<string, string>) {
  return sendRequest(server.apiUrl, '/oauth/token', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
}

async function login(): Promise<string> {
  const verifier = randomBytes(48).toString('base64url');
  const redirect = await authorize(verifier);
  const response = await tokenRequest({
    grant_type: 'authorization_code',
    code: redirect.searchParams.get('code') ?? '',
    code_verifier: verifier,
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT_URI,
  });
  expect(response.status).toBe(200);
  return (response.body as { access_token: string }).access_token;
}

describe('OAuth emulation', () => {
  it('completes the PKCE code flow', async () => {
    const verifier = randomBytes(48).toString('base64url');

    const redirect = await authorize(verifier);

    expect(`${redirect.origin}${redirect.pathname}`).toBe(REDIRECT_URI);
    expect(redirect.searchParams.get('state')).toBe('state-123');
    const code = redirect.searchParams.get('code');
    expect(code).toMatch(/^[A-Za-z0-9_-]{20,}$/);

    const response = await tokenRequest({
      grant_type: 'authorization_code',
      code: code ?? '',
      code_verifier: verifier,
      client_id: CLIENT_ID,
      redirect_uri: REDIRECT_URI,
    });
    const body = response.body as { access_token: string; token_type: string; expires_in: number };

    expect(response.status).toBe(200);
    expect(body.token_type).toBe('bearer');
    expect(body.expires_in).toBe(86_400);
    expect(body.access_token.length).toBeGreaterThanOrEqual(32);

    const me = await callApi(server, 'getTokensMe', '/api/v2/tokens/me', {
      headers: { authorization: `Bearer ${body.access_token}` },
    });
    expect(me.status).toBe(200);
    const idles = Date.parse((me.body as TokenInfo).dateTokenIdles ?? '');
    expect(idles - Date.now()).toBeGreaterThan(86_000_000);
    expect(idles - Date.now()).toBeLessThanOrEqual(86_400_000);
  });

  it('rejects a wrong code verifier and a reused code', async () => {
    const verifier = randomBytes(48).toString('base64url');
    const code = (await authorize(verifier)).searchParams.get('code') ?? '';
    const form = {
      grant_type: 'authorization_code',
      code,
      client_id: CLIENT_ID,
      redirect_uri: REDIRECT_URI,
    };

    const wrong = await tokenRequest({
      ...form,
      code_verifier: randomBytes(48).toString('base64url'),
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ error: 'invalid_grant' });

    // The failed attempt used the code up.
    const reused = await tokenRequest({ ...form, code_verifier: verifier });
    expect(reused.status).toBe(400);
    expect(reused.body).toMatchObject({ error: 'invalid_grant' });
  });

  it('rejects a token request for another redirect URI', async () => {
    const verifier = randomBytes(48).toString('base64url');
    const code = (await authorize(verifier)).searchParams.get('code') ?? '';

    const response = await tokenRequest({
      grant_type: 'authorization_code',
      code,
      code_verifier: verifier,
      client_id: CLIENT_ID,
      redirect_uri: 'http://127.0.0.1:5999/other',
    });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: 'invalid_grant' });
  });

  it('rejects other grant types', async () => {
    const response = await tokenRequest({ grant_type: 'client_credentials' });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: 'unsupported_grant_type' });
  });

  it('redirects back with an error without PKCE', async () => {
    const response = await sendRequest(
      server.apiUrl,
      authorizePath({ code_challenge_method: 'plain', code_challenge: 'x'.repeat(43) }),
    );
    const redirect = new URL(String(response.headers.location));

    expect(response.status).toBe(302);
    expect(redirect.searchParams.get('error')).toBe('invalid_request');
    expect(redirect.searchParams.get('state')).toBe('state-123');
    expect(redirect.searchParams.has('code')).toBe(false);
  });

  it('never redirects to a host off loopback', async () => {
    const response = await sendRequest(
      server.apiUrl,
      authorizePath({
        redirect_uri: 'https://attacker.example/callback',
        code_challenge: s256Challenge('v'.repeat(43)),
      }),
    );

    expect(response.status).toBe(400);
    expect(response.headers.location).toBeUndefined();
    expect((response.body as ErrorBody).code).toBe('bad.request');
  });
});

describe('bearer token check', () => {
  it('returns 401 without a token', async () => {
    const response = await callApi(server, 'getUserrecordings', '/api/v2/userrecordings');

    expect(response.status).toBe(401);
    expect((response.body as ErrorBody).code).toBe('authentication.required');
  });

  it('returns 401 for an unknown token', async () => {
    const response = await callApi(
      server,
      'getUserrecordingsSummary',
      '/api/v2/userrecordings/summary',
      {
        headers: { authorization: 'Bearer not-a-real-token' },
      },
    );

    expect(response.status).toBe(401);
    expect((response.body as ErrorBody).code).toBe('authentication.required');
  });

  it('accepts a token from the login', async () => {
    const token = await login();

    const response = await callApi(
      server,
      'getUserrecordingsSummary',
      '/api/v2/userrecordings/summary',
      {
        headers: { authorization: `Bearer ${token}` },
      },
    );

    expect(response.status).toBe(200);
  });

  it('revokes the client tokens on logout', async () => {
    const token = await login();

    const logout = await sendRequest(
      server.apiUrl,
      `/logout?${new URLSearchParams({ client_id: CLIENT_ID, redirect_uri: `${APP_ORIGIN}/` }).toString()}`,
    );
    expect(logout.status).toBe(302);
    expect(logout.headers.location).toBe(`${APP_ORIGIN}/`);

    const response = await callApi(server, 'getTokensMe', '/api/v2/tokens/me', {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(401);
  });
});

describe('CORS', () => {
  it('allows a preflight from loopback', async () => {
    const response = await sendRequest(server.apiUrl, '/api/v2/userrecordings/rec-1', {
      method: 'OPTIONS',
      headers: {
        origin: APP_ORIGIN,
        'access-control-request-method': 'PUT',
        'access-control-request-headers': 'authorization, content-type',
      },
    });

    expect(response.status).toBe(204);
    expect(response.headers['access-control-allow-origin']).toBe(APP_ORIGIN);
    expect(response.headers['access-control-allow-methods']).toContain('PUT');
    expect(response.headers['access-control-allow-headers']).toBe('authorization, content-type');
  });

  it('exposes the correlation id on a 401', async () => {
    const response = await callApi(server, 'getUserrecordings', '/api/v2/userrecordings', {
      headers: { origin: APP_ORIGIN },
    });

    expect(response.status).toBe(401);
    expect(response.headers['access-control-allow-origin']).toBe(APP_ORIGIN);
    expect(response.headers['access-control-expose-headers']).toContain('inin-correlation-id');
  });

  it('allows no other origin', async () => {
    const response = await sendRequest(server.apiUrl, '/api/v2/userrecordings', {
      method: 'OPTIONS',
      headers: { origin: 'https://elsewhere.example', 'access-control-request-method': 'GET' },
    });

    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });
});
