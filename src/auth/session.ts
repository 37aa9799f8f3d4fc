import {
  setAccessTokenProvider,
  setApiBaseUrlProvider,
  setAuthenticationHandlers,
  type ApiError,
} from '../api';
import {
  connectionEndpoints,
  readConnectionSettings,
  redirectUriFor,
  type ConnectionEndpoints,
} from './connection';
import { buildLogoutUrl, prepareLogin } from './login';
import {
  clearPendingLogin,
  clearStoredToken,
  readStoredToken,
  writeStoredToken,
  type StoredToken,
} from './token-storage';

/**
 * Time before a token's expiry from which it is no longer sent, in milliseconds,
 * so a request does not reach the server just after the token ran out.
 */
const EXPIRY_MARGIN_MS = 10_000;

/** The login state the layout shows. */
export interface AuthSnapshot {
  /** The token for the current connection, or undefined when not logged in. */
  token: StoredToken | undefined;
  /** True when the connection needs a login before any API call (Genesys Cloud). */
  loginRequired: boolean;
  /** True when the API rejected the token of the last login, so login does not start by itself. */
  tokenRejected: boolean;
  /** True when the token of the last login has expired. */
  tokenExpired: boolean;
}

const listeners = new Set<() => void>();
let snapshot: AuthSnapshot | undefined;
let loginRedirect: Promise<never> | undefined;

function pageOrigin(): string {
  return globalThis.location.origin;
}

/** Returns the API and login URLs of the stored connection settings. */
export function currentEndpoints(): ConnectionEndpoints {
  return connectionEndpoints(readConnectionSettings(), pageOrigin());
}

/** Returns the stored token when it belongs to the current connection, whether or not it expired. */
function tokenForConnection(endpoints = currentEndpoints()): StoredToken | undefined {
  const token = readStoredToken();
  return token?.apiBaseUrl === endpoints.apiBaseUrl ? token : undefined;
}

function isUsable(token: StoredToken | undefined, now = Date.now()): token is StoredToken {
  return token !== undefined && !token.rejected && token.expiresAt - EXPIRY_MARGIN_MS > now;
}

/** Tells subscribers to read the login state again, for example when a token expired. */
export function notify(): void {
  snapshot = undefined;
  for (const listener of listeners) {
    listener();
  }
}

/** Subscribes to changes of the login state in this tab; returns the unsubscribe function. */
export function subscribeToAuth(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** Returns the login state; the same object until it changes, as useSyncExternalStore needs. */
export function getAuthSnapshot(): AuthSnapshot {
  if (snapshot === undefined) {
    const endpoints = currentEndpoints();
    const token = tokenForConnection(endpoints);
    snapshot = {
      token: isUsable(token) ? token : undefined,
      loginRequired: endpoints.loginRequired,
      tokenRejected: token?.rejected === true,
      tokenExpired: token !== undefined && !token.rejected && !isUsable(token),
    };
  }
  return snapshot;
}

/** Returns the path, query and hash of the page in the address bar. */
function addressBarPath(): string {
  const { pathname, search, hash } = globalThis.location;
  return `${pathname}${search}${hash}`;
}

let returnPathProvider: () => string = addressBarPath;

/**
 * Sets where a login started by a failed request comes back to. The router
 * passes the page being navigated to, because a loader's request fails before
 * the address bar shows the new page.
 */
export function setLoginReturnPathProvider(provider: () => string): void {
  returnPathProvider = provider;
}

/** Returns the path, query and hash of the page a login comes back to. */
export function currentReturnPath(): string {
  return returnPathProvider();
}

/**
 * Redirects to the login page of the current connection and returns a promise
 * that never settles, because the page unloads. Calls made while a redirect is
 * under way share it, so the login starts once.
 */
export function startLogin(returnTo = currentReturnPath()): Promise<never> {
  if (loginRedirect === undefined) {
    const redirect = prepareLogin({
      endpoints: currentEndpoints(),
      redirectUri: redirectUriFor(pageOrigin()),
      returnTo,
    }).then((authorizeUrl) => {
      globalThis.location.assign(authorizeUrl);
      return new Promise<never>(() => {});
    });
    // A failure before the redirect (no Web Crypto, storage blocked) allows a later attempt.
    redirect.catch(() => {
      loginRedirect = undefined;
    });
    loginRedirect = redirect;
  }
  return loginRedirect;
}

/**
 * Handles a missing, expired or rejected token. A token that the API accepted
 * before and now rejects was revoked or ran out: log in again. A fresh token
 * that the API rejects before accepting it once would make every login end in
 * another 401, so it is marked rejected and the request fails instead, leaving
 * the user a "Log in again" button.
 */
async function handleUnauthorized(_error: ApiError): Promise<void> {
  if (loginRedirect !== undefined) {
    return loginRedirect;
  }
  const token = tokenForConnection();
  if (token !== undefined && token.rejected) {
    return undefined;
  }
  if (token !== undefined && !token.accepted && token.expiresAt - EXPIRY_MARGIN_MS > Date.now()) {
    writeStoredToken({ ...token, rejected: true });
    notify();
    return undefined;
  }
  return startLogin();
}

function markTokenAccepted(): void {
  const token = tokenForConnection();
  if (token !== undefined && !token.accepted) {
    writeStoredToken({ ...token, accepted: true });
    notify();
  }
}

/** Removes the token and any login in progress, for example after the connection changed. */
export function forgetSession(): void {
  clearStoredToken();
  clearPendingLogin();
  notify();
}

/** Tells subscribers that a login completed, so the layout shows the new token. */
export function notifyLoginCompleted(): void {
  notify();
}

/**
 * Logs out: forgets the token and opens the login server's logout page, which
 * comes back to the callback page of this app.
 */
export function logout(): void {
  const endpoints = currentEndpoints();
  forgetSession();
  globalThis.location.assign(
    buildLogoutUrl({
      loginOrigin: endpoints.loginOrigin,
      clientId: endpoints.clientId,
      redirectUri: redirectUriFor(pageOrigin()),
    }),
  );
}

/**
 * Connects the API client to the connection settings and the stored token: its
 * base URL, the bearer token, and login on 401. Call once at start-up.
 */
export function installAuthentication(): void {
  setApiBaseUrlProvider(() => currentEndpoints().apiBaseUrl);
  setAccessTokenProvider(() => {
    const token = tokenForConnection();
    return isUsable(token) ? token.accessToken : undefined;
  });
  setAuthenticationHandlers({
    isTokenRequired: () => currentEndpoints().loginRequired,
    onUnauthorized: handleUnauthorized,
    onTokenAccepted: markTokenAccepted,
  });
  // Another tab changing the connection settings changes this tab's API too.
  globalThis.addEventListener('storage', notify);
}
