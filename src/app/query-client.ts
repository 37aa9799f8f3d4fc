import { QueryClient } from '@tanstack/react-query';

import { isApiError } from '../api';

/** Creates the app's query client: short freshness, refetch on focus, no retry of 4xx answers. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        refetchOnWindowFocus: true,
        // The fetch layer already retries 429, 502, 503 and 504; a 4xx will not
        // change by asking again, so only other failures get one more try here.
        retry: (failureCount, error) =>
          failureCount < 1 && !(isApiError(error) && error.status >= 400 && error.status < 500),
      },
    },
  });
}

/** The one query client of the running app, shared by providers and route loaders. */
export const queryClient = createQueryClient();
