import type { QueryClient } from '@tanstack/react-query';

import type { RecordingCatalog } from './recording-catalog';
import { recordingKeys } from './recording-keys';
import type { Recording, RecordingListing } from './recording-queries';

/** Builds a recording for tests; ids and names follow `n`. */
export function makeRecording(n: number, overrides: Partial<Recording> = {}): Recording {
  return {
    id: `rec-${n}`,
    name: `Recording ${n}`,
    dateCreated: `2025-03-0${(n % 9) + 1}T10:00:00.000Z`,
    dateModified: `2025-03-0${(n % 9) + 1}T10:00:00.000Z`,
    durationMilliseconds: 60_000 * n,
    contentLength: 1000 * n,
    read: n % 2 === 0,
    ...overrides,
  };
}

export const PAGE_PARAMS = { page: 1, pageSize: 25 };

/**
 * Fills the cache as the app would have it after visiting the list, the
 * detail of `rec-1` and the summary: recordings 1 to 3, where 2 is read.
 */
export function seedRecordingCache(queryClient: QueryClient): Recording[] {
  const recordings = [makeRecording(1), makeRecording(2), makeRecording(3)];
  const listing: RecordingListing = {
    entities: recordings,
    pageNumber: 1,
    pageSize: 25,
    pageCount: 1,
    total: 3,
  };
  queryClient.setQueryData(recordingKeys.list(PAGE_PARAMS), listing);
  queryClient.setQueryData(recordingKeys.detail('rec-1'), recordings[0]);
  queryClient.setQueryData<RecordingCatalog>(recordingKeys.catalog(), {
    recordings,
    completedAt: '2025-03-10T00:00:00.000Z',
  });
  queryClient.setQueryData(recordingKeys.summary(), {
    readCount: 1,
    unreadCount: 2,
    totalCount: 3,
  });
  return recordings;
}

/** Names of the recordings in the list page, the detail and the catalog caches. */
export function cachedNames(queryClient: QueryClient, id: string) {
  return {
    list: queryClient
      .getQueryData<RecordingListing>(recordingKeys.list(PAGE_PARAMS))
      ?.entities?.find((recording) => recording.id === id)?.name,
    detail: queryClient.getQueryData<Recording>(recordingKeys.detail(id))?.name,
    catalog: queryClient
      .getQueryData<RecordingCatalog>(recordingKeys.catalog())
      ?.recordings.find((recording) => recording.id === id)?.name,
  };
}
