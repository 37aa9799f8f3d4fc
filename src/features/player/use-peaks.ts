import { useEffect, useRef, useState } from 'react';

import type { FormatId } from './formats';
import { peaksCacheKey, readCachedPeaks, writeCachedPeaks } from './peaks-cache';
import type { PeaksRequest, PeaksWorkerMessage } from './peaks-messages';

export interface PeaksData {
  min: Float32Array;
  max: Float32Array;
}

export type PeaksState =
  | { status: 'waiting' }
  | { status: 'computing'; peaks: PeaksData | undefined; version: number }
  | { status: 'complete'; peaks: PeaksData; fromCache: boolean; version: number }
  | { status: 'unavailable'; message: string };

export interface PeaksSourceInput {
  recordingId: string;
  dateModified: string;
  formatId: FormatId;
  durationSeconds: number;
  /** The media URL, once known. A renewed URL is handed to a running worker only when it requests one. */
  url: string | undefined;
  /** Whether the media origin lets the page read the file (CORS). */
  readable: boolean;
  /** Returns a URL in place of one the media server rejected, or undefined when none could be had. */
  refreshUrl: (rejectedUrl: string) => Promise<string | undefined>;
}

/**
 * Minimum time between two redraws of a waveform that is filling in. wavesurfer.js
 * redraws the whole waveform on new canvases each time, and in the benchmark a
 * redraw every 250 ms left about 55 MB more memory in the renderer and GPU
 * processes than one at the end.
 */
const REDRAW_INTERVAL_MS = 1000;

function createPeaksWorker(): Worker {
  return new Worker(new URL('./peaks.worker.ts', import.meta.url), { type: 'module' });
}

/**
 * Provides the waveform peaks of a recording: from the IndexedDB cache when
 * present, otherwise from the peaks worker as it streams the file, updated
 * progressively. Complete peaks are cached. Playback never waits for this.
 */
export function usePeaks(input: PeaksSourceInput): PeaksState {
  const { recordingId, dateModified, formatId, durationSeconds, url, readable, refreshUrl } = input;
  const cacheKey = peaksCacheKey(recordingId, dateModified, formatId);
  const hasUrl = url !== undefined;
  // A renewed URL of the same file does not restart the job, so the URL itself is not part of it.
  const jobKey = `${cacheKey}|${hasUrl}|${readable}|${durationSeconds}`;
  const urlRef = useRef(url);
  const refreshUrlRef = useRef(refreshUrl);
  useEffect(() => {
    urlRef.current = url;
    refreshUrlRef.current = refreshUrl;
  }, [url, refreshUrl]);
  // The state is stored with the job it belongs to, so a new job reads as 'waiting'.
  const [stored, setStored] = useState<{ key: string; state: PeaksState }>({
    key: jobKey,
    state: { status: 'waiting' },
  });

  useEffect(() => {
    let cancelled = false;
    let worker: Worker | undefined;
    let redrawTimer: ReturnType<typeof setTimeout> | undefined;
    const setState = (next: PeaksState) => {
      clearTimeout(redrawTimer);
      redrawTimer = undefined;
      setStored({ key: jobKey, state: next });
    };

    const start = async () => {
      const cached = await readCachedPeaks(cacheKey);
      if (cancelled) {
        return;
      }
      if (cached !== undefined) {
        setState({
          status: 'complete',
          peaks: { min: cached.min, max: cached.max },
          fromCache: true,
          version: 1,
        });
        return;
      }
      const startUrl = urlRef.current;
      if (!hasUrl || startUrl === undefined) {
        return;
      }
      if (!readable) {
        setState({
          status: 'unavailable',
          message:
            'No waveform: the media server does not send CORS headers, so this page cannot read the file. Playback works.',
        });
        return;
      }
      if (typeof Worker === 'undefined') {
        setState({
          status: 'unavailable',
          message: 'No waveform: this browser has no Web Workers.',
        });
        return;
      }

      worker = createPeaksWorker();
      let peaks: PeaksData | undefined;
      let peaksPerSecond = 0;
      let version = 0;
      let lastRedraw = 0;
      setState({ status: 'computing', peaks: undefined, version });
      // Shows the peaks received so far: at once when the last redraw is long enough ago,
      // otherwise when it will be.
      const redrawSoon = (filled: PeaksData) => {
        if (redrawTimer !== undefined) {
          return;
        }
        const wait = Math.max(0, lastRedraw + REDRAW_INTERVAL_MS - performance.now());
        redrawTimer = setTimeout(() => {
          redrawTimer = undefined;
          lastRedraw = performance.now();
          version += 1;
          setState({ status: 'computing', peaks: filled, version });
        }, wait);
      };

      worker.addEventListener('message', (event: MessageEvent<PeaksWorkerMessage>) => {
        if (cancelled) {
          return;
        }
        const message = event.data;
        switch (message.type) {
          case 'init':
            peaks = {
              min: new Float32Array(message.length),
              max: new Float32Array(message.length),
            };
            peaksPerSecond = message.peaksPerSecond;
            break;
          case 'chunk':
            if (peaks !== undefined) {
              peaks.min.set(message.min, message.from);
              peaks.max.set(message.max, message.from);
              redrawSoon(peaks);
            }
            break;
          case 'url-rejected': {
            const answer = (url: string | undefined) => {
              if (!cancelled) {
                const reply: PeaksRequest = { type: 'url', url };
                worker?.postMessage(reply);
              }
            };
            refreshUrlRef.current(message.url).then(answer, (error: unknown) => {
              console.warn('Renewing the media URL for the waveform failed', error);
              answer(undefined);
            });
            break;
          }
          case 'done':
            worker?.terminate();
            if (peaks !== undefined) {
              version += 1;
              setState({ status: 'complete', peaks, fromCache: false, version });
              void writeCachedPeaks(cacheKey, { peaksPerSecond, min: peaks.min, max: peaks.max });
            }
            break;
          case 'error':
            worker?.terminate();
            setState({
              status: 'unavailable',
              message: `No waveform: ${message.message} Playback works.`,
            });
            break;
        }
      });
      worker.addEventListener('error', (event) => {
        if (!cancelled) {
          setState({
            status: 'unavailable',
            message: `No waveform: the waveform worker failed (${event.message || 'unknown error'}). Playback works.`,
          });
        }
      });
      const request: PeaksRequest = { type: 'start', url: startUrl, durationSeconds };
      worker.postMessage(request);
    };

    start().catch((error: unknown) => {
      if (!cancelled) {
        const text = error instanceof Error ? error.message : String(error);
        setState({ status: 'unavailable', message: `No waveform: ${text}` });
      }
    });

    return () => {
      cancelled = true;
      clearTimeout(redrawTimer);
      worker?.terminate();
    };
  }, [cacheKey, jobKey, hasUrl, readable, durationSeconds]);

  return stored.key === jobKey ? stored.state : { status: 'waiting' };
}
