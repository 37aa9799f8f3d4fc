import { describe, expect, it } from 'vitest';

import {
  formatBytes,
  formatCount,
  formatDuration,
  formatRecordingCount,
  formatExactDateTime,
  formatRelativeTime,
} from './format';

const NOW = new Date('2025-03-04T12:00:00.000Z');

describe('formatDuration', () => {
  it.each([
    [0, '0:00:00'],
    [1, '0:00:01'],
    [999, '0:00:01'],
    [1999, '0:00:01'],
    [1000, '0:00:01'],
    [65_000, '0:01:05'],
    [3_600_000, '1:00:00'],
    [3_723_400, '1:02:03'],
    [36_000_000 + 59_000, '10:00:59'],
    [-5000, '0:00:00'],
    [Number.NaN, '0:00:00'],
  ])('formats %d ms as %s', (milliseconds, expected) => {
    expect(formatDuration(milliseconds)).toBe(expected);
  });
});

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [999, '999 B'],
    [1000, '1 kB'],
    [1_500_000, '1.5 MB'],
    [2_345_678_901, '2.3 GB'],
  ])('formats %d bytes as %s', (bytes, expected) => {
    expect(formatBytes(bytes, 'en-US')).toBe(expected);
  });

  it('uses the locale decimal separator', () => {
    expect(formatBytes(1_500_000, 'de-DE')).toBe('1,5 MB');
  });
});

describe('formatRelativeTime', () => {
  it.each([
    ['2025-03-04T11:59:30.000Z', '30 seconds ago'],
    ['2025-03-04T11:55:00.000Z', '5 minutes ago'],
    ['2025-03-04T09:00:00.000Z', '3 hours ago'],
    ['2025-03-03T12:00:00.000Z', 'yesterday'],
    ['2025-02-18T12:00:00.000Z', '2 weeks ago'],
    ['2024-03-04T12:00:00.000Z', 'last year'],
    ['2025-03-04T12:00:00.000Z', 'now'],
  ])('formats %s as %s', (date, expected) => {
    expect(formatRelativeTime(date, NOW, 'en-US')).toBe(expected);
  });

  it('formats in the given locale', () => {
    expect(formatRelativeTime('2025-03-04T09:00:00.000Z', NOW, 'fr-FR')).toBe('il y a 3 heures');
  });
});

describe('formatExactDateTime', () => {
  it('includes the weekday, date and seconds', () => {
    const text = formatExactDateTime(new Date(2025, 2, 4, 14, 5, 9), 'en-GB');

    expect(text).toContain('Tuesday');
    expect(text).toContain('4 March 2025');
    expect(text).toContain('14:05:09');
  });
});

describe('formatCount', () => {
  it('groups thousands', () => {
    expect(formatCount(12345, 'en-US')).toBe('12,345');
  });
});

describe('formatRecordingCount', () => {
  it.each([
    [0, '0 recordings'],
    [1, '1 recording'],
    [2, '2 recordings'],
    [1500, '1,500 recordings'],
  ])('formats %d as %s', (count, expected) => {
    expect(formatRecordingCount(count, 'en-US')).toBe(expected);
  });
});
