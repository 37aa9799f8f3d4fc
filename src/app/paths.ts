import { CALLBACK_PATH } from '../auth/connection';
import type { RecordingListParams } from '../features/recordings/api/recording-keys';
import { DEFAULT_PAGE_SIZE, PAGE_SIZES } from '../features/recordings/api/recording-queries';

/** Every URL of the app is built here. */
export const paths = {
  home: () => '/',
  /** A page of the recordings list; the page and its size live in the query string. */
  list: ({ page, pageSize }: RecordingListParams) => `/?page=${page}&pageSize=${pageSize}`,
  recording: (id: string) => `/recordings/${encodeURIComponent(id)}`,
  summary: () => '/summary',
  settings: () => '/settings',
  /** The OAuth redirect URI's path, where login and logout come back to. */
  authCallback: () => CALLBACK_PATH,
};

/** Route patterns matching the URLs above, for the router. */
export const routePatterns = {
  recording: 'recordings/:recordingId',
  summary: 'summary',
  settings: 'settings',
  authCallback: CALLBACK_PATH,
};

/**
 * The largest page number the API accepts. It types `pageNumber` as int32 and
 * rejects larger values with a 400 error.
 */
const MAX_PAGE_NUMBER = 2_147_483_647;

function readPositiveInteger(value: string | null): number | undefined {
  if (value === null || !/^\d+$/.test(value)) {
    return undefined;
  }
  const number = Number(value);
  return Number.isSafeInteger(number) && number >= 1 ? number : undefined;
}

/** Reads a page number, lowering one above the API's maximum to that maximum. */
function readPageNumber(value: string | null): number | undefined {
  if (value === null || !/^\d+$/.test(value)) {
    return undefined;
  }
  const number = Number(value);
  return number >= 1 ? Math.min(number, MAX_PAGE_NUMBER) : undefined;
}

/**
 * Reads the list page from a query string. A missing or invalid page is 1. A page
 * above the API's maximum becomes that maximum, so the list shows it as a page past
 * the end. A page size that the list does not offer is the default size.
 */
export function parseListParams(search: URLSearchParams): RecordingListParams {
  const page = readPageNumber(search.get('page')) ?? 1;
  const size = readPositiveInteger(search.get('pageSize'));
  const pageSize =
    size !== undefined && (PAGE_SIZES as readonly number[]).includes(size)
      ? size
      : DEFAULT_PAGE_SIZE;
  return { page, pageSize };
}
