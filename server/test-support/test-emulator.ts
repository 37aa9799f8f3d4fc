import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { createEmulator, type Emulator } from '../app.ts';
import { readConfig, type EmulatorConfig } from '../config.ts';
import type { RecordingRow } from '../store/recordings-store.ts';
import { expectMatchesOperation } from './openapi-validator.ts';

const execFileAsync = promisify(execFile);

export type EmulatorOverrides = Partial<Omit<EmulatorConfig, 'switches'>> & {
  switches?: Partial<EmulatorConfig['switches']>;
};

export interface TestEmulator {
  emulator: Emulator;
  /** Base URL of the API, without a trailing slash, such as `http://127.0.0.1:40123`. */
  apiUrl: string;
  /** Base URL of the media origin. */
  mediaUrl: string;
  /** Temporary data folder, removed by `close()`. */
  dataDir: string;
  close(): Promise<void>;
}

/**
 * Starts an emulator on free loopback ports with an empty temporary data folder,
 * no demo seed, no app and quiet logs. `close()` stops it and removes the folder.
 */
export async function startTestEmulator(overrides: EmulatorOverrides = {}): Promise<TestEmulator> {
  const dataDir = await mkdtemp(join(tmpdir(), 'recordings-emulator-test-'));
  const base = readConfig({
    HOST: '127.0.0.1',
    PORT: '0',
    MEDIA_PORT: '0',
    RECORDINGS_DATA_DIR: dataDir,
    RECORDINGS_SEED: 'none',
    RECORDINGS_APP_DIR: '',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
  });
  const { switches, ...rest } = overrides;
  const config: EmulatorConfig = {
    ...base,
    ...rest,
    appDir: rest.appDir,
    switches: { ...base.switches, ...switches },
  };
  const emulator = createEmulator(config);
  try {
    const { apiUrl, mediaUrl } = await emulator.listen();
    return {
      emulator,
      apiUrl: apiUrl.replace(/\/$/, ''),
      mediaUrl: mediaUrl.replace(/\/$/, ''),
      dataDir: config.dataDir,
      async close() {
        await emulator.close();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await emulator.close();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}

let toneFile: Promise<string> | undefined;

/**
 * Makes (once per test process) a one-second 440 Hz mono WAV with ffmpeg, and
 * returns its path. It is 8 kHz 16-bit PCM, about 16 KB.
 */
export function sampleToneFile(): Promise<string> {
  toneFile ??= (async () => {
    const folder = await mkdtemp(join(tmpdir(), 'recordings-tone-'));
    const path = join(folder, 'tone.wav');
    await execFileAsync('ffmpeg', [
      '-hide_banner',
      '-loglevel',
      'error',
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=440:duration=1:sample_rate=8000',
      '-ac',
      '1',
      '-c:a',
      'pcm_s16le',
      path,
    ]);
    return path;
  })();
  return toneFile;
}

/** Builds the row of recording number `index`: one day older per index, unread, no conversation. */
export function recordingRow(index: number, overrides: Partial<RecordingRow> = {}): RecordingRow {
  const created = new Date(
    Date.UTC(2025, 0, 31, 12, 0, 0) - index * 24 * 3600 * 1000,
  ).toISOString();
  const id = overrides.id ?? `rec-${String(index).padStart(4, '0')}`;
  return {
    id,
    name: `Recording ${index}`,
    date_created: created,
    date_modified: created,
    read: 0,
    duration_ms: 1000,
    content_length: 0,
    media_file: `${id}.wav`,
    media_container: 'wav',
    media_codec: 'pcm_s16le',
    created_by_id: 'user-1',
    created_by_name: 'Test User',
    workspace_id: 'workspace-1',
    workspace_name: 'Test workspace',
    conversation: null,
    ...overrides,
  };
}

/**
 * Inserts rows through the store, each with its own copy of the sample tone in the
 * data folder's `media/` folder, and returns them as stored.
 */
export async function insertRecordings(
  testEmulator: TestEmulator,
  rows: RecordingRow[],
): Promise<RecordingRow[]> {
  const tone = await sampleToneFile();
  const mediaDir = join(testEmulator.dataDir, 'media');
  await mkdir(mediaDir, { recursive: true });
  const { size } = await stat(tone);
  const stored: RecordingRow[] = [];
  for (const row of rows) {
    await copyFile(tone, join(mediaDir, row.media_file));
    const withSize = { ...row, content_length: size };
    testEmulator.emulator.context.store.insert(withSize);
    stored.push(withSize);
  }
  return stored;
}

/** A conversation as stored in the `conversation` column, for `expand=conversation` tests. */
export function sampleConversation(id: string): string {
  return JSON.stringify({
    id,
    startTime: '2025-01-31T11:59:00.000Z',
    endTime: '2025-01-31T12:05:00.000Z',
    participants: [
      { id: `${id}-p1`, name: 'Caller', purpose: 'customer', direction: 'inbound' },
      { id: `${id}-p2`, name: 'Test User', purpose: 'user' },
    ],
    recordingState: 'NONE',
    state: 'disconnected',
    selfUri: `/api/v2/conversations/${id}`,
  });
}

export interface ApiResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The raw body text. */
  text: string;
  /** The body parsed as JSON, or undefined when the body is empty. */
  body: unknown;
  correlationId: string | undefined;
}

export interface ApiRequestInit {
  method?: string;
  headers?: Record<string, string>;
  /** Sent as is; objects are sent as JSON with `Content-Type: application/json`. */
  body?: string | Buffer | object;
}

/**
 * Sends one request with node:http, which keeps the path exactly as given (fetch
 * would resolve `..` and re-encode), and reads the whole response.
 */
export function sendRequest(
  baseUrl: string,
  path: string,
  init: ApiRequestInit = {},
): Promise<ApiResponse> {
  const url = new URL(baseUrl);
  const headers: Record<string, string> = { ...init.headers };
  let payload: string | Buffer | undefined;
  if (typeof init.body === 'string' || Buffer.isBuffer(init.body)) {
    payload = init.body;
  } else if (init.body !== undefined) {
    payload = JSON.stringify(init.body);
    headers['content-type'] ??= 'application/json';
  }
  if (payload !== undefined) {
    headers['content-length'] = String(Buffer.byteLength(payload));
  }
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      { host: url.hostname, port: url.port, method: init.method ?? 'GET', path, headers },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown;
          try {
            body = text === '' ? undefined : JSON.parse(text);
          } catch {
            body = text;
          }
          const correlation = response.headers['inin-correlation-id'];
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            text,
            body,
            correlationId: Array.isArray(correlation) ? correlation[0] : correlation,
          });
        });
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

/**
 * Sends a request to the API and validates the response against `operationId` of
 * the OpenAPI document, throwing when it does not match.
 */
export async function callApi(
  testEmulator: Pick<TestEmulator, 'apiUrl'>,
  operationId: string,
  path: string,
  init: ApiRequestInit = {},
): Promise<ApiResponse> {
  const response = await sendRequest(testEmulator.apiUrl, path, init);
  expectMatchesOperation(operationId, response.status, response.body, response.headers);
  return response;
}
