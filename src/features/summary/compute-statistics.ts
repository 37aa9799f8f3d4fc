import type { components } from '../../api';

type Recording = components['schemas']['UserRecording'];

export interface WeekCount {
  /** Monday 00:00 local time of the week, as an ISO string. */
  weekStart: string;
  count: number;
}

export interface RecordingStatistics {
  count: number;
  totalDurationMs: number;
  totalBytes: number;
  /** Recordings per week, oldest first, with empty weeks in between included. */
  perWeek: WeekCount[];
}

/** Returns Monday 00:00 local time of the week containing `date`. */
export function startOfWeek(date: Date): Date {
  const start = new Date(date.getFullYear(), date.getMonth(), date.getDate());
  const daysSinceMonday = (start.getDay() + 6) % 7;
  start.setDate(start.getDate() - daysSinceMonday);
  return start;
}

/** Adds up durations and sizes, and counts recordings per week of their creation date. */
export function computeStatistics(recordings: readonly Recording[]): RecordingStatistics {
  let totalDurationMs = 0;
  let totalBytes = 0;
  const counts = new Map<number, number>();

  for (const recording of recordings) {
    totalDurationMs += recording.durationMilliseconds ?? 0;
    totalBytes += recording.contentLength ?? 0;
    if (recording.dateCreated !== undefined) {
      const created = new Date(recording.dateCreated);
      if (!Number.isNaN(created.getTime())) {
        const week = startOfWeek(created).getTime();
        counts.set(week, (counts.get(week) ?? 0) + 1);
      }
    }
  }

  const perWeek: WeekCount[] = [];
  const weeks = [...counts.keys()].sort((a, b) => a - b);
  const first = weeks[0];
  const last = weeks.at(-1);
  if (first !== undefined && last !== undefined) {
    // Step by calendar days rather than by 7 × 24 h, so daylight saving changes
    // cannot shift a week's start off midnight.
    for (let week = new Date(first); week.getTime() <= last;) {
      perWeek.push({ weekStart: week.toISOString(), count: counts.get(week.getTime()) ?? 0 });
      week = new Date(week.getFullYear(), week.getMonth(), week.getDate() + 7);
    }
  }

  return { count: recordings.length, totalDurationMs, totalBytes, perWeek };
}

/** Returns the last `count` weeks of `perWeek`, the span a chart has room for. */
export function recentWeeks(perWeek: readonly WeekCount[], count: number): WeekCount[] {
  return perWeek.slice(Math.max(perWeek.length - count, 0));
}
