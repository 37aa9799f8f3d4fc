import { createContext, use, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';

import { sendKeepaliveDelete } from '../../../api';
import { useDeleteRecording } from './use-delete-recording';

/** How long a delete waits for an undo before its request is sent, in milliseconds. */
export const UNDO_DELAY_MS = 5000;

export interface ScheduleDeleteOptions {
  /** Called when the wait is over and the DELETE is sent. */
  onCommit?: () => void;
  /** Called when the DELETE fails, with the error. */
  onError?: (error: Error) => void;
}

interface PendingDeletesValue {
  /** Ids of recordings waiting for their DELETE; lists hide them. */
  pendingIds: ReadonlySet<string>;
  /** Starts the wait; the DELETE is sent after UNDO_DELAY_MS unless undone. */
  scheduleDelete: (id: string, options?: ScheduleDeleteOptions) => void;
  /** Cancels a waiting delete; returns false when it was already sent or never scheduled. */
  undoDelete: (id: string) => boolean;
}

const PendingDeletesContext = createContext<PendingDeletesValue | undefined>(undefined);

/**
 * Keeps deletes waiting for an undo. Mount it above the router, so that a
 * waiting delete is still sent when the user moves to another page. A delete
 * still waiting when the provider unmounts is sent at once, and one still
 * waiting when the page goes away (reload, tab closed) is sent with keepalive.
 */
export function PendingDeletesProvider({
  children,
  delayMs = UNDO_DELAY_MS,
}: {
  children: ReactNode;
  delayMs?: number;
}) {
  const { mutate } = useDeleteRecording();
  const pending = useRef(
    new Map<string, { timer: ReturnType<typeof setTimeout>; commit: () => void }>(),
  );
  const [pendingIds, setPendingIds] = useState<ReadonlySet<string>>(new Set());

  const forget = useCallback((id: string) => {
    const entry = pending.current.get(id);
    if (entry !== undefined) {
      clearTimeout(entry.timer);
      pending.current.delete(id);
    }
    setPendingIds((ids) => {
      const next = new Set(ids);
      next.delete(id);
      return next;
    });
  }, []);

  const scheduleDelete = useCallback(
    (id: string, options: ScheduleDeleteOptions = {}) => {
      if (pending.current.has(id)) {
        return;
      }
      const commit = () => {
        forget(id);
        options.onCommit?.();
        mutate(id, { onError: (error) => options.onError?.(error) });
      };
      pending.current.set(id, { timer: setTimeout(commit, delayMs), commit });
      setPendingIds((ids) => new Set(ids).add(id));
    },
    [delayMs, forget, mutate],
  );

  const undoDelete = useCallback(
    (id: string) => {
      if (!pending.current.has(id)) {
        return false;
      }
      forget(id);
      return true;
    },
    [forget],
  );

  useEffect(() => {
    const entries = pending.current;
    const sendBeforeUnload = (event: PageTransitionEvent) => {
      // A page kept in the back-forward cache comes back with its timers, so only
      // a page that is really going away sends its waiting deletes now.
      if (event.persisted) {
        return;
      }
      for (const [id, { timer }] of [...entries]) {
        clearTimeout(timer);
        entries.delete(id);
        sendKeepaliveDelete(id);
      }
    };
    window.addEventListener('pagehide', sendBeforeUnload);
    return () => {
      window.removeEventListener('pagehide', sendBeforeUnload);
      for (const { commit } of [...entries.values()]) {
        commit();
      }
    };
  }, []);

  const value = useMemo(
    () => ({ pendingIds, scheduleDelete, undoDelete }),
    [pendingIds, scheduleDelete, undoDelete],
  );
  return <PendingDeletesContext value={value}>{children}</PendingDeletesContext>;
}

export function usePendingDeletes(): PendingDeletesValue {
  const value = use(PendingDeletesContext);
  if (value === undefined) {
    throw new Error('usePendingDeletes must be used inside a PendingDeletesProvider.');
  }
  return value;
}
