import { formatBytes, formatCount, formatDuration, formatShortDate } from '../../../lib/format';
import { recentWeeks, type RecordingStatistics } from '../compute-statistics';
import { BarChart } from './bar-chart';

/** Weeks the chart shows; older weeks stay in the table. */
const CHART_WEEKS = 26;

/** Total duration, total size and recordings per week, from a scan of every recording. */
export function CatalogStatistics({ statistics }: { statistics: RecordingStatistics }) {
  const weeks = recentWeeks(statistics.perWeek, CHART_WEEKS);
  return (
    <>
      <dl className="figures">
        <div>
          <dt>Recordings</dt>
          <dd>{formatCount(statistics.count)}</dd>
        </div>
        <div>
          <dt>Total duration</dt>
          <dd>{formatDuration(statistics.totalDurationMs)}</dd>
        </div>
        <div>
          <dt>Total size</dt>
          <dd>{formatBytes(statistics.totalBytes)}</dd>
        </div>
      </dl>
      {weeks.length > 0 && (
        <>
          <h3>Recordings per week</h3>
          <BarChart
            title={`Recordings per week, last ${weeks.length} weeks`}
            bars={weeks.map((week) => ({
              label: formatShortDate(week.weekStart),
              value: week.count,
            }))}
            labelEvery={Math.ceil(weeks.length / 4)}
          />
          <details className="week-table">
            <summary>Show every week as a table</summary>
            <table>
              <thead>
                <tr>
                  <th scope="col">Week starting</th>
                  <th scope="col" className="numeric">
                    Recordings
                  </th>
                </tr>
              </thead>
              <tbody>
                {statistics.perWeek.map((week) => (
                  <tr key={week.weekStart}>
                    <th scope="row">{formatShortDate(week.weekStart)}</th>
                    <td className="numeric">{week.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      )}
    </>
  );
}
