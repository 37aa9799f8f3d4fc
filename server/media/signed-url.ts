import { createHmac, timingSafeEqual } from 'node:crypto';

/** HMAC-SHA256, hex, over the URL path and the expiry time. */
export function signMediaPath(key: string, path: string, expires: number): string {
  return createHmac('sha256', key).update(`${path}\n${expires}`).digest('hex');
}

/**
 * Builds an absolute media URL that is valid for `ttlSeconds`:
 * `${base}${path}?expires=<unix seconds>&signature=<hex>`.
 */
export function buildSignedUrl(
  base: string,
  path: string,
  key: string,
  ttlSeconds: number,
  nowMs = Date.now(),
): string {
  const expires = Math.floor(nowMs / 1000) + ttlSeconds;
  const signature = signMediaPath(key, path, expires);
  return `${base}${path}?expires=${expires}&signature=${signature}`;
}

export type SignatureCheck = 'valid' | 'expired' | 'invalid';

const EXPIRES_PATTERN = /^[0-9]{1,12}$/;
const SIGNATURE_PATTERN = /^[0-9a-f]{64}$/;

/**
 * Checks the `expires` and `signature` query values of a media URL. The signature
 * is compared in constant time, and checked before the expiry so that a forged URL
 * is reported as invalid rather than expired.
 */
export function checkSignedPath(
  key: string,
  path: string,
  expires: unknown,
  signature: unknown,
  nowMs = Date.now(),
): SignatureCheck {
  if (
    typeof expires !== 'string' ||
    typeof signature !== 'string' ||
    !EXPIRES_PATTERN.test(expires) ||
    !SIGNATURE_PATTERN.test(signature)
  ) {
    return 'invalid';
  }
  const expected = Buffer.from(signMediaPath(key, path, Number(expires)), 'hex');
  const received = Buffer.from(signature, 'hex');
  if (!timingSafeEqual(expected, received)) {
    return 'invalid';
  }
  return Number(expires) * 1000 <= nowMs ? 'expired' : 'valid';
}
