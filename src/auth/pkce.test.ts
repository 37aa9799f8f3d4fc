import { describe, expect, it } from 'vitest';

import {
  base64UrlEncode,
  createCodeChallenge,
  createCodeVerifier,
  createState,
  VERIFIER_CHARSET,
} from './pkce';

const UNRESERVED = /^[A-Za-z0-9\-._~]+$/;

describe('createCodeVerifier', () => {
  it('uses only unreserved characters', () => {
    for (let index = 0; index < 50; index += 1) {
      expect(createCodeVerifier()).toMatch(UNRESERVED);
    }
  });

  it('has 64 characters by default', () => {
    expect(createCodeVerifier()).toHaveLength(64);
  });

  it('accepts lengths 43 and 128', () => {
    expect(createCodeVerifier(43)).toHaveLength(43);
    expect(createCodeVerifier(128)).toHaveLength(128);
  });

  it('rejects lengths outside 43 to 128', () => {
    expect(() => createCodeVerifier(42)).toThrow(RangeError);
    expect(() => createCodeVerifier(129)).toThrow(RangeError);
    expect(() => createCodeVerifier(50.5)).toThrow(RangeError);
  });

  it('differs between calls', () => {
    const verifiers = new Set(Array.from({ length: 20 }, () => createCodeVerifier()));
    expect(verifiers.size).toBe(20);
  });

  it('draws every character of the set', () => {
    // 200 verifiers of 128 characters: each of the 66 characters is expected
    // about 390 times, so a missing one means a biased or truncated draw.
    const seen = new Set<string>();
    for (let index = 0; index < 200; index += 1) {
      for (const character of createCodeVerifier(128)) {
        seen.add(character);
      }
    }
    expect([...seen].sort().join('')).toBe([...VERIFIER_CHARSET].sort().join(''));
  });
});

describe('createState', () => {
  it('is 32 unreserved characters', () => {
    const state = createState();
    expect(state).toHaveLength(32);
    expect(state).toMatch(UNRESERVED);
  });
});

describe('createCodeChallenge', () => {
  it('matches the RFC 7636 appendix B example', async () => {
    await expect(createCodeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).resolves.toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('is 43 base64url characters without padding', async () => {
    const challenge = await createCodeChallenge(createCodeVerifier());
    expect(challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe('base64UrlEncode', () => {
  it('replaces + and / and drops padding', () => {
    // 0xfb 0xff 0xbf is "+/+/" in standard base64.
    expect(base64UrlEncode(new Uint8Array([0xfb, 0xff, 0xbf]))).toBe('-_-_');
    expect(base64UrlEncode(new Uint8Array([0x61]))).toBe('YQ');
  });
});
