/**
 * The access token and the login in progress, kept in sessionStorage: they last
 * as long as the tab, are not shared with other tabs, and end when it closes.
 */

/** An access token from a completed login. */
export interface StoredToken {
  accessToken: string;
  /** When the token expires, in milliseconds since the epoch. */
  expiresAt: number;
  /** The API origin the token was issued for; it is never sent elsewhere. */
  apiBaseUrl: string;
  /** True once a request sent with it got a 2xx response. */
  accepted: boolean;
  /** True when the API rejected it before accepting it once, so a new login would likely loop. */
  rejected: boolean;
}

/** A login started in this tab, waiting for the callback. */
export interface PendingLogin {
  state: string;
  codeVerifier: string;
  /** Path, query and hash of the page to return to after login. */
  returnTo: string;
  loginOrigin: string;
  clientId: string;
  redirectUri: string;
  apiBaseUrl: string;
  /** When the login started, in milliseconds since the epoch. */
  startedAt: number;
}

export const TOKEN_STORAGE_KEY = 'recordings.auth.token';
export const PENDING_LOGIN_STORAGE_KEY = 'recordings.auth.pending';

export function sessionStorageOrUndefined(): Storage | undefined {
  try {
    return globalThis.sessionStorage;
  } catch {
    // Reading sessionStorage throws when the browser blocks storage for the site.
    return undefined;
  }
}

function readJson(storage: Storage | undefined, key: string): unknown {
  try {
    const text = storage?.getItem(key);
    return text === null || text === undefined ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

/** Reads a stored token from parsed JSON; anything incomplete returns undefined. */
export function parseStoredToken(value: unknown): StoredToken | undefined {
  if (
    !isRecord(value) ||
    !isNonEmptyString(value.accessToken) ||
    typeof value.expiresAt !== 'number' ||
    !Number.isFinite(value.expiresAt) ||
    !isNonEmptyString(value.apiBaseUrl)
  ) {
    return undefined;
  }
  return {
    accessToken: value.accessToken,
    expiresAt: value.expiresAt,
    apiBaseUrl: value.apiBaseUrl,
    accepted: value.accepted === true,
    rejected: value.rejected === true,
  };
}

/** Reads a pending login from parsed JSON; anything incomplete returns undefined. */
export function parsePendingLogin(value: unknown): PendingLogin | undefined {
  if (!isRecord(value) || typeof value.startedAt !== 'number') {
    return undefined;
  }
  const { state, codeVerifier, returnTo, loginOrigin, clientId, redirectUri, apiBaseUrl } = value;
  if (
    !isNonEmptyString(state) ||
    !isNonEmptyString(codeVerifier) ||
    !isNonEmptyString(returnTo) ||
    !isNonEmptyString(loginOrigin) ||
    !isNonEmptyString(clientId) ||
    !isNonEmptyString(redirectUri) ||
    !isNonEmptyString(apiBaseUrl)
  ) {
    return undefined;
  }
  return {
    state,
    codeVerifier,
    returnTo,
    loginOrigin,
    clientId,
    redirectUri,
    apiBaseUrl,
    startedAt: value.startedAt,
  };
}

export function readStoredToken(storage = sessionStorageOrUndefined()): StoredToken | undefined {
  return parseStoredToken(readJson(storage, TOKEN_STORAGE_KEY));
}

export function writeStoredToken(token: StoredToken, storage = sessionStorageOrUndefined()): void {
  storage?.setItem(TOKEN_STORAGE_KEY, JSON.stringify(token));
}

export function clearStoredToken(storage = sessionStorageOrUndefined()): void {
  storage?.removeItem(TOKEN_STORAGE_KEY);
}

export function readPendingLogin(storage = sessionStorageOrUndefined()): PendingLogin | undefined {
  return parsePendingLogin(readJson(storage, PENDING_LOGIN_STORAGE_KEY));
}

/** Stores the login in progress; throws when the browser does not allow storage. */
export function writePendingLogin(
  pending: PendingLogin,
  storage = sessionStorageOrUndefined(),
): void {
  if (storage === undefined) {
    throw new Error('Login needs session storage, which the browser blocks for this site.');
  }
  storage.setItem(PENDING_LOGIN_STORAGE_KEY, JSON.stringify(pending));
}

export function clearPendingLogin(storage = sessionStorageOrUndefined()): void {
  storage?.removeItem(PENDING_LOGIN_STORAGE_KEY);
}
