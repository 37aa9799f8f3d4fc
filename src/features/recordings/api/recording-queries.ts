import { queryOptions } from '@tanstack/react-query';

import { apiClient, type components } from '../../../api';
import { recordingKeys, type RecordingListParams } from './recording-keys';

export type Recording = components['schemas']['UserRecording'];
export type RecordingListing = components['schemas']['UserRecordingEntityListing'];
export type RecordingSummary = components['schemas']['FaxSummary'];

/** Page sizes the list offers; the API accepts 1 to 100. */
export const PAGE_SIZES = [10, 25, 50, 100] as const;
/** The API's default page size. */
export const DEFAULT_PAGE_SIZE = 25;

/** How often a shown list page is refetched, so recordings deleted elsewhere disappear. */
const LIST_REFETCH_INTERVAL_MS = 30_000;

/** A page of recordings, with each recording's conversation expanded. */
export function recordingListOptions(params: RecordingListParams) {
  return queryOptions({
    queryKey: recordingKeys.list(params),
    refetchInterval: LIST_REFETCH_INTERVAL_MS,
    queryFn: async ({ signal }): Promise<RecordingListing> => {
      const { data } = await apiClient.GET('/api/v2/userrecordings', {
        params: {
          query: {
            pageNumber: params.page,
            pageSize: params.pageSize,
            expand: ['conversation'],
          },
        },
        signal,
      });
      return data ?? {};
    },
  });
}

/** One recording, with its conversation expanded. */
export function recordingDetailOptions(id: string) {
  return queryOptions({
    queryKey: recordingKeys.detail(id),
    queryFn: async ({ signal }): Promise<Recording> => {
      const { data } = await apiClient.GET('/api/v2/userrecordings/{recordingId}', {
        params: { path: { recordingId: id }, query: { expand: ['conversation'] } },
        signal,
      });
      return data ?? {};
    },
  });
}

/** The read, unread and total counts of the user's recordings. */
export function recordingSummaryOptions() {
  return queryOptions({
    queryKey: recordingKeys.summary(),
    queryFn: async ({ signal }): Promise<RecordingSummary> => {
      const { data } = await apiClient.GET('/api/v2/userrecordings/summary', { signal });
      return data ?? {};
    },
  });
}
