import type { ConnectionEndpoints } from './connection';
import { createCodeChallenge, createCodeVerifier, createState } from './pkce';
import {
  clearPendingLogin,
  readPendingLogin,
  sessionStorageOrUndefined,
  writePendingLogin,
  writeStoredToken,
  type PendingLogin,
  type StoredToken,
} from './token-storage';

/**
 * Token lifetime assumed when the token response has no `expires_in`, in
 * seconds: the Genesys Cloud default of 24 hours.
 */
const DEFAULT_TOKEN_LIFETIME_SECONDS = 24 * 3600;

/** How long a started login may take before its callback is rejected, in milliseconds. */
export const PENDING_LOGIN_TTL_MS = 30 * 60 * 1000;

/** A login that failed, with a message to show the user. */
export class LoginError extends Error {
  override readonly name = 'LoginError';
  /** Path of the page the user was on before the login started, for a "Try again" button. */
  readonly returnTo: string;

  constructor(message: string, returnTo = '/') {
    super(message);
    this.returnTo = returnTo;
  }
}

/**
 * Returns `value` when it is a path on this origin (`/…`), else `/`, so a
 * crafted return path cannot send the user to another site after login.
 */
export function safeReturnPath(value: string | null | undefined): string {
  if (
    value === null ||
    value === undefined ||
    !value.startsWith('/') ||
    value.startsWith('//') ||
    value.startsWith('/\\')
  ) {
    return '/';
  }
  return value;
}

export function buildAuthorizeUrl(options: {
  loginOrigin: string;
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  state: string;
}): string {
  const url = new URL('/oauth/authorize', options.loginOrigin);
  url.searchParams.set('client_id', options.clientId);
  url.searchParams.set('redirect_uri', options.redirectUri);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('code_challenge', options.codeChallenge);
  url.searchParams.set('code_challenge_method', 'S256');
  url.searchParams.set('state', options.state);
  return url.toString();
}

/** Builds the form body of the token request: no client secret, the verifier proves the client. */
export function buildTokenRequestBody(options: {
  code: string;
  codeVerifier: string;
  clientId: string;
  redirectUri: string;
}): URLSearchParams {
  return new URLSearchParams({
    grant_type: 'authorization_code',
    code: options.code,
    code_verifier: options.codeVerifier,
    client_id: options.clientId,
    redirect_uri: options.redirectUri,
  });
}

export function buildLogoutUrl(options: {
  loginOrigin: string;
  clientId: string;
  redirectUri: string;
}): string {
  const url = new URL('/logout', options.loginOrigin);
  url.searchParams.set('client_id', options.clientId);
  url.searchParams.set('redirect_uri', options.redirectUri);
  return url.toString();
}

/**
 * Starts a PKCE login: creates the verifier and state, keeps them in
 * sessionStorage with the return path, and returns the authorize URL to open.
 */
export async function prepareLogin(options: {
  endpoints: ConnectionEndpoints;
  redirectUri: string;
  returnTo: string;
  storage?: Storage | undefined;
  now?: number;
}): Promise<string> {
  const codeVerifier = createCodeVerifier();
  const state = createState();
  const codeChallenge = await createCodeChallenge(codeVerifier);
  writePendingLogin(
    {
      state,
      codeVerifier,
      returnTo: safeReturnPath(options.returnTo),
      loginOrigin: options.endpoints.loginOrigin,
      clientId: options.endpoints.clientId,
      redirectUri: options.redirectUri,
      apiBaseUrl: options.endpoints.apiBaseUrl,
      startedAt: options.now ?? Date.now(),
    },
    options.storage ?? sessionStorageOrUndefined(),
  );
  return buildAuthorizeUrl({
    loginOrigin: options.endpoints.loginOrigin,
    clientId: options.endpoints.clientId,
    redirectUri: options.redirectUri,
    codeChallenge,
    state,
  });
}

/** Returns whether a callback URL carries a login result, as opposed to the return from logout. */
export function isLoginResponse(search: URLSearchParams): boolean {
  return search.has('code') || search.has('error') || search.has('state');
}

/** Reads the OAuth error of a failed token response, or undefined when the body has none. */
async function readOAuthError(response: Response): Promise<string | undefined> {
  try {
    const body = (await response.json()) as unknown;
    if (typeof body === 'object' && body !== null && 'error' in body) {
      const { error } = body;
      const description = 'error_description' in body ? body.error_description : undefined;
      return typeof description === 'string' && description !== ''
        ? `${description} (${String(error)})`
        : String(error);
    }
  } catch {
    // A body that is not JSON has no OAuth error to show; the status is reported instead.
  }
  return undefined;
}

async function requestToken(
  pending: PendingLogin,
  code: string,
  fetchImpl: typeof fetch,
): Promise<{ accessToken: string; expiresInSeconds: number }> {
  let response: Response;
  try {
    response = await fetchImpl(new URL('/oauth/token', pending.loginOrigin).toString(), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: buildTokenRequestBody({
        code,
        codeVerifier: pending.codeVerifier,
        clientId: pending.clientId,
        redirectUri: pending.redirectUri,
      }),
    });
  } catch {
    throw new LoginError(
      `The login server ${pending.loginOrigin} could not be reached to finish the login. Check the connection and try again.`,
      pending.returnTo,
    );
  }
  if (!response.ok) {
    const detail = (await readOAuthError(response)) ?? `HTTP ${response.status}`;
    throw new LoginError(
      `The login server rejected the token request: ${detail}.`,
      pending.returnTo,
    );
  }
  const body = (await response.json().catch(() => undefined)) as unknown;
  if (
    typeof body !== 'object' ||
    body === null ||
    !('access_token' in body) ||
    typeof body.access_token !== 'string' ||
    body.access_token === ''
  ) {
    throw new LoginError(
      'The token response from the login server has no access_token.',
      pending.returnTo,
    );
  }
  const expiresIn = 'expires_in' in body ? Number(body.expires_in) : Number.NaN;
  return {
    accessToken: body.access_token,
    expiresInSeconds:
      Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : DEFAULT_TOKEN_LIFETIME_SECONDS,
  };
}

/**
 * Finishes a login from the callback's query string: checks `state` against the
 * login started in this tab (before trusting anything else in the URL), reports
 * an `error` from the login server, exchanges
 * the code for a token and stores it. Returns the path to go back to. Throws
 * LoginError with a message for the user. The pending login is removed in every
 * case, so a code is never redeemed twice.
 */
export async function completeLogin(
  search: URLSearchParams,
  options: { storage?: Storage | undefined; fetch?: typeof fetch; now?: () => number } = {},
): Promise<{ returnTo: string; token: StoredToken }> {
  const storage = options.storage ?? sessionStorageOrUndefined();
  const now = options.now ?? Date.now;
  const pending = readPendingLogin(storage);
  clearPendingLogin(storage);

  if (pending === undefined) {
    throw new LoginError(
      'No login was started in this tab, or it was already finished. Log in again.',
    );
  }
  const state = search.get('state');
  if (state === null || state !== pending.state) {
    throw new LoginError(
      'The login response does not belong to the login started in this tab (the state does not match). Log in again.',
      pending.returnTo,
    );
  }
  const error = search.get('error');
  if (error !== null) {
    const description = search.get('error_description');
    throw new LoginError(
      description !== null && description !== ''
        ? `The login failed: ${description} (${error}).`
        : `The login failed with the error "${error}".`,
      pending.returnTo,
    );
  }
  if (now() - pending.startedAt > PENDING_LOGIN_TTL_MS) {
    throw new LoginError(
      'The login took too long and has expired. Log in again.',
      pending.returnTo,
    );
  }
  const code = search.get('code');
  if (code === null || code === '') {
    throw new LoginError('The login response has no authorization code.', pending.returnTo);
  }

  const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const { accessToken, expiresInSeconds } = await requestToken(pending, code, fetchImpl);
  const token: StoredToken = {
    accessToken,
    expiresAt: now() + expiresInSeconds * 1000,
    apiBaseUrl: pending.apiBaseUrl,
    accepted: false,
    rejected: false,
  };
  writeStoredToken(token, storage);
  return { returnTo: pending.returnTo, token };
}
