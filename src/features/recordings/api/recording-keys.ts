/** Which page of recordings a list query holds. */
export interface RecordingListParams {
  page: number;
  pageSize: number;
}

/**
 * Query keys of the user recordings, from general to specific, so that one prefix
 * reaches every query below it: `recordingKeys.all` matches them all, `lists()`
 * every page of the list.
 */
export const recordingKeys = {
  all: ['recordings'] as const,
  lists: () => [...recordingKeys.all, 'list'] as const,
  list: (params: RecordingListParams) => [...recordingKeys.lists(), params] as const,
  details: () => [...recordingKeys.all, 'detail'] as const,
  detail: (id: string) => [...recordingKeys.details(), id] as const,
  /** The read and unread counts from `/summary`. */
  summary: () => [...recordingKeys.all, 'summary'] as const,
  /** Every recording, fetched page by page, for statistics. */
  catalog: () => [...recordingKeys.all, 'catalog'] as const,
};
