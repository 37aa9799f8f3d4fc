import { useEffect } from 'react';
import { toast } from 'sonner';

import { notify, startLogin } from './session';

/** How long before a token expires the user is warned, in milliseconds. */
export const EXPIRY_WARNING_MS = 5 * 60 * 1000;

const TOAST_ID = 'session-expiry';

/** Maximum delay setTimeout supports, in milliseconds; longer ones fire at once. */
const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

function delayUntil(epochMs: number, now: number): number {
  return Math.min(Math.max(epochMs - now, 0), MAX_TIMER_DELAY_MS);
}

function formatTime(epochMs: number): string {
  return new Intl.DateTimeFormat(undefined, { timeStyle: 'short' }).format(new Date(epochMs));
}

/**
 * Warns EXPIRY_WARNING_MS before the token expires, with a button that logs in
 * again at once, and refreshes the login state when it expires. Nothing
 * redirects by itself at expiry, so playback or typing is not cut off; the
 * next API call then starts the login and comes back to the same page.
 */
export function useSessionExpiry(expiresAt: number | undefined): void {
  useEffect(() => {
    if (expiresAt === undefined) {
      return undefined;
    }
    const now = Date.now();
    const warningTimer = setTimeout(
      () => {
        toast.warning(`Your session ends at ${formatTime(expiresAt)}.`, {
          id: TOAST_ID,
          description: 'Log in again now to keep working without interruption.',
          duration: Infinity,
          action: {
            label: 'Log in again',
            onClick: () => {
              void startLogin();
            },
          },
        });
      },
      delayUntil(expiresAt - EXPIRY_WARNING_MS, now),
    );
    const expiryTimer = setTimeout(notify, delayUntil(expiresAt, now));
    return () => {
      clearTimeout(warningTimer);
      clearTimeout(expiryTimer);
      toast.dismiss(TOAST_ID);
    };
  }, [expiresAt]);
}
