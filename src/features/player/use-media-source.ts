import { useCallback, useEffect, useRef, useState } from 'react';

import { apiClient, isApiError } from '../../api';
import type { FormatId } from './formats';
import { pollDownloadUrl } from './media-download';
import { probeMedia } from './probe-media';

export type MediaSourceState =
  | { phase: 'requesting' }
  | { phase: 'preparing' }
  | {
      phase: 'ready';
      url: string;
      /** Whether the media origin sends CORS headers, so the page may read the file. */
      readable: boolean;
      /** Increases with every new URL, so consumers can tell a renewed link from the old one. */
      generation: number;
    }
  | {
      phase: 'error';
      kind: 'api' | 'expired' | 'unplayable';
      message: string;
      correlationId?: string | undefined;
    };

export interface MediaSource {
  state: MediaSourceState;
  /**
   * Reports that the media element failed on the current URL. The first
   * failure since the last successful load requests a fresh URL from the API;
   * a second one, or a file the server serves but the browser cannot decode,
   * ends in an error state.
   */
  reportMediaFailure: () => void;
  /**
   * Reports that playback stalled. Chromium does not always raise an error when
   * a range request on an expired URL is refused; it waits. A refused URL is
   * then renewed like a failed one, and anything else is left to the element.
   */
  reportMediaStall: () => void;
  /** Reports that the media element loaded the current URL, which re-arms one renewal. */
  reportMediaLoaded: () => void;
  /** Starts over after an error. */
  retry: () => void;
}

function describeApiError(error: unknown): { message: string; correlationId?: string | undefined } {
  if (isApiError(error)) {
    return {
      message: `The media link could not be requested: ${error.message}`,
      correlationId: error.correlationId,
    };
  }
  const text = error instanceof Error ? error.message : String(error);
  return { message: `The media link could not be requested: ${text}` };
}

/**
 * Obtains a playable URL for a recording in a format: polls the API while the
 * file is prepared, probes the URL for CORS, and renews an expired URL once.
 * Changing the recording or format aborts the previous request at once.
 */
export function useMediaSource(recordingId: string, formatId: FormatId): MediaSource {
  const [attempt, setAttempt] = useState(0);
  const requestKey = `${recordingId}|${formatId}|${attempt}`;
  // The state is stored with the request it belongs to, so a new request reads as 'requesting'.
  const [stored, setStored] = useState<{ key: string; state: MediaSourceState }>({
    key: requestKey,
    state: { phase: 'requesting' },
  });
  const state: MediaSourceState =
    stored.key === requestKey ? stored.state : { phase: 'requesting' };
  const renewedRef = useRef(false);
  const generationRef = useRef(0);
  const stateRef = useRef(state);
  const failureCheckRef = useRef<AbortController | null>(null);

  useEffect(() => {
    stateRef.current = state;
  });

  useEffect(() => {
    renewedRef.current = false;
  }, [recordingId, formatId]);

  useEffect(() => {
    const controller = new AbortController();
    const { signal } = controller;
    const setState = (next: MediaSourceState) => setStored({ key: requestKey, state: next });

    const acquire = async () => {
      for (;;) {
        const url = await pollDownloadUrl(apiClient, recordingId, formatId, signal, {
          onPreparing: () => setState({ phase: 'preparing' }),
        });
        const probe = await probeMedia(url, signal);
        if (probe.kind === 'http-error') {
          if ((probe.status === 403 || probe.status === 404) && !renewedRef.current) {
            renewedRef.current = true;
            continue;
          }
          setState({
            phase: 'error',
            kind: 'expired',
            message: `The media server rejected the file link (HTTP ${probe.status}). Retry to request a new one.`,
          });
          return;
        }
        generationRef.current += 1;
        setState({
          phase: 'ready',
          url,
          readable: probe.kind === 'readable',
          generation: generationRef.current,
        });
        return;
      }
    };

    acquire().catch((error: unknown) => {
      if (signal.aborted) {
        return;
      }
      setState({ phase: 'error', kind: 'api', ...describeApiError(error) });
    });

    return () => {
      controller.abort();
      failureCheckRef.current?.abort();
    };
  }, [recordingId, formatId, requestKey]);

  const reportMediaFailure = useCallback(() => {
    const current = stateRef.current;
    const key = requestKey;
    const setState = (next: MediaSourceState) => setStored({ key, state: next });
    if (current.phase !== 'ready') {
      return;
    }
    failureCheckRef.current?.abort();
    const controller = new AbortController();
    failureCheckRef.current = controller;
    // A readable 2xx response means the link works and the browser cannot decode the file.
    probeMedia(current.url, controller.signal)
      .then((probe) => {
        if (controller.signal.aborted) {
          return;
        }
        if (probe.kind === 'readable') {
          setState({
            phase: 'error',
            kind: 'unplayable',
            message: 'This browser cannot play the file in this format.',
          });
          return;
        }
        if (!renewedRef.current) {
          renewedRef.current = true;
          setAttempt((value) => value + 1);
          return;
        }
        setState({
          phase: 'error',
          kind: probe.kind === 'http-error' ? 'expired' : 'unplayable',
          message:
            probe.kind === 'http-error'
              ? `The media link stopped working (HTTP ${probe.status}), also after asking for a new one.`
              : 'The file could not be loaded: the browser cannot play this format, or the media server refused it.',
        });
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) {
          console.warn('Checking a failed media URL failed', error);
        }
      });
  }, [requestKey]);

  const reportMediaStall = useCallback(() => {
    const current = stateRef.current;
    if (current.phase !== 'ready' || renewedRef.current) {
      return;
    }
    const controller = new AbortController();
    failureCheckRef.current?.abort();
    failureCheckRef.current = controller;
    probeMedia(current.url, controller.signal)
      .then((probe) => {
        if (controller.signal.aborted || renewedRef.current) {
          return;
        }
        if (probe.kind === 'http-error' && (probe.status === 403 || probe.status === 404)) {
          renewedRef.current = true;
          setAttempt((value) => value + 1);
        }
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) {
          console.warn('Checking a stalled media URL failed', error);
        }
      });
  }, []);

  const reportMediaLoaded = useCallback(() => {
    renewedRef.current = false;
  }, []);

  const retry = useCallback(() => {
    renewedRef.current = false;
    setAttempt((value) => value + 1);
  }, []);

  return { state, reportMediaFailure, reportMediaStall, reportMediaLoaded, retry };
}
