import { ApiError, type ApiClient, type components } from '../../api';
import type { FormatId } from './formats';

type DownloadResponse = components['schemas']['DownloadResponse'];

/** The two API routes that hand out a media URL. */
export type DownloadRoute = 'transcoding' | 'media';

let knownRoute: DownloadRoute | undefined;

/**
 * Returns the route this session found working, if any. Discovery runs once
 * per page load and is shared by every player.
 */
export function getKnownRoute(): DownloadRoute | undefined {
  return knownRoute;
}

/** Forgets the discovered route; for tests. */
export function resetRouteDiscovery(): void {
  knownRoute = undefined;
}

export type DownloadAnswer = { state: 'ready'; url: string } | { state: 'preparing' };

async function requestOnce(
  client: ApiClient,
  route: DownloadRoute,
  recordingId: string,
  formatId: FormatId,
  signal: AbortSignal,
): Promise<{ status: number; body: DownloadResponse | undefined }> {
  const params = { path: { recordingId } };
  const result =
    route === 'transcoding'
      ? await client.GET('/api/v2/userrecordings/{recordingId}/transcoding', {
          params: { ...params, query: { formatId } },
          signal,
        })
      : await client.GET('/api/v2/userrecordings/{recordingId}/media', {
          params: { ...params, query: { formatId, async: true } },
          signal,
        });
  return { status: result.response.status, body: result.data };
}

function toAnswer(status: number, body: DownloadResponse | undefined): DownloadAnswer {
  if (status === 200 && body?.contentLocationUri !== undefined) {
    return { state: 'ready', url: body.contentLocationUri };
  }
  // A 200 without a URL is treated like a 202: the file is not there yet.
  return { state: 'preparing' };
}

/**
 * Asks the API once for the media URL of a recording in a format. Uses the
 * route discovered earlier in this session; otherwise tries `/transcoding`
 * and, when it returns 404, `/media?async=true`. A 404 from both means the
 * recording does not exist, and the first 404 is thrown.
 */
export async function requestDownload(
  client: ApiClient,
  recordingId: string,
  formatId: FormatId,
  signal: AbortSignal,
): Promise<DownloadAnswer> {
  if (knownRoute !== undefined) {
    const { status, body } = await requestOnce(client, knownRoute, recordingId, formatId, signal);
    return toAnswer(status, body);
  }
  const order: DownloadRoute[] = ['transcoding', 'media'];
  let firstNotFound: ApiError | undefined;
  for (const route of order) {
    try {
      const { status, body } = await requestOnce(client, route, recordingId, formatId, signal);
      knownRoute = route;
      return toAnswer(status, body);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        firstNotFound ??= error;
        continue;
      }
      throw error;
    }
  }
  throw firstNotFound ?? new Error('No download route returned a response.');
}

export interface PollOptions {
  /** First wait after a 202, in milliseconds. */
  initialDelayMs?: number;
  /** Factor applied to the wait after each 202. */
  factor?: number;
  /** Maximum wait between two requests, in milliseconds. */
  maxDelayMs?: number;
  /** Called once when the first response is 202, so the UI can show that the file is being prepared. */
  onPreparing?: () => void;
  /** Timer used between requests; tests pass a fake one. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** Waits `ms` milliseconds, rejecting with the signal's reason when it aborts. */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Asks for the media URL until the API returns 200 with a
 * `contentLocationUri`, waiting between 202 responses with exponential backoff
 * (500 ms, then ×1.5 up to 5 s by default). Rejects with the signal's reason
 * when aborted, and with the ApiError of any failed request.
 */
export async function pollDownloadUrl(
  client: ApiClient,
  recordingId: string,
  formatId: FormatId,
  signal: AbortSignal,
  options: PollOptions = {},
): Promise<string> {
  const { initialDelayMs = 500, factor = 1.5, maxDelayMs = 5000, onPreparing } = options;
  const sleep = options.sleep ?? abortableSleep;
  let delay = initialDelayMs;
  let announced = false;
  for (;;) {
    signal.throwIfAborted();
    const answer = await requestDownload(client, recordingId, formatId, signal);
    if (answer.state === 'ready') {
      return answer.url;
    }
    if (!announced) {
      announced = true;
      onPreparing?.();
    }
    await sleep(delay, signal);
    delay = Math.min(delay * factor, maxDelayMs);
  }
}
