import { describe, expect, it } from 'vitest';

import { computeStatistics, recentWeeks, startOfWeek } from './compute-statistics';

function localIso(year: number, month: number, day: number, hour = 12): string {
  return new Date(year, month - 1, day, hour).toISOString();
}

describe('startOfWeek', () => {
  it('returns Monday midnight for every day of the week', () => {
    for (let day = 3; day <= 9; day += 1) {
      const start = startOfWeek(new Date(2025, 2, day, 15, 30));

      expect(start.getDay()).toBe(1);
      expect(start.getDate()).toBe(3);
      expect(start.getHours()).toBe(0);
    }
  });
});

describe('computeStatistics', () => {
  it('adds durations and sizes', () => {
    const stats = computeStatistics([
      { durationMilliseconds: 1000, contentLength: 10 },
      { durationMilliseconds: 2500, contentLength: 32 },
      {},
    ]);

    expect(stats.count).toBe(3);
    expect(stats.totalDurationMs).toBe(3500);
    expect(stats.totalBytes).toBe(42);
  });

  it('counts per week with empty weeks between', () => {
    const stats = computeStatistics([
      { dateCreated: localIso(2025, 3, 3) },
      { dateCreated: localIso(2025, 3, 9) },
      { dateCreated: localIso(2025, 3, 20) },
    ]);

    expect(stats.perWeek.map((week) => week.count)).toEqual([2, 0, 1]);
    expect(new Date(stats.perWeek[0]?.weekStart ?? '').getDate()).toBe(3);
    expect(new Date(stats.perWeek[2]?.weekStart ?? '').getDate()).toBe(17);
  });

  it('returns no weeks without dates', () => {
    expect(computeStatistics([{ name: 'x' }]).perWeek).toEqual([]);
  });
});

describe('recentWeeks', () => {
  it('keeps the last weeks', () => {
    const weeks = [1, 2, 3].map((count) => ({ weekStart: String(count), count }));

    expect(recentWeeks(weeks, 2).map((week) => week.count)).toEqual([2, 3]);
    expect(recentWeeks(weeks, 5)).toHaveLength(3);
  });
});
