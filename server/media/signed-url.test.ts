import { describe, expect, it } from 'vitest';

import { buildSignedUrl, checkSignedPath, signMediaPath } from './signed-url.ts';

const KEY = 'test-key';
const PATH = '/media/rec-1/MP3.mp3';
const NOW = Date.UTC(2025, 0, 1);

describe('signed media URLs', () => {
  it('builds a URL that checks as valid until it expires', () => {
    const url = new URL(buildSignedUrl('http://127.0.0.1:9000', PATH, KEY, 60, NOW));
    expect(url.pathname).toBe(PATH);
    const expires = url.searchParams.get('expires');
    const signature = url.searchParams.get('signature');
    expect(Number(expires)).toBe(NOW / 1000 + 60);
    expect(checkSignedPath(KEY, PATH, expires, signature, NOW)).toBe('valid');
    expect(checkSignedPath(KEY, PATH, expires, signature, NOW + 59_999)).toBe('valid');
    expect(checkSignedPath(KEY, PATH, expires, signature, NOW + 60_000)).toBe('expired');
  });

  it('rejects another key, path or expiry', () => {
    const expires = NOW / 1000 + 60;
    const signature = signMediaPath(KEY, PATH, expires);
    expect(checkSignedPath('other-key', PATH, String(expires), signature, NOW)).toBe('invalid');
    expect(checkSignedPath(KEY, '/media/rec-2/MP3.mp3', String(expires), signature, NOW)).toBe(
      'invalid',
    );
    expect(checkSignedPath(KEY, PATH, String(expires + 1), signature, NOW)).toBe('invalid');
  });

  it('rejects malformed values', () => {
    const expires = String(NOW / 1000 + 60);
    const signature = signMediaPath(KEY, PATH, Number(expires));
    expect(checkSignedPath(KEY, PATH, undefined, signature, NOW)).toBe('invalid');
    expect(checkSignedPath(KEY, PATH, expires, undefined, NOW)).toBe('invalid');
    expect(checkSignedPath(KEY, PATH, expires, signature.slice(2), NOW)).toBe('invalid');
    expect(checkSignedPath(KEY, PATH, expires, signature.toUpperCase(), NOW)).toBe('invalid');
    expect(checkSignedPath(KEY, PATH, `${expires}.5`, signature, NOW)).toBe('invalid');
    expect(checkSignedPath(KEY, PATH, [expires], signature, NOW)).toBe('invalid');
  });
});
