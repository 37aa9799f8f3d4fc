/** Outcome of a small ranged request to a media URL. */
export type ProbeResult =
  /** The server responded with CORS headers, so the page may read the file. */
  | { kind: 'readable'; contentType: string | null }
  /** The server responded with an error status that the page could read. */
  | { kind: 'http-error'; status: number }
  /** The request failed without a readable response: no CORS headers, or the network failed. */
  | { kind: 'unreadable' };

/**
 * Requests the first two bytes of `url` to learn whether the page may read it
 * (CORS) and whether the link still works. The media element must not get
 * `crossOrigin` when the server sends no CORS headers, or it refuses to load.
 */
export async function probeMedia(url: string, signal: AbortSignal): Promise<ProbeResult> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { Range: 'bytes=0-1' }, signal, cache: 'no-store' });
  } catch (error) {
    if (signal.aborted) {
      throw error;
    }
    return { kind: 'unreadable' };
  }
  await response.body?.cancel().catch(() => undefined);
  if (!response.ok) {
    return { kind: 'http-error', status: response.status };
  }
  return { kind: 'readable', contentType: response.headers.get('content-type') };
}
