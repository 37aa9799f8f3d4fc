import { act, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { deferred, errorResponse, stubFetch } from '../../../test/fetch-stub';
import { renderHookWithProviders } from '../../../test/render';
import type { RecordingCatalog } from './recording-catalog';
import { recordingKeys } from './recording-keys';
import type { RecordingListing } from './recording-queries';
import { PAGE_PARAMS, seedRecordingCache } from './test-data';
import { useDeleteRecording } from './use-delete-recording';

function listIds(queryClient: ReturnType<typeof renderHookWithProviders>['queryClient']) {
  return queryClient
    .getQueryData<RecordingListing>(recordingKeys.list(PAGE_PARAMS))
    ?.entities?.map((recording) => recording.id);
}

describe('useDeleteRecording', () => {
  it('removes the recording everywhere before the server answers', async () => {
    const answer = deferred<Response>();
    const requests = stubFetch(() => answer.promise);
    const { result, queryClient } = renderHookWithProviders(() => useDeleteRecording());
    seedRecordingCache(queryClient);

    act(() => result.current.mutate('rec-1'));

    await waitFor(() => expect(listIds(queryClient)).toEqual(['rec-2', 'rec-3']));
    expect(queryClient.getQueryData<RecordingListing>(recordingKeys.list(PAGE_PARAMS))?.total).toBe(
      2,
    );
    expect(
      queryClient
        .getQueryData<RecordingCatalog>(recordingKeys.catalog())
        ?.recordings.map((recording) => recording.id),
    ).toEqual(['rec-2', 'rec-3']);
    expect(queryClient.getQueryData(recordingKeys.summary())).toEqual({
      readCount: 1,
      unreadCount: 1,
      totalCount: 2,
    });

    answer.resolve(new Response(null, { status: 202 }));
    await waitFor(() => expect(result.current.isSuccess).toBe(true));

    expect(requests.map((request) => `${request.method} ${request.url.pathname}`)).toEqual([
      'DELETE /api/v2/userrecordings/rec-1',
    ]);
    expect(queryClient.getQueryData(recordingKeys.detail('rec-1'))).toBeUndefined();
  });

  it('brings the recording back when the delete fails', async () => {
    stubFetch(() => errorResponse(403, 'not.authorized', 'Not yours.'));
    const { result, queryClient } = renderHookWithProviders(() => useDeleteRecording());
    seedRecordingCache(queryClient);

    act(() => result.current.mutate('rec-1'));
    await waitFor(() => expect(result.current.isError).toBe(true));

    expect(listIds(queryClient)).toEqual(['rec-1', 'rec-2', 'rec-3']);
    expect(queryClient.getQueryData<RecordingListing>(recordingKeys.list(PAGE_PARAMS))?.total).toBe(
      3,
    );
    expect(queryClient.getQueryData(recordingKeys.summary())).toEqual({
      readCount: 1,
      unreadCount: 2,
      totalCount: 3,
    });
    expect(queryClient.getQueryData(recordingKeys.detail('rec-1'))).toBeDefined();
  });
});
