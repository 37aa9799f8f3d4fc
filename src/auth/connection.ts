import { isRegionKey, regionApiOrigin, regionLoginOrigin, type RegionKey } from './regions';

/**
 * Where the app sends its API calls. `emulator` is the page's own origin (the
 * local emulator, or a proxy to it), which asks for login only when it answers
 * 401. `genesys` is Genesys Cloud in a region, where every call needs a token
 * from a PKCE login with the given OAuth client.
 */
export type ConnectionSettings =
  { kind: 'emulator' } | { kind: 'genesys'; region: RegionKey; clientId: string };

export const DEFAULT_CONNECTION: ConnectionSettings = { kind: 'emulator' };

/** localStorage key of the connection settings. */
export const CONNECTION_STORAGE_KEY = 'recordings.connection';

/**
 * OAuth client id sent to the emulator's login, which accepts any id. Genesys
 * client ids are UUIDs, so this one cannot be confused with a real one.
 */
export const EMULATOR_CLIENT_ID = 'recordings-web-emulator';

/** Path of the app's login callback; `${origin}/auth/callback` is the redirect URI to register. */
export const CALLBACK_PATH = '/auth/callback';

/** Longest accepted OAuth client id; Genesys ids are 36-character UUIDs. */
const MAX_CLIENT_ID_LENGTH = 200;

/** The URLs and client a connection uses. */
export interface ConnectionEndpoints {
  /** Origin of the API, without a trailing slash. */
  apiBaseUrl: string;
  /** Origin of `/oauth/authorize`, `/oauth/token` and `/logout`. */
  loginOrigin: string;
  clientId: string;
  /** Whether every API call needs a token, so login starts before the first call. */
  loginRequired: boolean;
}

/** Returns the error message for an OAuth client id, or undefined when it is valid. */
export function validateClientId(value: string): string | undefined {
  const trimmed = value.trim();
  if (trimmed === '') {
    return 'Enter the OAuth client id.';
  }
  if (trimmed.length > MAX_CLIENT_ID_LENGTH) {
    return `The OAuth client id is longer than ${MAX_CLIENT_ID_LENGTH} characters.`;
  }
  if (/\s/.test(trimmed)) {
    return 'The OAuth client id must not contain spaces.';
  }
  return undefined;
}

/**
 * Reads connection settings from parsed JSON. Anything that is not a complete,
 * valid setting returns the default (the emulator), so bad stored data never
 * breaks the app.
 */
export function parseConnectionSettings(value: unknown): ConnectionSettings {
  if (typeof value !== 'object' || value === null || !('kind' in value)) {
    return DEFAULT_CONNECTION;
  }
  if (value.kind === 'emulator') {
    return { kind: 'emulator' };
  }
  if (
    value.kind === 'genesys' &&
    'region' in value &&
    isRegionKey(value.region) &&
    'clientId' in value &&
    typeof value.clientId === 'string' &&
    validateClientId(value.clientId) === undefined
  ) {
    return { kind: 'genesys', region: value.region, clientId: value.clientId.trim() };
  }
  return DEFAULT_CONNECTION;
}

function localStorageOrUndefined(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    // Reading localStorage throws when the browser blocks storage for the site.
    return undefined;
  }
}

/** Reads the stored connection settings; missing, unreadable or invalid data returns the default. */
export function readConnectionSettings(storage = localStorageOrUndefined()): ConnectionSettings {
  let text: string | null | undefined;
  try {
    text = storage?.getItem(CONNECTION_STORAGE_KEY);
  } catch {
    return DEFAULT_CONNECTION;
  }
  if (text === null || text === undefined) {
    return DEFAULT_CONNECTION;
  }
  try {
    return parseConnectionSettings(JSON.parse(text));
  } catch {
    return DEFAULT_CONNECTION;
  }
}

/** Stores connection settings; throws when the browser does not allow storage. */
export function writeConnectionSettings(
  settings: ConnectionSettings,
  storage = localStorageOrUndefined(),
): void {
  if (storage === undefined) {
    throw new Error('The browser does not allow this site to store settings.');
  }
  storage.setItem(CONNECTION_STORAGE_KEY, JSON.stringify(settings));
}

/** Returns the redirect URI of the app at `pageOrigin`, to register on the OAuth client. */
export function redirectUriFor(pageOrigin: string): string {
  return `${pageOrigin}${CALLBACK_PATH}`;
}

/** Returns the API and login URLs of a connection for a page served from `pageOrigin`. */
export function connectionEndpoints(
  settings: ConnectionSettings,
  pageOrigin: string,
): ConnectionEndpoints {
  if (settings.kind === 'genesys') {
    return {
      apiBaseUrl: regionApiOrigin(settings.region),
      loginOrigin: regionLoginOrigin(settings.region),
      clientId: settings.clientId,
      loginRequired: true,
    };
  }
  return {
    apiBaseUrl: pageOrigin,
    loginOrigin: pageOrigin,
    clientId: EMULATOR_CLIENT_ID,
    loginRequired: false,
  };
}

/** Returns whether two settings point at the same API with the same client. */
export function sameConnection(a: ConnectionSettings, b: ConnectionSettings): boolean {
  if (a.kind === 'emulator' || b.kind === 'emulator') {
    return a.kind === b.kind;
  }
  return a.region === b.region && a.clientId === b.clientId;
}
