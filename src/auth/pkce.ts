/** The characters a PKCE code verifier may contain (RFC 7636, section 4.1): `A-Z a-z 0-9 - . _ ~`. */
export const VERIFIER_CHARSET =
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~';

export const MIN_VERIFIER_LENGTH = 43;
export const MAX_VERIFIER_LENGTH = 128;

/**
 * Creates a random string from VERIFIER_CHARSET with `crypto.getRandomValues`.
 * Bytes of 198 and above are drawn again, because 198 = 3 × 66 is the largest
 * multiple of the 66 characters below 256, so every character is equally likely.
 */
export function randomUnreservedString(length: number): string {
  const limit = VERIFIER_CHARSET.length * Math.floor(256 / VERIFIER_CHARSET.length);
  let result = '';
  while (result.length < length) {
    const bytes = crypto.getRandomValues(new Uint8Array(length * 2));
    for (const byte of bytes) {
      if (byte < limit && result.length < length) {
        result += VERIFIER_CHARSET[byte % VERIFIER_CHARSET.length];
      }
    }
  }
  return result;
}

/** Creates a PKCE code verifier of `length` characters (43 to 128; 64 gives 384 bits). */
export function createCodeVerifier(length = 64): string {
  if (!Number.isInteger(length) || length < MIN_VERIFIER_LENGTH || length > MAX_VERIFIER_LENGTH) {
    throw new RangeError(
      `A PKCE code verifier must be ${MIN_VERIFIER_LENGTH} to ${MAX_VERIFIER_LENGTH} characters long, not ${length}.`,
    );
  }
  return randomUnreservedString(length);
}

/** Creates the `state` parameter that ties a login callback to the request that started it. */
export function createState(): string {
  return randomUnreservedString(32);
}

/** Encodes bytes as base64url without padding (RFC 4648, section 5). */
export function base64UrlEncode(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) {
    binary += String.fromCharCode(byte);
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * Computes the S256 code challenge of a verifier: base64url, without padding, of
 * the SHA-256 of its ASCII bytes. `crypto.subtle` exists only in a secure context
 * (https, or http on localhost and 127.0.0.1).
 */
export async function createCodeChallenge(verifier: string): Promise<string> {
  if (globalThis.crypto?.subtle === undefined) {
    throw new Error(
      'Login needs the Web Crypto API, which browsers offer only over https or on localhost. Open the app over https.',
    );
  }
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64UrlEncode(new Uint8Array(digest));
}
