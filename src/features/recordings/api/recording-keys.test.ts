import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';

import { recordingKeys } from './recording-keys';

describe('recordingKeys', () => {
  it('builds keys from general to specific', () => {
    expect(recordingKeys.all).toEqual(['recordings']);
    expect(recordingKeys.lists()).toEqual(['recordings', 'list']);
    expect(recordingKeys.list({ page: 3, pageSize: 50 })).toEqual([
      'recordings',
      'list',
      { page: 3, pageSize: 50 },
    ]);
    expect(recordingKeys.details()).toEqual(['recordings', 'detail']);
    expect(recordingKeys.detail('abc')).toEqual(['recordings', 'detail', 'abc']);
    expect(recordingKeys.summary()).toEqual(['recordings', 'summary']);
    expect(recordingKeys.catalog()).toEqual(['recordings', 'catalog']);
  });

  it('matches every list page by the lists prefix only', () => {
    const queryClient = new QueryClient();
    queryClient.setQueryData(recordingKeys.list({ page: 1, pageSize: 25 }), 'page 1');
    queryClient.setQueryData(recordingKeys.list({ page: 2, pageSize: 25 }), 'page 2');
    queryClient.setQueryData(recordingKeys.detail('a'), 'detail a');
    queryClient.setQueryData(recordingKeys.summary(), 'summary');

    const lists = queryClient.getQueriesData({ queryKey: recordingKeys.lists() });
    const all = queryClient.getQueriesData({ queryKey: recordingKeys.all });

    expect(lists.map(([, data]) => data).sort()).toEqual(['page 1', 'page 2']);
    expect(all).toHaveLength(4);
  });

  it('matches one detail without touching the others', () => {
    const queryClient = new QueryClient();
    queryClient.setQueryData(recordingKeys.detail('a'), 'detail a');
    queryClient.setQueryData(recordingKeys.detail('ab'), 'detail ab');

    const matches = queryClient.getQueriesData({ queryKey: recordingKeys.detail('a') });

    expect(matches.map(([, data]) => data)).toEqual(['detail a']);
  });
});
