import { formatCount } from '../../../lib/format';
import { BarChart } from './bar-chart';

/** The read, unread and total counts as figures and as a bar chart. */
export function ReadCounts({
  readCount,
  unreadCount,
  totalCount,
}: {
  readCount: number;
  unreadCount: number;
  totalCount: number;
}) {
  return (
    <section className="card" aria-labelledby="read-counts-heading">
      <h2 id="read-counts-heading">Read and unread</h2>
      <dl className="figures">
        <div>
          <dt>Unread</dt>
          <dd>{formatCount(unreadCount)}</dd>
        </div>
        <div>
          <dt>Read</dt>
          <dd>{formatCount(readCount)}</dd>
        </div>
        <div>
          <dt>Total</dt>
          <dd>{formatCount(totalCount)}</dd>
        </div>
      </dl>
      <BarChart
        title="Recordings by read status"
        bars={[
          { label: 'Unread', value: unreadCount, className: 'bar-chart__bar--unread' },
          { label: 'Read', value: readCount, className: 'bar-chart__bar--read' },
        ]}
      />
    </section>
  );
}
