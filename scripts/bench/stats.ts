/** Median, minimum and maximum of a set of measurements. */
export interface Summary {
  median: number;
  min: number;
  max: number;
  count: number;
}

/** Summarises the finite values; returns undefined when there are none. */
export function summarize(values: readonly (number | null | undefined)[]): Summary | undefined {
  const sorted = values
    .filter((value): value is number => typeof value === 'number' && Number.isFinite(value))
    .sort((a, b) => a - b);
  if (sorted.length === 0) {
    return undefined;
  }
  const middle = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1
      ? (sorted[middle] as number)
      : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  return {
    median,
    min: sorted[0] as number,
    max: sorted[sorted.length - 1] as number,
    count: sorted.length,
  };
}

/** Formats a summary as `median (min–max)` with the given unit conversion and decimals. */
export function formatSummary(
  summary: Summary | undefined,
  scale: number,
  decimals: number,
  unit: string,
): string {
  if (summary === undefined) {
    return 'n/a';
  }
  const format = (value: number) => (value / scale).toFixed(decimals);
  const range = summary.count > 1 ? ` (${format(summary.min)}–${format(summary.max)})` : ' (1 run)';
  return `${format(summary.median)} ${unit}${range}`;
}
