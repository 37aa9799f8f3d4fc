import { describe, expect, it } from 'vitest';

import { parseListParams, paths } from './paths';

describe('paths', () => {
  it('builds list URLs with page and size', () => {
    expect(paths.list({ page: 3, pageSize: 50 })).toBe('/?page=3&pageSize=50');
  });

  it('encodes recording ids', () => {
    expect(paths.recording('a b')).toBe('/recordings/a%20b');
  });
});

describe('parseListParams', () => {
  it('reads a valid page and size', () => {
    expect(parseListParams(new URLSearchParams('page=3&pageSize=50'))).toEqual({
      page: 3,
      pageSize: 50,
    });
  });

  it('defaults missing values', () => {
    expect(parseListParams(new URLSearchParams(''))).toEqual({ page: 1, pageSize: 25 });
  });

  it.each(['page=0', 'page=-2', 'page=abc', 'page=1.5'])('reads %s as page 1', (search) => {
    expect(parseListParams(new URLSearchParams(search)).page).toBe(1);
  });

  it('keeps the maximum page number', () => {
    expect(parseListParams(new URLSearchParams('page=2147483647')).page).toBe(2_147_483_647);
  });

  it.each(['page=2147483648', 'page=9007199254740993', 'page=' + '9'.repeat(30)])(
    'clamps %s to the maximum page number',
    (search) => {
      expect(parseListParams(new URLSearchParams(search)).page).toBe(2_147_483_647);
    },
  );

  it('replaces a size the list does not offer', () => {
    expect(parseListParams(new URLSearchParams('pageSize=33')).pageSize).toBe(25);
    expect(parseListParams(new URLSearchParams('pageSize=1000')).pageSize).toBe(25);
  });
});
