import { useSyncExternalStore } from 'react';

import { getAuthSnapshot, subscribeToAuth, type AuthSnapshot } from './session';

/** Returns the login state of this tab and re-renders when it changes. */
export function useAuthSession(): AuthSnapshot {
  return useSyncExternalStore(subscribeToAuth, getAuthSnapshot);
}
