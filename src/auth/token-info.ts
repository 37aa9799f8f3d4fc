import { queryOptions } from '@tanstack/react-query';

import { apiClient } from '../api';

export const tokenInfoKeys = {
  all: ['tokens'] as const,
  /** The caller's token details; the key includes the token's expiry, so a new login refetches. */
  me: (expiresAt: number) => [...tokenInfoKeys.all, 'me', expiresAt] as const,
};

/** The organization, scopes and client of the current token, from GET `/api/v2/tokens/me`. */
export function tokenInfoOptions(expiresAt: number) {
  return queryOptions({
    queryKey: tokenInfoKeys.me(expiresAt),
    queryFn: async ({ signal }) => {
      const { data } = await apiClient.GET('/api/v2/tokens/me', { signal });
      return data ?? {};
    },
    staleTime: Infinity,
  });
}
