import { act, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { ApiError } from '../../../api';
import { deferred, errorResponse, jsonResponse, stubFetch } from '../../../test/fetch-stub';
import { renderHookWithProviders } from '../../../test/render';
import { recordingKeys } from './recording-keys';
import type { RecordingSummary } from './recording-queries';
import { cachedNames, makeRecording, seedRecordingCache } from './test-data';
import { useUpdateRecording } from './use-update-recording';

describe('useUpdateRecording', () => {
  it('renames everywhere before the server answers', async () => {
    const answer = deferred<Response>();
    const requests = stubFetch(() => answer.promise);
    const { result, queryClient } = renderHookWithProviders(() => useUpdateRecording());
    seedRecordingCache(queryClient);

    act(() => result.current.mutate({ id: 'rec-1', changes: { name: '  Budget call  ' } }));

    await waitFor(() => expect(cachedNames(queryClient, 'rec-1').list).toBe('Budget call'));
    expect(cachedNames(queryClient, 'rec-1')).toEqual({
      list: 'Budget call',
      detail: 'Budget call',
      catalog: 'Budget call',
    });
    expect(cachedNames(queryClient, 'rec-2').list).toBe('Recording 2');

    answer.resolve(jsonResponse(makeRecording(1, { name: 'Budget call' })));
    await waitFor(() => expect(result.current.isSuccess).toBe(true));

    expect(requests).toHaveLength(1);
    expect(requests[0]?.method).toBe('PUT');
    expect(requests[0]?.url.pathname).toBe('/api/v2/userrecordings/rec-1');
    expect(JSON.parse(requests[0]?.body ?? '')).toEqual({ name: '  Budget call  ' });
    expect(cachedNames(queryClient, 'rec-1').detail).toBe('Budget call');
  });

  it('restores the old name when the server rejects it', async () => {
    const answer = deferred<Response>();
    stubFetch(() => answer.promise);
    const { result, queryClient } = renderHookWithProviders(() => useUpdateRecording());
    seedRecordingCache(queryClient);

    act(() => result.current.mutate({ id: 'rec-1', changes: { name: 'Taken name' } }));
    await waitFor(() => expect(cachedNames(queryClient, 'rec-1').detail).toBe('Taken name'));

    answer.resolve(errorResponse(409, 'request.conflict', 'The recording was changed meanwhile.'));
    await waitFor(() => expect(result.current.isError).toBe(true));

    expect(cachedNames(queryClient, 'rec-1')).toEqual({
      list: 'Recording 1',
      detail: 'Recording 1',
      catalog: 'Recording 1',
    });
    expect(result.current.error).toBeInstanceOf(ApiError);
    expect((result.current.error as ApiError).status).toBe(409);
    expect((result.current.error as ApiError).correlationId).toBe('corr-error');
  });

  it('marks read and shifts the summary counts', async () => {
    const answer = deferred<Response>();
    stubFetch(() => answer.promise);
    const { result, queryClient } = renderHookWithProviders(() => useUpdateRecording());
    seedRecordingCache(queryClient);

    act(() => result.current.mutate({ id: 'rec-1', changes: { read: true } }));

    await waitFor(() =>
      expect(queryClient.getQueryData<RecordingSummary>(recordingKeys.summary())).toEqual({
        readCount: 2,
        unreadCount: 1,
        totalCount: 3,
      }),
    );
    expect(queryClient.getQueryData<{ read: boolean }>(recordingKeys.detail('rec-1'))?.read).toBe(
      true,
    );

    answer.resolve(jsonResponse(makeRecording(1, { read: true })));
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
  });

  it('rolls back a rejected read flag and the counts', async () => {
    stubFetch(() => errorResponse(400, 'invalid.value', 'Rejected.'));
    const { result, queryClient } = renderHookWithProviders(() => useUpdateRecording());
    seedRecordingCache(queryClient);

    act(() => result.current.mutate({ id: 'rec-1', changes: { read: true } }));
    await waitFor(() => expect(result.current.isError).toBe(true));

    expect(queryClient.getQueryData(recordingKeys.summary())).toEqual({
      readCount: 1,
      unreadCount: 2,
      totalCount: 3,
    });
    expect(queryClient.getQueryData<{ read: boolean }>(recordingKeys.detail('rec-1'))?.read).toBe(
      false,
    );
  });

  it('leaves the counts alone when the flag does not change', async () => {
    const answer = deferred<Response>();
    stubFetch(() => answer.promise);
    const { result, queryClient } = renderHookWithProviders(() => useUpdateRecording());
    seedRecordingCache(queryClient);

    act(() => result.current.mutate({ id: 'rec-2', changes: { read: true } }));
    await waitFor(() => expect(result.current.isPending).toBe(true));

    expect(queryClient.getQueryData(recordingKeys.summary())).toEqual({
      readCount: 1,
      unreadCount: 2,
      totalCount: 3,
    });
    answer.resolve(jsonResponse(makeRecording(2)));
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
  });
});
