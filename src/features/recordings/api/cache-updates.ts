import type { QueryClient, QueryKey } from '@tanstack/react-query';

import type { RecordingCatalog } from './recording-catalog';
import { recordingKeys } from './recording-keys';
import type { Recording, RecordingListing, RecordingSummary } from './recording-queries';

/** Every cached query under `recordingKeys.all`, as taken before an optimistic update. */
export type RecordingCacheSnapshot = [QueryKey, unknown][];

/** Stops running fetches, so they cannot overwrite an optimistic update, and snapshots the cache. */
export async function snapshotRecordingCache(
  queryClient: QueryClient,
): Promise<RecordingCacheSnapshot> {
  await queryClient.cancelQueries({ queryKey: recordingKeys.all });
  return queryClient.getQueriesData({ queryKey: recordingKeys.all });
}

/** Puts back every query of a snapshot, undoing optimistic updates made since. */
export function restoreRecordingCache(
  queryClient: QueryClient,
  snapshot: RecordingCacheSnapshot,
): void {
  for (const [queryKey, data] of snapshot) {
    queryClient.setQueryData(queryKey, data);
  }
}

/** Finds a cached copy of a recording: the detail first, then any list page or the catalog. */
export function findCachedRecording(queryClient: QueryClient, id: string): Recording | undefined {
  const detail = queryClient.getQueryData<Recording>(recordingKeys.detail(id));
  if (detail !== undefined) {
    return detail;
  }
  for (const [, listing] of queryClient.getQueriesData<RecordingListing>({
    queryKey: recordingKeys.lists(),
  })) {
    const match = listing?.entities?.find((recording) => recording.id === id);
    if (match !== undefined) {
      return match;
    }
  }
  return queryClient
    .getQueryData<RecordingCatalog>(recordingKeys.catalog())
    ?.recordings.find((recording) => recording.id === id);
}

/** Applies `changes` to the recording in the detail, every list page and the catalog. */
export function patchCachedRecording(
  queryClient: QueryClient,
  id: string,
  changes: Partial<Recording>,
): void {
  const patch = (recording: Recording): Recording =>
    recording.id === id ? { ...recording, ...changes } : recording;

  queryClient.setQueryData<Recording>(recordingKeys.detail(id), (detail) =>
    detail === undefined ? detail : patch(detail),
  );
  queryClient.setQueriesData<RecordingListing>({ queryKey: recordingKeys.lists() }, (listing) =>
    listing?.entities === undefined
      ? listing
      : { ...listing, entities: listing.entities.map(patch) },
  );
  queryClient.setQueryData<RecordingCatalog>(recordingKeys.catalog(), (catalog) =>
    catalog === undefined ? catalog : { ...catalog, recordings: catalog.recordings.map(patch) },
  );
}

/** Removes the recordings from every list page and the catalog, and lowers the totals. */
export function removeCachedRecordings(queryClient: QueryClient, ids: ReadonlySet<string>): void {
  queryClient.setQueriesData<RecordingListing>({ queryKey: recordingKeys.lists() }, (listing) => {
    if (listing?.entities === undefined) {
      return listing;
    }
    const entities = listing.entities.filter((recording) => !ids.has(recording.id ?? ''));
    const removed = listing.entities.length - entities.length;
    return {
      ...listing,
      entities,
      total: listing.total === undefined ? undefined : listing.total - removed,
    };
  });
  queryClient.setQueryData<RecordingCatalog>(recordingKeys.catalog(), (catalog) =>
    catalog === undefined
      ? catalog
      : {
          ...catalog,
          recordings: catalog.recordings.filter((recording) => !ids.has(recording.id ?? '')),
        },
  );
}

/** Adds `readDelta` to the read count and takes it from the unread count, or the reverse. */
export function shiftSummaryCounts(
  queryClient: QueryClient,
  change: { readDelta: number; unreadDelta: number },
): void {
  queryClient.setQueryData<RecordingSummary>(recordingKeys.summary(), (summary) => {
    if (summary === undefined) {
      return summary;
    }
    const readCount = Math.max((summary.readCount ?? 0) + change.readDelta, 0);
    const unreadCount = Math.max((summary.unreadCount ?? 0) + change.unreadDelta, 0);
    return { ...summary, readCount, unreadCount, totalCount: readCount + unreadCount };
  });
}
