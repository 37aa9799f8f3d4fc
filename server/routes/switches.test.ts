import { afterEach, describe, expect, it } from 'vitest';

import {
  callApi,
  insertRecordings,
  recordingRow,
  startTestEmulator,
  type EmulatorOverrides,
  type TestEmulator,
} from '../test-support/index.ts';
import type { ErrorBody } from '../types.ts';

const LIST = '/api/v2/userrecordings';

let server: TestEmulator | undefined;

async function start(overrides: EmulatorOverrides): Promise<TestEmulator> {
  server = await startTestEmulator(overrides);
  return server;
}

afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('latency switch', () => {
  it('delays every API response', async () => {
    const emulator = await start({ switches: { latencyMs: 400 } });

    for (const [operationId, path] of [
      ['getUserrecordingsSummary', `${LIST}/summary`],
      ['getUserrecording', `${LIST}/unknown-id`],
    ] as const) {
      const started = performance.now();
      const response = await callApi(emulator, operationId, path);
      const elapsed = performance.now() - started;

      expect(response.status).toBeLessThan(500);
      expect(elapsed).toBeGreaterThanOrEqual(395);
    }
  });

  it('adds no delay when off', async () => {
    const emulator = await start({});
    await callApi(emulator, 'getUserrecordingsSummary', `${LIST}/summary`);

    const started = performance.now();
    await callApi(emulator, 'getUserrecordingsSummary', `${LIST}/summary`);

    expect(performance.now() - started).toBeLessThan(300);
  });
});

describe('rate limit switch', () => {
  it('returns 429 with Retry-After', async () => {
    const emulator = await start({ switches: { rateLimitPerMinute: 5 } });
    const headers = { authorization: 'Bearer token-a' };

    for (let index = 0; index < 5; index += 1) {
      const response = await callApi(emulator, 'getUserrecordingsSummary', `${LIST}/summary`, {
        headers,
      });
      expect(response.status).toBe(200);
    }
    const limited = await callApi(emulator, 'getUserrecordingsSummary', `${LIST}/summary`, {
      headers,
    });
    const error = limited.body as ErrorBody;

    expect(limited.status).toBe(429);
    expect(error.code).toBe('too.many.requests.retry.after');
    expect(error.limit).toEqual({
      key: 'token.rate.per.minute',
      namespace: 'platform.api',
      value: 5,
    });
    const retryAfter = Number(limited.headers['retry-after']);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
  });

  it('counts each token separately', async () => {
    const emulator = await start({ switches: { rateLimitPerMinute: 2 } });
    const call = (token: string) =>
      callApi(emulator, 'getTokensMe', '/api/v2/tokens/me', {
        headers: { authorization: `Bearer ${token}` },
      });

    expect((await call('first')).status).toBe(200);
    expect((await call('first')).status).toBe(200);
    expect((await call('first')).status).toBe(429);
    expect((await call('second')).status).toBe(200);
  });

  it('counts requests without a token per client', async () => {
    const emulator = await start({ switches: { rateLimitPerMinute: 1 } });

    const first = await callApi(emulator, 'getUserrecordings', LIST);
    const second = await callApi(emulator, 'getUserrecordings', LIST);

    expect(first.status).toBe(200);
    expect(second.status).toBe(429);
    expect((second.body as ErrorBody).limit?.key).toBe('client.rate.per.minute');
  });
});

describe('error rate switch', () => {
  it('fails every request at rate 1 and changes nothing', async () => {
    const emulator = await start({ switches: { errorRate: 1 } });
    await insertRecordings(emulator, [recordingRow(0)]);
    const before = emulator.emulator.context.store.all();
    const statuses = new Set<number>();

    for (let index = 0; index < 20; index += 1) {
      const response =
        index % 2 === 0
          ? await callApi(emulator, 'getUserrecordings', LIST)
          : await callApi(emulator, 'putUserrecording', `${LIST}/rec-0000`, {
              method: 'PUT',
              body: { name: 'Changed', read: true },
            });
      const error = response.body as ErrorBody;

      expect([500, 503]).toContain(response.status);
      expect(error.code).toBe(
        response.status === 500 ? 'internal.server.error' : 'service.unavailable',
      );
      expect(error.contextId).toBe(response.correlationId);
      statuses.add(response.status);
    }

    // Each status has probability 1/2, so missing one in 20 draws has odds of about 2 in a million.
    expect(statuses).toEqual(new Set([500, 503]));
    expect(emulator.emulator.context.store.all()).toEqual(before);
  });

  it('fails no request at rate 0', async () => {
    const emulator = await start({ switches: { errorRate: 0 } });

    for (let index = 0; index < 10; index += 1) {
      const response = await callApi(emulator, 'getUserrecordingsSummary', `${LIST}/summary`);
      expect(response.status).toBe(200);
    }
  });
});
