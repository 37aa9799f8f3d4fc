import { useMutation, useQueryClient } from '@tanstack/react-query';

import { apiClient } from '../../../api';
import {
  findCachedRecording,
  patchCachedRecording,
  restoreRecordingCache,
  shiftSummaryCounts,
  snapshotRecordingCache,
} from './cache-updates';
import { recordingKeys } from './recording-keys';
import type { Recording } from './recording-queries';

/** The fields a user can change; the API ignores every other field of a PUT. */
export interface RecordingChanges {
  name?: string;
  read?: boolean;
}

export interface UpdateRecordingVariables {
  id: string;
  changes: RecordingChanges;
}

/**
 * Renames a recording or sets its read flag. The change shows at once in the
 * detail, every list page, the catalog and the summary counts; when the server
 * rejects it, every one of those is restored. All recording queries are
 * refetched once the request has settled.
 */
export function useUpdateRecording() {
  const queryClient = useQueryClient();

  return useMutation({
    mutationFn: async ({ id, changes }: UpdateRecordingVariables): Promise<Recording> => {
      const { data } = await apiClient.PUT('/api/v2/userrecordings/{recordingId}', {
        params: { path: { recordingId: id }, query: { expand: ['conversation'] } },
        body: changes,
      });
      return data ?? {};
    },
    onMutate: async ({ id, changes }) => {
      const snapshot = await snapshotRecordingCache(queryClient);
      const before = findCachedRecording(queryClient, id);

      const optimistic: RecordingChanges = {};
      if (changes.name !== undefined) {
        optimistic.name = changes.name.trim();
      }
      if (changes.read !== undefined) {
        optimistic.read = changes.read;
      }
      patchCachedRecording(queryClient, id, optimistic);

      if (changes.read !== undefined && before !== undefined && before.read !== changes.read) {
        const delta = changes.read ? 1 : -1;
        shiftSummaryCounts(queryClient, { readDelta: delta, unreadDelta: -delta });
      }
      return { snapshot };
    },
    onError: (_error, _variables, context) => {
      if (context !== undefined) {
        restoreRecordingCache(queryClient, context.snapshot);
      }
    },
    onSuccess: (recording, { id }) => {
      patchCachedRecording(queryClient, id, recording);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: recordingKeys.all }),
  });
}
