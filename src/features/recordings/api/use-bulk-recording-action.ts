import { useMutation, useQueryClient } from '@tanstack/react-query';

import { apiClient, isApiError } from '../../../api';
import {
  findCachedRecording,
  patchCachedRecording,
  removeCachedRecordings,
  restoreRecordingCache,
  shiftSummaryCounts,
  snapshotRecordingCache,
} from './cache-updates';
import { recordingKeys } from './recording-keys';
import type { Recording } from './recording-queries';

/** What to do to every selected recording. */
export type BulkAction = { kind: 'delete' } | { kind: 'set-read'; read: boolean };

export interface BulkFailure {
  id: string;
  name: string;
  message: string;
  correlationId: string | undefined;
}

export interface BulkResult {
  succeeded: string[];
  failed: BulkFailure[];
}

export interface BulkVariables {
  recordings: Recording[];
  action: BulkAction;
  /** Called after each request settles, with how many have settled so far. */
  onProgress?: (settled: number, total: number) => void;
}

/** Requests in flight at once; a few, so the API's rate limit is not hit by one click. */
const CONCURRENCY = 3;

async function applyAction(id: string, action: BulkAction): Promise<void> {
  if (action.kind === 'delete') {
    await apiClient.DELETE('/api/v2/userrecordings/{recordingId}', {
      params: { path: { recordingId: id } },
    });
  } else {
    await apiClient.PUT('/api/v2/userrecordings/{recordingId}', {
      params: { path: { recordingId: id } },
      body: { read: action.read },
    });
  }
}

/** Applies the change the action makes to the cached recordings, before any request. */
function applyOptimistically(
  queryClient: ReturnType<typeof useQueryClient>,
  recordings: Recording[],
  action: BulkAction,
): void {
  let readDelta = 0;
  let unreadDelta = 0;
  for (const recording of recordings) {
    const id = recording.id ?? '';
    const wasRead = (findCachedRecording(queryClient, id) ?? recording).read === true;
    if (action.kind === 'delete') {
      readDelta -= wasRead ? 1 : 0;
      unreadDelta -= wasRead ? 0 : 1;
    } else if (wasRead !== action.read) {
      readDelta += action.read ? 1 : -1;
      unreadDelta += action.read ? -1 : 1;
      patchCachedRecording(queryClient, id, { read: action.read });
    }
  }
  if (action.kind === 'delete') {
    removeCachedRecordings(queryClient, new Set(recordings.map((recording) => recording.id ?? '')));
  }
  shiftSummaryCounts(queryClient, { readDelta, unreadDelta });
}

/**
 * Deletes or marks read or unread a set of recordings, a few requests at a time.
 * The whole set changes in the caches at once. Request failures are returned
 * rather than thrown, and the recordings that failed get their cached state
 * back. All recording queries are refetched once every request has settled.
 */
export function useBulkRecordingAction() {
  const queryClient = useQueryClient();

  return useMutation({
    mutationFn: async ({ recordings, action, onProgress }: BulkVariables): Promise<BulkResult> => {
      const result: BulkResult = { succeeded: [], failed: [] };
      const queue = [...recordings];
      let settled = 0;

      const worker = async () => {
        for (let recording = queue.shift(); recording; recording = queue.shift()) {
          const id = recording.id ?? '';
          try {
            await applyAction(id, action);
            result.succeeded.push(id);
          } catch (error) {
            result.failed.push({
              id,
              name: recording.name ?? id,
              message: error instanceof Error ? error.message : String(error),
              correlationId: isApiError(error) ? error.correlationId : undefined,
            });
          }
          settled += 1;
          onProgress?.(settled, recordings.length);
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      return result;
    },
    onMutate: async ({ recordings, action }) => {
      const snapshot = await snapshotRecordingCache(queryClient);
      applyOptimistically(queryClient, recordings, action);
      return { snapshot };
    },
    onSuccess: (result, { recordings, action }, context) => {
      if (result.failed.length > 0) {
        // Undo the change for the failed recordings only, until the refetch
        // below brings the server's state.
        const succeeded = new Set(result.succeeded);
        restoreRecordingCache(queryClient, context.snapshot);
        applyOptimistically(
          queryClient,
          recordings.filter((recording) => succeeded.has(recording.id ?? '')),
          action,
        );
      }
    },
    onError: (_error, _variables, context) => {
      if (context !== undefined) {
        restoreRecordingCache(queryClient, context.snapshot);
      }
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: recordingKeys.all }),
  });
}
