import { readdirSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import {
  callApi,
  insertRecordings,
  recordingRow,
  startTestEmulator,
  type ApiRequestInit,
  type TestEmulator,
} from '../test-support/index.ts';
import type { RecordingRow } from '../store/recordings-store.ts';
import type { ErrorBody } from '../types.ts';

const LIST = '/api/v2/userrecordings';
const LONG_ID = 'a'.repeat(10_000);

let server: TestEmulator;
let before: RecordingRow[];
let mediaBefore: string[];

function mediaFiles(): string[] {
  return readdirSync(join(server.dataDir, 'media')).sort();
}

beforeAll(async () => {
  server = await startTestEmulator();
  await insertRecordings(server, [recordingRow(0, { read: 1 }), recordingRow(1)]);
});

afterAll(async () => {
  await server.close();
});

beforeEach(() => {
  before = server.emulator.context.store.all();
  mediaBefore = mediaFiles();
});

interface BadRequestCase {
  label: string;
  operationId: string;
  path: string;
  init?: ApiRequestInit;
  status: number;
  code: string;
}

async function expectRejected({ operationId, path, init, status, code }: BadRequestCase) {
  const response = await callApi(server, operationId, path, init);
  const error = response.body as ErrorBody;

  expect(response.status).toBe(status);
  expect(error.code).toBe(code);
  expect(error.status).toBe(status);
  expect(error.message).toEqual(expect.any(String));
  expect(error.contextId).toBe(response.correlationId);
  expect(server.emulator.context.store.all()).toEqual(before);
  expect(mediaFiles()).toEqual(mediaBefore);
}

const put = (body: ApiRequestInit['body'], headers?: Record<string, string>): ApiRequestInit => ({
  method: 'PUT',
  body,
  ...(headers === undefined ? {} : { headers }),
});

describe('list query rejected', () => {
  it.each<BadRequestCase>([
    {
      label: 'pageSize=0',
      operationId: 'getUserrecordings',
      path: `${LIST}?pageSize=0`,
      status: 400,
      code: 'invalid.query.param.value',
    },
    {
      label: 'pageSize=-1',
      operationId: 'getUserrecordings',
      path: `${LIST}?pageSize=-1`,
      status: 400,
      code: 'invalid.query.param.value',
    },
    {
      label: 'pageSize=abc',
      operationId: 'getUserrecordings',
      path: `${LIST}?pageSize=abc`,
      status: 400,
      code: 'invalid.query.param.value',
    },
    {
      label: 'pageSize=2.5',
      operationId: 'getUserrecordings',
      path: `${LIST}?pageSize=2.5`,
      status: 400,
      code: 'invalid.query.param.value',
    },
    {
      label: 'pageSize twice',
      operationId: 'getUserrecordings',
      path: `${LIST}?pageSize=2&pageSize=3`,
      status: 400,
      code: 'invalid.query.param.value',
    },
    {
      label: 'pageSize=101',
      operationId: 'getUserrecordings',
      path: `${LIST}?pageSize=101`,
      status: 400,
      code: 'response.entity.too.large',
    },
    {
      label: 'pageSize=10000000000',
      operationId: 'getUserrecordings',
      path: `${LIST}?pageSize=10000000000`,
      status: 400,
      code: 'response.entity.too.large',
    },
    {
      label: 'pageNumber=0',
      operationId: 'getUserrecordings',
      path: `${LIST}?pageNumber=0`,
      status: 400,
      code: 'invalid.query.param.value',
    },
    {
      label: 'pageNumber=-1',
      operationId: 'getUserrecordings',
      path: `${LIST}?pageNumber=-1`,
      status: 400,
      code: 'invalid.query.param.value',
    },
    {
      label: 'pageNumber above int32',
      operationId: 'getUserrecordings',
      path: `${LIST}?pageNumber=2147483648`,
      status: 400,
      code: 'invalid.query.param.value',
    },
    {
      label: 'unknown expand',
      operationId: 'getUserrecordings',
      path: `${LIST}?expand=owner`,
      status: 400,
      code: 'invalid.query.param.value',
    },
    {
      label: 'unknown expand among known',
      operationId: 'getUserrecordings',
      path: `${LIST}?expand=conversation,owner`,
      status: 400,
      code: 'invalid.query.param.value',
    },
  ])('$label', async (testCase) => {
    await expectRejected(testCase);
  });

  it('names the parameter in the details', async () => {
    const response = await callApi(server, 'getUserrecordings', `${LIST}?pageSize=abc`);

    expect((response.body as ErrorBody).details).toEqual([
      { errorCode: 'invalid.query.param.value', fieldName: 'pageSize' },
    ]);
  });
});

describe('recording ids rejected', () => {
  const ids: Array<[string, string]> = [
    ['..', '..'],
    ['an encoded slash', '%2F'],
    ['a path through an encoded slash', '..%2F..%2Frecordings.sqlite'],
    ['10,000 characters', LONG_ID],
    ['65 characters', 'b'.repeat(65)],
    ['an underscore', 'rec_0000'],
    ['a space', 'rec%200000'],
  ];

  it.each(ids)('GET with %s', async (_label, id) => {
    await expectRejected({
      label: '',
      operationId: 'getUserrecording',
      path: `${LIST}/${id}`,
      status: 400,
      code: 'invalid.value',
    });
  });

  it.each(ids)('PUT with %s', async (_label, id) => {
    await expectRejected({
      label: '',
      operationId: 'putUserrecording',
      path: `${LIST}/${id}`,
      init: put({ name: 'x' }),
      status: 400,
      code: 'invalid.value',
    });
  });

  it.each(ids)('DELETE with %s', async (_label, id) => {
    await expectRejected({
      label: '',
      operationId: 'deleteUserrecording',
      path: `${LIST}/${id}`,
      init: { method: 'DELETE' },
      status: 400,
      code: 'invalid.value',
    });
  });

  it('rejects a malformed percent escape', async () => {
    await expectRejected({
      label: '',
      operationId: 'getUserrecording',
      path: `${LIST}/%ZZ`,
      status: 400,
      code: 'bad.request',
    });
  });

  it('rejects an unknown expand on a single recording', async () => {
    await expectRejected({
      label: '',
      operationId: 'getUserrecording',
      path: `${LIST}/rec-0000?expand=nothing`,
      status: 400,
      code: 'invalid.query.param.value',
    });
  });
});

describe('PUT bodies rejected', () => {
  const path = `${LIST}/rec-0000`;

  it.each<BadRequestCase>([
    {
      label: 'malformed JSON',
      operationId: 'putUserrecording',
      path,
      init: put('{"name": "x"', { 'content-type': 'application/json' }),
      status: 400,
      code: 'bad.request',
    },
    {
      label: 'a JSON array',
      operationId: 'putUserrecording',
      path,
      init: put('[{"name": "x"}]', { 'content-type': 'application/json' }),
      status: 400,
      code: 'bad.request',
    },
    {
      label: 'a JSON string',
      operationId: 'putUserrecording',
      path,
      init: put('"x"', { 'content-type': 'application/json' }),
      status: 400,
      code: 'bad.request',
    },
    {
      label: 'JSON null',
      operationId: 'putUserrecording',
      path,
      init: put('null', { 'content-type': 'application/json' }),
      status: 400,
      code: 'bad.request',
    },
    {
      label: 'an empty JSON body',
      operationId: 'putUserrecording',
      path,
      init: put('', { 'content-type': 'application/json' }),
      status: 400,
      code: 'bad.request',
    },
    {
      label: 'text/plain',
      operationId: 'putUserrecording',
      path,
      init: put('{"name": "x"}', { 'content-type': 'text/plain' }),
      status: 415,
      code: 'unsupported.media.type',
    },
    {
      label: 'form data',
      operationId: 'putUserrecording',
      path,
      init: put('name=x', { 'content-type': 'application/x-www-form-urlencoded' }),
      status: 415,
      code: 'unsupported.media.type',
    },
    {
      label: 'no content type',
      operationId: 'putUserrecording',
      path,
      init: put('{"name": "x"}', {}),
      status: 415,
      code: 'unsupported.media.type',
    },
    {
      label: 'a body over 64 KiB',
      operationId: 'putUserrecording',
      path,
      init: put({ name: 'x', padding: 'p'.repeat(64 * 1024) }),
      status: 413,
      code: 'request.entity.too.large',
    },
    {
      label: 'an empty name',
      operationId: 'putUserrecording',
      path,
      init: put({ name: '' }),
      status: 400,
      code: 'invalid.value',
    },
    {
      label: 'a whitespace-only name',
      operationId: 'putUserrecording',
      path,
      init: put({ name: ' \t\n ' }),
      status: 400,
      code: 'invalid.value',
    },
    {
      label: 'a name of 256 characters',
      operationId: 'putUserrecording',
      path,
      init: put({ name: 'n'.repeat(256) }),
      status: 400,
      code: 'invalid.value',
    },
    {
      label: 'a numeric name',
      operationId: 'putUserrecording',
      path,
      init: put({ name: 42 }),
      status: 400,
      code: 'invalid.value',
    },
    {
      label: 'a null name',
      operationId: 'putUserrecording',
      path,
      init: put({ name: null }),
      status: 400,
      code: 'invalid.value',
    },
    {
      label: 'read: "yes"',
      operationId: 'putUserrecording',
      path,
      init: put({ read: 'yes' }),
      status: 400,
      code: 'invalid.value',
    },
    {
      label: 'read: 1',
      operationId: 'putUserrecording',
      path,
      init: put({ read: 1 }),
      status: 400,
      code: 'invalid.value',
    },
    {
      label: 'a valid name with read: "yes"',
      operationId: 'putUserrecording',
      path,
      init: put({ name: 'Fine', read: 'yes' }),
      status: 400,
      code: 'invalid.value',
    },
    {
      label: 'an unknown expand',
      operationId: 'putUserrecording',
      path: `${path}?expand=all`,
      init: put({ name: 'Fine' }),
      status: 400,
      code: 'invalid.query.param.value',
    },
  ])('$label', async (testCase) => {
    await expectRejected(testCase);
  });

  it('names the invalid field in the details', async () => {
    const response = await callApi(server, 'putUserrecording', path, put({ read: 'yes' }));

    expect((response.body as ErrorBody).details).toEqual([
      { errorCode: 'invalid.value', fieldName: 'read' },
    ]);
  });
});
