import { act } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { stubFetch } from '../../../test/fetch-stub';
import { renderHookWithProviders } from '../../../test/render';
import { PendingDeletesProvider, UNDO_DELAY_MS, usePendingDeletes } from './pending-deletes';

afterEach(() => {
  vi.useRealTimers();
});

function renderPendingDeletes() {
  return renderHookWithProviders(() => usePendingDeletes(), { wrapper: PendingDeletesProvider });
}

describe('PendingDeletesProvider', () => {
  it('sends the DELETE only when the delay is over', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const requests = stubFetch(() => new Response(null, { status: 202 }));
    const { result } = renderPendingDeletes();
    const onCommit = vi.fn();

    act(() => result.current.scheduleDelete('rec-1', { onCommit }));

    expect(result.current.pendingIds.has('rec-1')).toBe(true);
    await act(() => vi.advanceTimersByTimeAsync(UNDO_DELAY_MS - 1));
    expect(requests).toHaveLength(0);

    await act(() => vi.advanceTimersByTimeAsync(1));
    expect(onCommit).toHaveBeenCalledTimes(1);
    expect(result.current.pendingIds.has('rec-1')).toBe(false);
    await vi.waitFor(() => expect(requests).toHaveLength(1));
    expect(requests[0]?.method).toBe('DELETE');
    expect(requests[0]?.url.pathname).toBe('/api/v2/userrecordings/rec-1');
  });

  it('sends nothing after an undo', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const requests = stubFetch(() => new Response(null, { status: 202 }));
    const { result } = renderPendingDeletes();

    act(() => result.current.scheduleDelete('rec-1'));
    let undone = false;
    act(() => {
      undone = result.current.undoDelete('rec-1');
    });
    await act(() => vi.advanceTimersByTimeAsync(UNDO_DELAY_MS * 2));

    expect(undone).toBe(true);
    expect(result.current.pendingIds.size).toBe(0);
    expect(requests).toHaveLength(0);
    expect(result.current.undoDelete('rec-1')).toBe(false);
  });

  it('sends a waiting delete when the provider unmounts', async () => {
    const requests = stubFetch(() => new Response(null, { status: 202 }));
    const { result, unmount } = renderPendingDeletes();

    act(() => result.current.scheduleDelete('rec-7'));
    unmount();

    await vi.waitFor(() => expect(requests).toHaveLength(1));
    expect(requests[0]?.url.pathname).toBe('/api/v2/userrecordings/rec-7');
  });
});
