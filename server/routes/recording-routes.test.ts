import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  callApi,
  insertRecordings,
  recordingRow,
  sampleConversation,
  startTestEmulator,
  type TestEmulator,
} from '../test-support/index.ts';
import type { ErrorBody, FaxSummary, UserRecording, UserRecordingEntityListing } from '../types.ts';

const LIST = '/api/v2/userrecordings';

let server: TestEmulator;

beforeEach(async () => {
  server = await startTestEmulator();
});

afterEach(async () => {
  await server.close();
});

function rows(count: number) {
  return Array.from({ length: count }, (_, index) => recordingRow(index));
}

async function list(query: string) {
  const response = await callApi(server, 'getUserrecordings', `${LIST}${query}`);
  return { ...response, listing: response.body as UserRecordingEntityListing };
}

async function summary() {
  const response = await callApi(server, 'getUserrecordingsSummary', `${LIST}/summary`);
  expect(response.status).toBe(200);
  return response.body as FaxSummary;
}

describe('GET /api/v2/userrecordings paging', () => {
  it('returns the first page with next and last links', async () => {
    await insertRecordings(server, rows(7));

    const { status, listing } = await list('?pageSize=3');

    expect(status).toBe(200);
    expect(listing.entities?.map((recording) => recording.id)).toEqual([
      'rec-0000',
      'rec-0001',
      'rec-0002',
    ]);
    expect(listing.pageSize).toBe(3);
    expect(listing.pageNumber).toBe(1);
    expect(listing.total).toBe(7);
    expect(listing.pageCount).toBe(3);
    expect(listing.firstUri).toBe(`${LIST}?pageSize=3&pageNumber=1`);
    expect(listing).not.toHaveProperty('previousUri');
    expect(listing.nextUri).toBe(`${LIST}?pageSize=3&pageNumber=2`);
    expect(listing.lastUri).toBe(`${LIST}?pageSize=3&pageNumber=3`);
    expect(listing.selfUri).toBe(`${LIST}?pageSize=3&pageNumber=1`);
  });

  it('returns a middle page with both neighbours', async () => {
    await insertRecordings(server, rows(7));

    const { listing } = await list('?pageSize=3&pageNumber=2');

    expect(listing.entities?.map((recording) => recording.id)).toEqual([
      'rec-0003',
      'rec-0004',
      'rec-0005',
    ]);
    expect(listing.previousUri).toBe(`${LIST}?pageSize=3&pageNumber=1`);
    expect(listing.nextUri).toBe(`${LIST}?pageSize=3&pageNumber=3`);
    expect(listing.selfUri).toBe(`${LIST}?pageSize=3&pageNumber=2`);
  });

  it('returns a partial last page without a next link', async () => {
    await insertRecordings(server, rows(7));

    const { listing } = await list('?pageSize=3&pageNumber=3');

    expect(listing.entities?.map((recording) => recording.id)).toEqual(['rec-0006']);
    expect(listing.pageNumber).toBe(3);
    expect(listing.pageCount).toBe(3);
    expect(listing.previousUri).toBe(`${LIST}?pageSize=3&pageNumber=2`);
    expect(listing).not.toHaveProperty('nextUri');
    expect(listing.lastUri).toBe(`${LIST}?pageSize=3&pageNumber=3`);
  });

  it('returns an empty page past the end', async () => {
    await insertRecordings(server, rows(7));

    const { status, listing } = await list('?pageSize=3&pageNumber=9');

    expect(status).toBe(200);
    expect(listing.entities).toEqual([]);
    expect(listing.pageNumber).toBe(9);
    expect(listing.total).toBe(7);
    expect(listing.pageCount).toBe(3);
    expect(listing).not.toHaveProperty('nextUri');
    expect(listing.previousUri).toBe(`${LIST}?pageSize=3&pageNumber=3`);
    expect(listing.selfUri).toBe(`${LIST}?pageSize=3&pageNumber=9`);
  });

  it('uses page size 25 and page 1 by default', async () => {
    await insertRecordings(server, rows(30));

    const { listing } = await list('');

    expect(listing.pageSize).toBe(25);
    expect(listing.pageNumber).toBe(1);
    expect(listing.entities).toHaveLength(25);
    expect(listing.pageCount).toBe(2);
    expect(listing.nextUri).toBe(`${LIST}?pageSize=25&pageNumber=2`);
  });

  it('treats empty paging values as absent', async () => {
    await insertRecordings(server, rows(2));

    const { status, listing } = await list('?pageSize=&pageNumber=');

    expect(status).toBe(200);
    expect(listing.pageSize).toBe(25);
    expect(listing.pageNumber).toBe(1);
  });

  it('fits an exact multiple in whole pages', async () => {
    await insertRecordings(server, rows(6));

    const { listing } = await list('?pageSize=3&pageNumber=2');

    expect(listing.pageCount).toBe(2);
    expect(listing.entities).toHaveLength(3);
    expect(listing).not.toHaveProperty('nextUri');
  });

  it('accepts the maximum page size of 100', async () => {
    await insertRecordings(server, rows(3));

    const { status, listing } = await list('?pageSize=100');

    expect(status).toBe(200);
    expect(listing.pageSize).toBe(100);
    expect(listing.entities).toHaveLength(3);
  });

  it('lists an empty store as one empty page', async () => {
    const { listing } = await list('');

    expect(listing.entities).toEqual([]);
    expect(listing.total).toBe(0);
    expect(listing.pageCount).toBe(0);
    expect(listing).not.toHaveProperty('previousUri');
    expect(listing).not.toHaveProperty('nextUri');
    expect(listing.firstUri).toBe(`${LIST}?pageSize=25&pageNumber=1`);
    expect(listing.lastUri).toBe(`${LIST}?pageSize=25&pageNumber=1`);
  });

  it('orders recordings newest first', async () => {
    await insertRecordings(server, [recordingRow(5), recordingRow(1), recordingRow(3)]);

    const { listing } = await list('');

    expect(listing.entities?.map((recording) => recording.dateCreated)).toEqual([
      recordingRow(1).date_created,
      recordingRow(3).date_created,
      recordingRow(5).date_created,
    ]);
  });
});

describe('expand', () => {
  beforeEach(async () => {
    await insertRecordings(server, [
      recordingRow(0, { conversation: sampleConversation('conv-0') }),
      recordingRow(1, { conversation: sampleConversation('conv-1') }),
    ]);
  });

  it('omits the conversation without expand', async () => {
    const { listing } = await list('');

    expect(listing.entities?.[0]).not.toHaveProperty('conversation');
  });

  it.each([
    ['single', '?expand=conversation'],
    ['repeated', '?expand=conversation&expand=conversation'],
    ['comma-joined', '?expand=conversation,conversation'],
    ['with empty values', '?expand=&expand=conversation,'],
  ])('includes the conversation when %s', async (_label, query) => {
    const { status, listing } = await list(query);

    expect(status).toBe(200);
    expect(listing.entities?.[0]?.conversation?.id).toBe('conv-0');
    expect(listing.entities?.[1]?.conversation?.participants).toHaveLength(2);
  });

  it('ignores an empty expand value', async () => {
    const { status, listing } = await list('?expand=');

    expect(status).toBe(200);
    expect(listing.entities).toHaveLength(2);
    expect(listing.entities?.[0]).not.toHaveProperty('conversation');
    expect(listing.selfUri).toBe(`${LIST}?pageSize=25&pageNumber=1`);
  });

  it('keeps expand and page size in the links', async () => {
    const { listing } = await list('?pageSize=1&expand=conversation');

    expect(listing.nextUri).toBe(`${LIST}?pageSize=1&pageNumber=2&expand=conversation`);
    expect(listing.lastUri).toBe(`${LIST}?pageSize=1&pageNumber=2&expand=conversation`);
    expect(listing.selfUri).toBe(`${LIST}?pageSize=1&pageNumber=1&expand=conversation`);
  });

  it('expands a single recording', async () => {
    const response = await callApi(
      server,
      'getUserrecording',
      `${LIST}/rec-0001?expand=conversation`,
    );

    expect(response.status).toBe(200);
    expect((response.body as UserRecording).conversation?.id).toBe('conv-1');
  });
});

describe('GET /api/v2/userrecordings/{recordingId}', () => {
  it('returns the recording in the API model', async () => {
    const [row] = await insertRecordings(server, [recordingRow(2, { read: 1 })]);

    const response = await callApi(server, 'getUserrecording', `${LIST}/rec-0002`);

    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      id: 'rec-0002',
      name: 'Recording 2',
      dateCreated: row?.date_created,
      dateModified: row?.date_modified,
      workspace: {
        id: 'workspace-1',
        name: 'Test workspace',
        selfUri: '/api/v2/workspaces/workspace-1',
      },
      createdBy: { id: 'user-1', name: 'Test User', selfUri: '/api/v2/users/user-1' },
      contentLength: row?.content_length,
      durationMilliseconds: 1000,
      thumbnails: [],
      read: true,
      selfUri: `${LIST}/rec-0002`,
    });
  });

  it('returns 404 for an unknown id', async () => {
    const response = await callApi(server, 'getUserrecording', `${LIST}/no-such-recording`);
    const error = response.body as ErrorBody;

    expect(response.status).toBe(404);
    expect(error.code).toBe('not.found');
    expect(error.entityId).toBe('no-such-recording');
  });

  it('serves /summary instead of a recording named summary', async () => {
    await insertRecordings(server, [recordingRow(0, { id: 'summary' })]);

    const response = await callApi(server, 'getUserrecordingsSummary', `${LIST}/summary`);

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ readCount: 0, unreadCount: 1, totalCount: 1 });
  });
});

describe('PUT /api/v2/userrecordings/{recordingId}', () => {
  it('applies a trimmed name and the read flag', async () => {
    const [row] = await insertRecordings(server, [recordingRow(0)]);

    const response = await callApi(server, 'putUserrecording', `${LIST}/rec-0000`, {
      method: 'PUT',
      body: { name: '  Call with Ana  ', read: true },
    });
    const recording = response.body as UserRecording;

    expect(response.status).toBe(200);
    expect(recording.name).toBe('Call with Ana');
    expect(recording.read).toBe(true);
    expect(recording.dateCreated).toBe(row?.date_created);
    expect(Date.parse(recording.dateModified ?? '')).toBeGreaterThan(
      Date.parse(row?.date_modified ?? ''),
    );
    expect(recording.dateModified).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

    const stored = server.emulator.context.store.get('rec-0000');
    expect(stored?.name).toBe('Call with Ana');
    expect(stored?.read).toBe(1);
  });

  it('ignores server-managed fields', async () => {
    const [row] = await insertRecordings(server, [recordingRow(0)]);

    const response = await callApi(server, 'putUserrecording', `${LIST}/rec-0000`, {
      method: 'PUT',
      body: {
        id: 'other-id',
        name: 'Renamed',
        dateCreated: '2000-01-01T00:00:00.000Z',
        durationMilliseconds: 5,
        contentLength: 5,
        workspace: { id: 'elsewhere' },
        selfUri: '/elsewhere',
      },
    });
    const recording = response.body as UserRecording;

    expect(response.status).toBe(200);
    expect(recording.id).toBe('rec-0000');
    expect(recording.name).toBe('Renamed');
    expect(recording.dateCreated).toBe(row?.date_created);
    expect(recording.durationMilliseconds).toBe(1000);
    expect(recording.contentLength).toBe(row?.content_length);
    expect(recording.workspace?.id).toBe('workspace-1');
    expect(server.emulator.context.store.get('other-id')).toBeUndefined();
  });

  it('unchanged values keep dateModified', async () => {
    const [row] = await insertRecordings(server, [recordingRow(0, { read: 1 })]);

    const response = await callApi(server, 'putUserrecording', `${LIST}/rec-0000`, {
      method: 'PUT',
      body: { name: row?.name, read: true, durationMilliseconds: 5 },
    });
    const recording = response.body as UserRecording;

    expect(response.status).toBe(200);
    expect(recording.dateModified).toBe(row?.date_modified);
    expect(server.emulator.context.store.get('rec-0000')?.date_modified).toBe(row?.date_modified);
  });

  it('keeps the name when only read is sent', async () => {
    await insertRecordings(server, [recordingRow(0, { read: 1 })]);

    const response = await callApi(server, 'putUserrecording', `${LIST}/rec-0000`, {
      method: 'PUT',
      body: { read: false },
    });
    const recording = response.body as UserRecording;

    expect(response.status).toBe(200);
    expect(recording.name).toBe('Recording 0');
    expect(recording.read).toBe(false);
  });

  it('accepts JSON with a charset parameter', async () => {
    await insertRecordings(server, [recordingRow(0)]);

    const response = await callApi(server, 'putUserrecording', `${LIST}/rec-0000`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ name: 'Ünïcödé name' }),
    });

    expect(response.status).toBe(200);
    expect((response.body as UserRecording).name).toBe('Ünïcödé name');
  });

  it('accepts a name of 255 characters', async () => {
    await insertRecordings(server, [recordingRow(0)]);
    const name = 'n'.repeat(255);

    const response = await callApi(server, 'putUserrecording', `${LIST}/rec-0000`, {
      method: 'PUT',
      body: { name },
    });

    expect(response.status).toBe(200);
    expect((response.body as UserRecording).name).toBe(name);
  });

  it('returns the conversation when expanded', async () => {
    await insertRecordings(server, [recordingRow(0, { conversation: sampleConversation('c0') })]);

    const response = await callApi(
      server,
      'putUserrecording',
      `${LIST}/rec-0000?expand=conversation`,
      {
        method: 'PUT',
        body: { read: true },
      },
    );

    expect(response.status).toBe(200);
    expect((response.body as UserRecording).conversation?.id).toBe('c0');
  });

  it('returns 404 for an unknown id', async () => {
    const response = await callApi(server, 'putUserrecording', `${LIST}/missing`, {
      method: 'PUT',
      body: { name: 'x' },
    });

    expect(response.status).toBe(404);
    expect((response.body as ErrorBody).code).toBe('not.found');
  });
});

describe('DELETE /api/v2/userrecordings/{recordingId}', () => {
  it('returns 202 without a body, then 404', async () => {
    const [row] = await insertRecordings(server, rows(3));
    const mediaPath = join(server.dataDir, 'media', row?.media_file ?? '');
    expect(existsSync(mediaPath)).toBe(true);

    const deleted = await callApi(server, 'deleteUserrecording', `${LIST}/rec-0000`, {
      method: 'DELETE',
    });

    expect(deleted.status).toBe(202);
    expect(deleted.text).toBe('');
    expect(server.emulator.context.store.get('rec-0000')).toBeUndefined();
    expect(existsSync(mediaPath)).toBe(false);

    const afterwards = await callApi(server, 'getUserrecording', `${LIST}/rec-0000`);
    expect(afterwards.status).toBe(404);

    const again = await callApi(server, 'deleteUserrecording', `${LIST}/rec-0000`, {
      method: 'DELETE',
    });
    expect(again.status).toBe(404);

    const { listing } = await list('');
    expect(listing.total).toBe(2);
    expect(listing.entities?.map((recording) => recording.id)).toEqual(['rec-0001', 'rec-0002']);
    expect(await summary()).toEqual({ readCount: 0, unreadCount: 2, totalCount: 2 });
  });
});

describe('GET /api/v2/userrecordings/summary', () => {
  it('counts an empty store as zeros', async () => {
    expect(await summary()).toEqual({ readCount: 0, unreadCount: 0, totalCount: 0 });
  });

  it('stays consistent after mixed updates and deletes', async () => {
    await insertRecordings(server, rows(10));
    expect(await summary()).toEqual({ readCount: 0, unreadCount: 10, totalCount: 10 });

    for (const id of ['rec-0001', 'rec-0002', 'rec-0003', 'rec-0004']) {
      const response = await callApi(server, 'putUserrecording', `${LIST}/${id}`, {
        method: 'PUT',
        body: { read: true },
      });
      expect(response.status).toBe(200);
    }
    const unread = await callApi(server, 'putUserrecording', `${LIST}/rec-0004`, {
      method: 'PUT',
      body: { read: false },
    });
    expect(unread.status).toBe(200);
    for (const id of ['rec-0001', 'rec-0002', 'rec-0009']) {
      const response = await callApi(server, 'deleteUserrecording', `${LIST}/${id}`, {
        method: 'DELETE',
      });
      expect(response.status).toBe(202);
    }

    const counts = await summary();
    expect(counts).toEqual({ readCount: 1, unreadCount: 6, totalCount: 7 });

    const { listing } = await list('?pageSize=100');
    expect(listing.total).toBe(counts.totalCount);
    expect(listing.entities?.filter((recording) => recording.read)).toHaveLength(1);
    expect(listing.entities?.filter((recording) => recording.read)[0]?.id).toBe('rec-0003');
  });
});

describe('correlation id', () => {
  it('is on every response and equals contextId on errors', async () => {
    await insertRecordings(server, rows(1));
    const responses = [
      await callApi(server, 'getUserrecordings', LIST),
      await callApi(server, 'getUserrecordingsSummary', `${LIST}/summary`),
      await callApi(server, 'getUserrecording', `${LIST}/rec-0000`),
      await callApi(server, 'getUserrecording', `${LIST}/unknown`),
      await callApi(server, 'getUserrecordings', `${LIST}?pageSize=0`),
      await callApi(server, 'deleteUserrecording', `${LIST}/rec-0000`, { method: 'DELETE' }),
    ];

    const ids = responses.map((response) => response.correlationId);
    for (const id of ids) {
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(new Set(ids).size).toBe(responses.length);
    expect((responses[3]?.body as ErrorBody).contextId).toBe(responses[3]?.correlationId);
    expect((responses[4]?.body as ErrorBody).contextId).toBe(responses[4]?.correlationId);
  });

  it('is on the 404 of an unknown API path', async () => {
    const response = await callApi(server, 'getUserrecording', `${LIST}/rec-1/unknown`);

    expect(response.status).toBe(404);
    expect((response.body as ErrorBody).contextId).toBe(response.correlationId);
  });
});
