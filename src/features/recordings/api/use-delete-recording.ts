import { useMutation, useQueryClient } from '@tanstack/react-query';

import { apiClient } from '../../../api';
import {
  findCachedRecording,
  removeCachedRecordings,
  restoreRecordingCache,
  shiftSummaryCounts,
  snapshotRecordingCache,
} from './cache-updates';
import { recordingKeys } from './recording-keys';

/**
 * Deletes a recording. It leaves every list page, the catalog and the summary
 * counts at once, and comes back in all of them when the server rejects the
 * delete. All recording queries are refetched once the request has settled.
 */
export function useDeleteRecording() {
  const queryClient = useQueryClient();

  return useMutation({
    mutationFn: async (id: string): Promise<void> => {
      await apiClient.DELETE('/api/v2/userrecordings/{recordingId}', {
        params: { path: { recordingId: id } },
      });
    },
    onMutate: async (id) => {
      const snapshot = await snapshotRecordingCache(queryClient);
      const before = findCachedRecording(queryClient, id);

      removeCachedRecordings(queryClient, new Set([id]));
      if (before !== undefined) {
        shiftSummaryCounts(queryClient, {
          readDelta: before.read === true ? -1 : 0,
          unreadDelta: before.read === true ? 0 : -1,
        });
      }
      return { snapshot };
    },
    onError: (_error, _id, context) => {
      if (context !== undefined) {
        restoreRecordingCache(queryClient, context.snapshot);
      }
    },
    onSuccess: (_data, id) => {
      // The detail would refetch as a 404; drop it so a later visit asks afresh.
      queryClient.removeQueries({ queryKey: recordingKeys.detail(id), exact: true });
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: recordingKeys.all }),
  });
}
