import { describe, expect, it } from 'vitest';

import { parseRangeHeader } from './range.ts';

describe('parseRangeHeader', () => {
  it.each([
    ['bytes=0-99', 1000, { start: 0, end: 99 }],
    ['bytes=100-', 1000, { start: 100, end: 999 }],
    ['bytes=990-2000', 1000, { start: 990, end: 999 }],
    ['bytes=-10', 1000, { start: 990, end: 999 }],
    ['bytes=-5000', 1000, { start: 0, end: 999 }],
    ['bytes=999-999', 1000, { start: 999, end: 999 }],
  ])('%s of %i bytes', (header, size, expected) => {
    expect(parseRangeHeader(header, size)).toEqual(expected);
  });

  it.each([
    ['bytes=1000-', 1000],
    ['bytes=1000-1001', 1000],
    ['bytes=-0', 1000],
    ['bytes=0-', 0],
    ['bytes=-1', 0],
  ])('%s of %i bytes is unsatisfiable', (header, size) => {
    expect(parseRangeHeader(header, size)).toBe('unsatisfiable');
  });

  it.each(['items=0-9', 'bytes=5-1', 'bytes=-', 'bytes=0-1,5-9', 'bytes=a-b', ''])(
    '%j is ignored',
    (header) => {
      expect(parseRangeHeader(header, 1000)).toBeUndefined();
    },
  );
});
