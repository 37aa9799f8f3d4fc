import { describe, expect, it } from 'vitest';

import { formatPositionText, formatTime, parseTime, parseTimeFragment, timeFragment } from './time';

describe('formatTime', () => {
  it.each([
    [0, '0:00'],
    [5.9, '0:05'],
    [65, '1:05'],
    [270, '4:30'],
    [3600, '1:00:00'],
    [3905, '1:05:05'],
  ])('formats %s seconds as %s', (seconds, text) => {
    expect(formatTime(seconds)).toBe(text);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, -3])('formats %s as 0:00', (seconds) => {
    expect(formatTime(seconds)).toBe('0:00');
  });

  it('builds the spoken slider position', () => {
    expect(formatPositionText(65, 270)).toBe('1:05 of 4:30');
  });
});

describe('parseTime', () => {
  it.each([
    ['83', 83],
    ['83.5', 83.5],
    ['1:23', 83],
    ['01:02:03', 3723],
    ['1h2m3s', 3723],
    ['2m', 120],
    ['45s', 45],
  ])('parses %s as %s seconds', (text, seconds) => {
    expect(parseTime(text)).toBe(seconds);
  });

  it.each(['', 'abc', '-5', '1:75', '1::2', 'h'])('rejects %j', (text) => {
    expect(parseTime(text)).toBeUndefined();
  });
});

describe('parseTimeFragment', () => {
  it('reads t in minutes and seconds', () => {
    expect(parseTimeFragment('#t=1:23')).toBe(83);
  });

  it('reads t in seconds', () => {
    expect(parseTimeFragment('#t=83')).toBe(83);
  });

  it('reads t among other parameters', () => {
    expect(parseTimeFragment('#x=1&t=2%3A00')).toBe(120);
  });

  it('returns undefined without t', () => {
    expect(parseTimeFragment('')).toBeUndefined();
    expect(parseTimeFragment('#top')).toBeUndefined();
  });

  it('returns undefined for an invalid t', () => {
    expect(parseTimeFragment('#t=soon')).toBeUndefined();
  });

  it('round-trips with timeFragment', () => {
    expect(timeFragment(83.7)).toBe('#t=1:23');
    expect(parseTimeFragment(timeFragment(3723))).toBe(3723);
  });
});
