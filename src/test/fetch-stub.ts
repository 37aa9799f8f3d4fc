import { onTestFinished, vi } from 'vitest';

/** A request the stub received, with its body read as text. */
export interface RecordedRequest {
  method: string;
  url: URL;
  body: string;
}

export type FetchHandler = (request: RecordedRequest) => Response | Promise<Response>;

/**
 * Replaces `fetch` with a handler that returns real `Response` objects.
 * Unit tests run in jsdom, where the emulator cannot run; the e2e suite covers
 * the app against the real emulator. Returns every request received.
 */
export function stubFetch(handler: FetchHandler): RecordedRequest[] {
  const requests: RecordedRequest[] = [];
  onTestFinished(() => {
    vi.unstubAllGlobals();
  });
  vi.stubGlobal('fetch', async (input: Request) => {
    const recorded = {
      method: input.method,
      url: new URL(input.url),
      body: input.body === null ? '' : await input.text(),
    };
    requests.push(recorded);
    return handler(recorded);
  });
  return requests;
}

/** A JSON response with the correlation id header every API response carries. */
export function jsonResponse(body: unknown, status = 200, correlationId = 'corr-test'): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'inin-correlation-id': correlationId },
  });
}

/** A Genesys-style error response. */
export function errorResponse(status: number, code: string, message: string): Response {
  return jsonResponse({ status, code, message, contextId: 'corr-error' }, status, 'corr-error');
}

/** A promise with its resolve function, to hold a response until the test releases it. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}
