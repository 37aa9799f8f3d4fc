import platformClient from 'purecloud-platform-client-v2';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import {
  expectMatchesOperation,
  insertRecordings,
  recordingRow,
  sampleConversation,
  startTestEmulator,
  type TestEmulator,
} from '../test-support/index.ts';
import type {
  DownloadResponse,
  ErrorBody,
  FaxSummary,
  UserRecording,
  UserRecordingEntityListing,
} from '../types.ts';

/** What the SDK resolves or rejects with once extended responses are on. */
interface ExtendedResponse<T> {
  status: number;
  headers: Record<string, string>;
  body: T;
}

let server: TestEmulator;
let client: InstanceType<typeof platformClient.ApiClientClass>;
let api: platformClient.UserRecordingsApi;

beforeAll(async () => {
  server = await startTestEmulator();
});

afterAll(async () => {
  await server.close();
});

beforeEach(async () => {
  for (const row of server.emulator.context.store.all()) {
    server.emulator.context.store.remove(row.id);
  }
  await insertRecordings(server, [
    recordingRow(0, { conversation: sampleConversation('conv-0') }),
    recordingRow(1, { read: 1 }),
    recordingRow(2),
  ]);

  // The SDK always builds https://api.<environment>; a gateway points it at the emulator.
  const url = new URL(server.apiUrl);
  client = new platformClient.ApiClientClass();
  client.setGateway({ host: url.hostname, protocol: 'http', port: Number(url.port) });
  client.setAccessToken('emulator-test-token');
  client.setReturnExtendedResponses(true);
  api = new platformClient.UserRecordingsApi(client);
});

/** Awaits an SDK call and validates its response, success or failure, against the document. */
async function sdkCall<T>(
  operationId: string,
  call: Promise<unknown>,
): Promise<ExtendedResponse<T>> {
  let response: ExtendedResponse<T>;
  try {
    response = (await call) as ExtendedResponse<T>;
  } catch (error) {
    response = error as ExtendedResponse<T>;
  }
  expect(response.status).toEqual(expect.any(Number));
  expectMatchesOperation(operationId, response.status, response.body, { ...response.headers });
  return response;
}

describe('official Genesys SDK against the emulator', () => {
  it('lists a page with the conversation expanded', async () => {
    const response = await sdkCall<UserRecordingEntityListing>(
      'getUserrecordings',
      api.getUserrecordings({ pageSize: 2, pageNumber: 1, expand: ['conversation'] }),
    );

    expect(response.status).toBe(200);
    expect(response.body.total).toBe(3);
    expect(response.body.pageCount).toBe(2);
    expect(response.body.entities?.map((recording) => recording.id)).toEqual([
      'rec-0000',
      'rec-0001',
    ]);
    expect(response.body.entities?.[0]?.conversation?.id).toBe('conv-0');
    expect(response.body.nextUri).toBe(
      '/api/v2/userrecordings?pageSize=2&pageNumber=2&expand=conversation',
    );
  });

  it('sends zero values as empty with the legacy parameter filter', async () => {
    // Legacy mode turns a numeric 0 into `pageNumber=`, which counts as absent.
    client.setUseLegacyParameterFilter(true);

    const response = await sdkCall<UserRecordingEntityListing>(
      'getUserrecordings',
      api.getUserrecordings({ pageSize: 0, pageNumber: 0 }),
    );

    expect(response.status).toBe(200);
    expect(response.body.pageSize).toBe(25);
    expect(response.body.pageNumber).toBe(1);
  });

  it('gets one recording', async () => {
    const response = await sdkCall<UserRecording>(
      'getUserrecording',
      api.getUserrecording('rec-0001'),
    );

    expect(response.status).toBe(200);
    expect(response.body.id).toBe('rec-0001');
    expect(response.body.read).toBe(true);
    expect(response.body).not.toHaveProperty('conversation');
  });

  it('gets one recording with the conversation expanded', async () => {
    const response = await sdkCall<UserRecording>(
      'getUserrecording',
      api.getUserrecording('rec-0000', { expand: ['conversation'] }),
    );

    expect(response.status).toBe(200);
    expect(response.body.conversation?.id).toBe('conv-0');
  });

  it('updates the name and read flag', async () => {
    const current = await sdkCall<UserRecording>(
      'getUserrecording',
      api.getUserrecording('rec-0002'),
    );

    const response = await sdkCall<UserRecording>(
      'putUserrecording',
      api.putUserrecording('rec-0002', {
        ...current.body,
        name: ' Renamed by the SDK ',
        read: true,
      }),
    );

    expect(response.status).toBe(200);
    expect(response.body.name).toBe('Renamed by the SDK');
    expect(response.body.read).toBe(true);
    expect(server.emulator.context.store.get('rec-0002')?.name).toBe('Renamed by the SDK');
  });

  it('deletes a recording, then gets 404', async () => {
    const deleted = await sdkCall<string | undefined>(
      'deleteUserrecording',
      api.deleteUserrecording('rec-0000'),
    );

    expect(deleted.status).toBe(202);
    // axios reports an empty body as an empty string.
    expect(deleted.body ?? '').toBe('');

    const missing = await sdkCall<ErrorBody>('getUserrecording', api.getUserrecording('rec-0000'));
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('not.found');
    expect(missing.body.contextId).toBe(missing.headers['inin-correlation-id']);
  });

  it('reads the summary', async () => {
    const response = await sdkCall<FaxSummary>(
      'getUserrecordingsSummary',
      api.getUserrecordingsSummary(),
    );

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ readCount: 1, unreadCount: 2, totalCount: 3 });
  });

  it('receives 400 with an ErrorBody for an invalid name', async () => {
    const response = await sdkCall<ErrorBody>(
      'putUserrecording',
      api.putUserrecording('rec-0002', { name: '   ' }),
    );

    expect(response.status).toBe(400);
    expect(response.body.code).toBe('invalid.value');
    expect(server.emulator.context.store.get('rec-0002')?.name).toBe('Recording 2');
  });

  it('downloads through transcoding: 202, then 200 with a URL', async () => {
    const first = await sdkCall<DownloadResponse>(
      'getUserrecordingTranscoding',
      api.getUserrecordingTranscoding('rec-0001', { formatId: 'MP3' }),
    );
    expect(first.status).toBe(202);
    expect(first.body.state).toBe('Running');
    expect(first.body).not.toHaveProperty('contentLocationUri');

    let ready = first;
    for (let attempt = 0; attempt < 100 && ready.status === 202; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      ready = await sdkCall<DownloadResponse>(
        'getUserrecordingTranscoding',
        api.getUserrecordingTranscoding('rec-0001', { formatId: 'MP3' }),
      );
    }

    expect(ready.status).toBe(200);
    expect(ready.body.state).toBe('Completed');
    const media = await fetch(ready.body.contentLocationUri ?? '');
    expect(media.status).toBe(200);
    const bytes = new Uint8Array(await media.arrayBuffer());
    // An MP3 file starts with an ID3 tag or an MPEG frame sync.
    const id3 = String.fromCharCode(...bytes.subarray(0, 3)) === 'ID3';
    const frameSync = bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xe0) === 0xe0;
    expect(id3 || frameSync).toBe(true);
  });
});
