import { formatExactDateTime, formatRelativeTime } from '../lib/format';

/** A date shown relative to now, with the exact date and time on hover. */
export function RelativeTime({ date, now }: { date: string; now?: Date }) {
  const exact = formatExactDateTime(date);
  return (
    <time dateTime={date} title={exact}>
      {formatRelativeTime(date, now)}
    </time>
  );
}
