import { act, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { deferred, errorResponse, jsonResponse, stubFetch } from '../../../test/fetch-stub';
import { renderHookWithProviders } from '../../../test/render';
import { recordingKeys } from './recording-keys';
import type { RecordingListing } from './recording-queries';
import { PAGE_PARAMS, seedRecordingCache } from './test-data';
import { useBulkRecordingAction } from './use-bulk-recording-action';

function cachedList(queryClient: ReturnType<typeof renderHookWithProviders>['queryClient']) {
  return queryClient.getQueryData<RecordingListing>(recordingKeys.list(PAGE_PARAMS))?.entities;
}

describe('useBulkRecordingAction', () => {
  it('deletes the set at once and reports progress', async () => {
    const answer = deferred<Response>();
    const requests = stubFetch(async () => (await answer.promise).clone());
    const { result, queryClient } = renderHookWithProviders(() => useBulkRecordingAction());
    const recordings = seedRecordingCache(queryClient);
    const progress: number[] = [];

    act(() =>
      result.current.mutate({
        recordings: recordings.slice(0, 2),
        action: { kind: 'delete' },
        onProgress: (settled) => progress.push(settled),
      }),
    );

    await waitFor(() =>
      expect(cachedList(queryClient)?.map((recording) => recording.id)).toEqual(['rec-3']),
    );
    expect(queryClient.getQueryData(recordingKeys.summary())).toEqual({
      readCount: 0,
      unreadCount: 1,
      totalCount: 1,
    });

    answer.resolve(new Response(null, { status: 202 }));
    await waitFor(() => expect(result.current.isSuccess).toBe(true));

    expect(result.current.data).toEqual({ succeeded: ['rec-1', 'rec-2'], failed: [] });
    expect(progress).toEqual([1, 2]);
    expect(requests.map((request) => request.method)).toEqual(['DELETE', 'DELETE']);
  });

  it('restores only the recordings that failed', async () => {
    stubFetch((request) =>
      request.url.pathname.endsWith('/rec-2')
        ? errorResponse(404, 'not.found', 'No recording rec-2.')
        : new Response(null, { status: 202 }),
    );
    const { result, queryClient } = renderHookWithProviders(() => useBulkRecordingAction());
    const recordings = seedRecordingCache(queryClient);

    act(() => result.current.mutate({ recordings, action: { kind: 'delete' } }));
    await waitFor(() => expect(result.current.isSuccess).toBe(true));

    expect(result.current.data?.succeeded.sort()).toEqual(['rec-1', 'rec-3']);
    expect(result.current.data?.failed).toEqual([
      {
        id: 'rec-2',
        name: 'Recording 2',
        message: 'No recording rec-2.',
        correlationId: 'corr-error',
      },
    ]);
    expect(cachedList(queryClient)?.map((recording) => recording.id)).toEqual(['rec-2']);
    expect(queryClient.getQueryData(recordingKeys.summary())).toEqual({
      readCount: 1,
      unreadCount: 0,
      totalCount: 1,
    });
  });

  it('marks the set read and counts only the changed ones', async () => {
    const requests = stubFetch(() => jsonResponse({}));
    const { result, queryClient } = renderHookWithProviders(() => useBulkRecordingAction());
    const recordings = seedRecordingCache(queryClient);

    act(() => result.current.mutate({ recordings, action: { kind: 'set-read', read: true } }));
    await waitFor(() => expect(result.current.isSuccess).toBe(true));

    expect(cachedList(queryClient)?.every((recording) => recording.read === true)).toBe(true);
    expect(queryClient.getQueryData(recordingKeys.summary())).toEqual({
      readCount: 3,
      unreadCount: 0,
      totalCount: 3,
    });
    expect(requests.map((request) => JSON.parse(request.body) as unknown)).toEqual([
      { read: true },
      { read: true },
      { read: true },
    ]);
  });
});
