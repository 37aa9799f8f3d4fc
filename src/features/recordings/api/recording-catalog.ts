import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useSyncExternalStore } from 'react';

import { apiClient } from '../../../api';
import { recordingKeys } from './recording-keys';
import type { Recording } from './recording-queries';

/** Largest page the API serves, so the scan needs the fewest requests. */
const CATALOG_PAGE_SIZE = 100;

export interface CatalogProgress {
  loaded: number;
  /** Total count from the first page, or undefined before it arrives. */
  total: number | undefined;
}

/** Every recording of the user, and when the scan that fetched them finished. */
export interface RecordingCatalog {
  recordings: Recording[];
  completedAt: string;
}

/**
 * Progress of the running scan. It lives outside React so that a page leaving and
 * coming back while the scan runs still sees it.
 */
const progressStore = (() => {
  let progress: CatalogProgress = { loaded: 0, total: undefined };
  const listeners = new Set<() => void>();
  return {
    get: () => progress,
    set: (next: CatalogProgress) => {
      progress = next;
      listeners.forEach((listener) => listener());
    },
    subscribe: (listener: () => void) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
})();

/** Fetches every page of recordings in order, reporting progress after each page. */
export async function fetchRecordingCatalog(
  signal: AbortSignal,
  onProgress: (progress: CatalogProgress) => void,
): Promise<RecordingCatalog> {
  const recordings: Recording[] = [];
  let total: number | undefined;
  onProgress({ loaded: 0, total });

  for (let page = 1; ; page += 1) {
    const { data } = await apiClient.GET('/api/v2/userrecordings', {
      params: { query: { pageNumber: page, pageSize: CATALOG_PAGE_SIZE } },
      signal,
    });
    const entities = data?.entities ?? [];
    recordings.push(...entities);
    total = data?.total ?? recordings.length;
    onProgress({ loaded: recordings.length, total });

    const pageCount = data?.pageCount ?? page;
    // Recordings added or deleted during the scan shift the pages, so stop on
    // the last page by count or on the first short page, whichever comes first.
    if (page >= pageCount || entities.length < CATALOG_PAGE_SIZE) {
      break;
    }
  }
  return { recordings, completedAt: new Date().toISOString() };
}

/** Every recording, for statistics; a scan of many pages, so not refetched on focus. */
export function recordingCatalogOptions() {
  return queryOptions({
    queryKey: recordingKeys.catalog(),
    queryFn: ({ signal }) => fetchRecordingCatalog(signal, progressStore.set),
    staleTime: 5 * 60_000,
    refetchOnWindowFocus: false,
  });
}

/**
 * Runs the catalog scan while mounted and returns its data, its progress and
 * ways to cancel and restart it. A canceled first scan leaves no data and does
 * not restart by itself.
 */
export function useRecordingCatalog() {
  const queryClient = useQueryClient();
  const query = useQuery(recordingCatalogOptions());
  const progress = useSyncExternalStore(progressStore.subscribe, progressStore.get);

  const cancel = useCallback(() => {
    void queryClient.cancelQueries({ queryKey: recordingKeys.catalog() });
  }, [queryClient]);

  const { refetch } = query;
  const restart = useCallback(() => {
    void refetch();
  }, [refetch]);

  return { query, progress, cancel, restart };
}
