import { Suspense } from 'react';
import { useNavigate, useSearchParams, type LoaderFunctionArgs } from 'react-router';

import { QueryErrorBoundary } from '../../components/query-error-boundary';
import {
  recordingListOptions,
  RecordingsList,
  RecordingsTableSkeleton,
} from '../../features/recordings';
import { parseListParams, paths } from '../paths';
import { queryClient } from '../query-client';

/** Starts fetching the page in the URL without waiting, so skeleton rows show meanwhile. */
export function loader({ request }: LoaderFunctionArgs) {
  const params = parseListParams(new URL(request.url).searchParams);
  void queryClient.prefetchQuery(recordingListOptions(params));
  return null;
}

const pageHref = (page: number, pageSize: number) => paths.list({ page, pageSize });

export function Component() {
  const [searchParams] = useSearchParams();
  const params = parseListParams(searchParams);
  const navigate = useNavigate();

  const changePageSize = (pageSize: number) => {
    // Stay on the page that holds the first row shown now.
    const firstRow = (params.page - 1) * params.pageSize;
    void navigate(paths.list({ page: Math.floor(firstRow / pageSize) + 1, pageSize }));
  };

  return (
    <section aria-labelledby="list-heading">
      <title>Recordings</title>
      <h1 id="list-heading">Recordings</h1>
      <QueryErrorBoundary
        key={`${params.page}-${params.pageSize}`}
        title="The recordings could not be loaded"
      >
        <Suspense fallback={<RecordingsTableSkeleton rows={Math.min(params.pageSize, 10)} />}>
          <RecordingsList
            params={params}
            pageHref={pageHref}
            recordingHref={paths.recording}
            onPageSizeChange={changePageSize}
          />
        </Suspense>
      </QueryErrorBoundary>
    </section>
  );
}
