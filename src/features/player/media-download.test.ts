// The API is stood in for by a stub fetch that returns real Response objects,
// so the real openapi-fetch client, its error middleware and the retry wrapper run.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { ApiError, createApiClient } from '../../api';
import {
  getKnownRoute,
  pollDownloadUrl,
  requestDownload,
  resetRouteDiscovery,
} from './media-download';

type Handler = (url: URL) => Response;

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

const running = () => json(202, { id: 'r1', state: 'Running' });
const completed = (uri = 'http://media.test/file.mp3?sig=1') =>
  json(200, { id: 'r1', state: 'Completed', contentLocationUri: uri });
const notFound = () => json(404, { status: 404, code: 'not.found', message: 'Not found' });

function stubClient(handler: Handler) {
  const requests: URL[] = [];
  const client = createApiClient({
    baseUrl: 'http://api.test',
    fetch: (request: Request) => {
      const url = new URL(request.url);
      requests.push(url);
      return Promise.resolve(handler(url));
    },
  });
  return { client, requests };
}

const noSleep = () => Promise.resolve();

beforeEach(() => {
  resetRouteDiscovery();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('requestDownload', () => {
  it('uses /transcoding when the server has it', async () => {
    const { client, requests } = stubClient(() => completed());

    const answer = await requestDownload(client, 'r1', 'MP3', new AbortController().signal);

    expect(answer).toEqual({ state: 'ready', url: 'http://media.test/file.mp3?sig=1' });
    expect(requests[0]?.pathname).toBe('/api/v2/userrecordings/r1/transcoding');
    expect(requests[0]?.searchParams.get('formatId')).toBe('MP3');
    expect(getKnownRoute()).toBe('transcoding');
  });

  it('falls back to /media and remembers it', async () => {
    const { client, requests } = stubClient((url) =>
      url.pathname.endsWith('/transcoding') ? notFound() : completed(),
    );
    const signal = new AbortController().signal;

    await requestDownload(client, 'r1', 'WAV', signal);
    await requestDownload(client, 'r2', 'WAV', signal);

    expect(requests.map((url) => url.pathname)).toEqual([
      '/api/v2/userrecordings/r1/transcoding',
      '/api/v2/userrecordings/r1/media',
      '/api/v2/userrecordings/r2/media',
    ]);
    expect(requests[1]?.searchParams.get('async')).toBe('true');
    expect(getKnownRoute()).toBe('media');
  });

  it('throws not found when both routes answer 404', async () => {
    const { client } = stubClient(() => notFound());

    const result = requestDownload(client, 'gone', 'MP3', new AbortController().signal);

    await expect(result).rejects.toBeInstanceOf(ApiError);
    await expect(result).rejects.toMatchObject({ status: 404, code: 'not.found' });
    expect(getKnownRoute()).toBeUndefined();
  });

  it('does not fall back on other errors', async () => {
    const { client, requests } = stubClient(() =>
      json(403, { status: 403, code: 'missing.permissions', message: 'No' }),
    );

    await expect(
      requestDownload(client, 'r1', 'MP3', new AbortController().signal),
    ).rejects.toMatchObject({
      status: 403,
    });
    expect(requests).toHaveLength(1);
  });

  it('treats 200 without a URL as not ready', async () => {
    const { client } = stubClient(() => json(200, { id: 'r1', state: 'Running' }));

    const answer = await requestDownload(client, 'r1', 'MP3', new AbortController().signal);

    expect(answer).toEqual({ state: 'preparing' });
  });
});

describe('pollDownloadUrl', () => {
  it('polls through 202 until 200', async () => {
    const answers = [running, running, running, () => completed('http://media.test/ready.wav')];
    const { client, requests } = stubClient(() => (answers.shift() ?? completed)());
    const onPreparing = vi.fn();

    const url = await pollDownloadUrl(client, 'r1', 'WAV', new AbortController().signal, {
      onPreparing,
      sleep: noSleep,
    });

    expect(url).toBe('http://media.test/ready.wav');
    expect(requests).toHaveLength(4);
    expect(onPreparing).toHaveBeenCalledTimes(1);
  });

  it('backs off by 1.5 up to the maximum', async () => {
    const answers = Array.from({ length: 8 }, () => running);
    const { client } = stubClient(() => (answers.shift() ?? completed)());
    const delays: number[] = [];

    await pollDownloadUrl(client, 'r1', 'MP3', new AbortController().signal, {
      sleep: (ms) => {
        delays.push(ms);
        return Promise.resolve();
      },
    });

    expect(delays).toEqual([500, 750, 1125, 1687.5, 2531.25, 3796.875, 5000, 5000]);
  });

  it('does not announce preparing when ready at once', async () => {
    const { client } = stubClient(() => completed());
    const onPreparing = vi.fn();

    await pollDownloadUrl(client, 'r1', 'MP3', new AbortController().signal, { onPreparing });

    expect(onPreparing).not.toHaveBeenCalled();
  });

  it('stops when aborted while waiting', async () => {
    vi.useFakeTimers();
    const { client, requests } = stubClient(() => running());
    const controller = new AbortController();

    const result = pollDownloadUrl(client, 'r1', 'MP3', controller.signal);
    const settled = result.catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(600);
    expect(requests).toHaveLength(2);

    controller.abort();
    const error = await settled;
    await vi.advanceTimersByTimeAsync(10_000);

    // The abort reason is a DOMException from Node's realm, not jsdom's, so check by name.
    expect((error as Error).name).toBe('AbortError');
    expect(requests).toHaveLength(2);
  });

  it('waits the real backoff between requests', async () => {
    vi.useFakeTimers();
    const answers = [running, running, () => completed()];
    const { client, requests } = stubClient(() => (answers.shift() ?? completed)());

    const result = pollDownloadUrl(client, 'r1', 'MP3', new AbortController().signal);
    await vi.advanceTimersByTimeAsync(0);
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(499);
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(requests).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(750);

    await expect(result).resolves.toBe('http://media.test/file.mp3?sig=1');
    expect(requests).toHaveLength(3);
  });
});
