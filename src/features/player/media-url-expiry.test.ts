import { describe, expect, it } from 'vitest';

import { readUrlExpiry, renewalDelay } from './media-url-expiry';

const NOW = Date.UTC(2025, 2, 4, 10, 0, 0);

describe('readUrlExpiry', () => {
  it('reads expires in Unix seconds', () => {
    const url = 'http://127.0.0.1:4010/media/r1/a.mp3?expires=1741082400&signature=ab';

    expect(readUrlExpiry(url)).toBe(1_741_082_400_000);
  });

  it('reads the capitalised Expires of S3 and CloudFront', () => {
    const url = 'https://cdn.example.com/a.mp3?Expires=1741082400&Signature=x&Key-Pair-Id=k';

    expect(readUrlExpiry(url)).toBe(1_741_082_400_000);
  });

  it('adds X-Amz-Expires to X-Amz-Date', () => {
    const url =
      'https://bucket.s3.amazonaws.com/a.mp3?X-Amz-Algorithm=AWS4-HMAC-SHA256' +
      '&X-Amz-Date=20250304T100000Z&X-Amz-Expires=900&X-Amz-Signature=ff';

    expect(readUrlExpiry(url)).toBe(NOW + 900_000);
  });

  it.each([
    ['no expiry', 'https://media.example.com/a.mp3?token=abc'],
    ['a non-numeric expires', 'https://media.example.com/a.mp3?expires=soon'],
    ['a malformed X-Amz-Date', 'https://b.example.com/a?X-Amz-Date=2025-03-04&X-Amz-Expires=60'],
    ['an invalid URL', 'not a url'],
  ])('returns undefined for %s', (_case, url) => {
    expect(readUrlExpiry(url)).toBeUndefined();
  });
});

describe('renewalDelay', () => {
  const expiringIn = (seconds: number) =>
    `http://127.0.0.1/media/r1/a.mp3?expires=${NOW / 1000 + seconds}&signature=ab`;

  it('renews when a tenth of a long lifetime is left', () => {
    expect(renewalDelay(expiringIn(600), NOW)).toBe(540_000);
  });

  it('keeps at least 10 s of margin', () => {
    expect(renewalDelay(expiringIn(60), NOW)).toBe(50_000);
  });

  it('leaves short-lived links to the stall check', () => {
    expect(renewalDelay(expiringIn(29), NOW)).toBeUndefined();
    expect(renewalDelay(expiringIn(-5), NOW)).toBeUndefined();
  });

  it('caps the delay at the longest timer', () => {
    expect(renewalDelay(expiringIn(60 * 24 * 3600), NOW)).toBe(2_147_483_647);
  });

  it('returns undefined without an expiry', () => {
    expect(renewalDelay('http://127.0.0.1/media/r1/a.mp3', NOW)).toBeUndefined();
  });
});
