import { useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';

import { formatRecordingCount } from '../../../lib/format';

import { usePendingDeletes } from '../api/pending-deletes';
import type { RecordingListParams } from '../api/recording-keys';
import { recordingListOptions } from '../api/recording-queries';
import { BulkActions } from './bulk-actions';
import { PageFilter, matchesNameFilter } from './page-filter';
import { Pagination } from './pagination';
import { RecordingsTable } from './recordings-table';

export interface RecordingsListProps {
  params: RecordingListParams;
  pageHref: (page: number, pageSize: number) => string;
  recordingHref: (id: string) => string;
  onPageSizeChange: (pageSize: number) => void;
}

/**
 * One page of recordings with its filter, selection, bulk actions and paging.
 * Suspends until the page is loaded; the next page is prefetched.
 */
export function RecordingsList({
  params,
  pageHref,
  recordingHref,
  onPageSizeChange,
}: RecordingsListProps) {
  const queryClient = useQueryClient();
  const { data: listing } = useSuspenseQuery(recordingListOptions(params));
  const { pendingIds } = usePendingDeletes();
  const [filter, setFilter] = useState('');
  const [selectedIds, setSelectedIds] = useState<ReadonlySet<string>>(new Set());

  const pageCount = listing.pageCount ?? 1;
  const { page, pageSize } = params;
  useEffect(() => {
    if (page < pageCount) {
      void queryClient.prefetchQuery(recordingListOptions({ page: page + 1, pageSize }));
    }
  }, [queryClient, page, pageSize, pageCount]);

  // A new page starts with nothing selected.
  const [selectionPage, setSelectionPage] = useState(params);
  if (selectionPage.page !== page || selectionPage.pageSize !== pageSize) {
    setSelectionPage(params);
    setSelectedIds(new Set());
  }

  const loaded = (listing.entities ?? []).filter(
    (recording) => !pendingIds.has(recording.id ?? ''),
  );
  const shown = loaded.filter((recording) => matchesNameFilter(recording.name ?? '', filter));
  const selected = loaded.filter((recording) => selectedIds.has(recording.id ?? ''));
  const total = Math.max((listing.total ?? 0) - (listing.entities?.length ?? 0) + loaded.length, 0);

  if (total === 0) {
    return (
      <div className="empty-state">
        <h2>No recordings yet</h2>
        <p>Recordings you make in Genesys Cloud show up here.</p>
      </div>
    );
  }

  return (
    <>
      <div className="list-toolbar">
        <PageFilter
          value={filter}
          onChange={setFilter}
          shown={shown.length}
          loaded={loaded.length}
        />
        <BulkActions selected={selected} onDone={() => setSelectedIds(new Set())} />
      </div>
      {loaded.length === 0 ? (
        <div className="empty-state">
          <h2>This page is empty</h2>
          <p>
            There {total === 1 ? 'is' : 'are'} {formatRecordingCount(total)} on {pageCount}{' '}
            {pageCount === 1 ? 'page' : 'pages'}.{' '}
            <Link to={pageHref(Math.max(pageCount, 1), pageSize)}>Go to the last page</Link>
          </p>
        </div>
      ) : (
        <>
          <RecordingsTable
            recordings={shown}
            selectedIds={selectedIds}
            onSelectionChange={setSelectedIds}
            recordingHref={recordingHref}
            caption={`Recordings, page ${page} of ${Math.max(pageCount, 1)}`}
          />
          {shown.length === 0 && (
            <p className="empty-state" role="status">
              No recording on this page matches “{filter.trim()}”.
            </p>
          )}
        </>
      )}
      <Pagination
        page={page}
        pageSize={pageSize}
        pageCount={pageCount}
        total={total}
        pageHref={pageHref}
        onPageSizeChange={onPageSizeChange}
      />
    </>
  );
}
