import { useSuspenseQuery } from '@tanstack/react-query';
import { useMemo } from 'react';

import { ErrorPanel } from '../../components/error-panel';
import { RelativeTime } from '../../components/relative-time';
import { recordingSummaryOptions, useRecordingCatalog } from '../../features/recordings';
import {
  CatalogStatistics,
  computeStatistics,
  ReadCounts,
  ScanProgress,
} from '../../features/summary';
import { queryClient } from '../query-client';

export async function loader() {
  await queryClient.ensureQueryData(recordingSummaryOptions());
  return null;
}

function CatalogPanel() {
  const { query, progress, cancel, restart } = useRecordingCatalog();
  const catalog = query.data;
  const statistics = useMemo(
    () => (catalog === undefined ? undefined : computeStatistics(catalog.recordings)),
    [catalog],
  );

  return (
    <section className="card" aria-labelledby="catalog-heading">
      <h2 id="catalog-heading">All recordings</h2>
      {query.isFetching && (
        <ScanProgress loaded={progress.loaded} total={progress.total} onCancel={cancel} />
      )}
      {query.isError && !query.isFetching && (
        <ErrorPanel
          error={query.error}
          title="The statistics could not be computed"
          onRetry={restart}
        />
      )}
      {catalog === undefined && !query.isFetching && !query.isError && (
        <p>
          The scan was canceled.{' '}
          <button type="button" className="button" onClick={restart}>
            Compute statistics
          </button>
        </p>
      )}
      {catalog !== undefined && statistics !== undefined && (
        <>
          <CatalogStatistics statistics={statistics} />
          <p className="muted">
            Computed <RelativeTime date={catalog.completedAt} />.{' '}
            <button type="button" className="button" onClick={restart} disabled={query.isFetching}>
              Compute again
            </button>
          </p>
        </>
      )}
    </section>
  );
}

export function Component() {
  const { data: summary } = useSuspenseQuery(recordingSummaryOptions());
  return (
    <section aria-labelledby="summary-heading" className="summary">
      <title>Summary · Recordings</title>
      <h1 id="summary-heading">Summary</h1>
      <ReadCounts
        readCount={summary.readCount ?? 0}
        unreadCount={summary.unreadCount ?? 0}
        totalCount={summary.totalCount ?? 0}
      />
      <CatalogPanel />
    </section>
  );
}
