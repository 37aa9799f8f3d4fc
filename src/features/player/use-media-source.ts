import { useCallback, useEffect, useRef, useState } from 'react';

import { apiClient, isApiError } from '../../api';
import type { FormatId } from './formats';
import { pollDownloadUrl } from './media-download';
import { renewalDelay } from './media-url-expiry';
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
   * Reports that the media element raised an error on the current URL. A
   * rejected or unreadable URL is renewed once. A file that the server serves
   * but the browser cannot decode ends in an error state, and so does a second
   * failure.
   */
  reportMediaFailure: () => void;
  /**
   * Reports that the element has waited for data for a while. Chromium does not
   * always raise an error when a range request on an expired URL is rejected, it
   * waits. The URL is checked, and a rejected one is renewed like a failed one.
   */
  reportMediaStall: () => void;
  /** Reports that playback advanced on the current URL, which allows one more renewal. */
  reportMediaProgress: () => void;
  /**
   * Returns a URL to use in place of `rejectedUrl`: the current URL when it was
   * already renewed, otherwise a new one from the API. Resolves undefined when
   * no working URL could be had. For readers of the file besides the element.
   */
  refreshUrl: (rejectedUrl: string) => Promise<string | undefined>;
  /** Starts over after an error. */
  retry: () => void;
}

type Acquired =
  { kind: 'ready'; url: string; readable: boolean } | { kind: 'rejected'; status: number };

type Renewal =
  | { kind: 'renewed'; url: string }
  | { kind: 'rejected'; status: number }
  | { kind: 'failed'; error: unknown };

/** One request for a URL of a recording in a format, until it changes, is retried or unmounts. */
interface Session {
  recordingId: string;
  formatId: FormatId;
  signal: AbortSignal;
  setState: (next: MediaSourceState) => void;
  /** The renewal in flight, shared by every caller that requests a new URL meanwhile. */
  renewal: Promise<Renewal> | undefined;
  /** False after a renewal for a failed URL, until playback advances on the new one. */
  renewalAllowed: boolean;
  /** Whether a check of a failed or stalled URL is in flight. */
  checking: boolean;
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

function isRejectedStatus(status: number): boolean {
  return status === 403 || status === 404;
}

/** Polls the API for a URL and probes it for CORS and for a rejection. */
async function acquireUrl(
  session: Pick<Session, 'recordingId' | 'formatId' | 'signal'>,
  onPreparing?: () => void,
): Promise<Acquired> {
  const { recordingId, formatId, signal } = session;
  const url = await pollDownloadUrl(apiClient, recordingId, formatId, signal, { onPreparing });
  const probe = await probeMedia(url, signal);
  if (probe.kind === 'http-error') {
    return { kind: 'rejected', status: probe.status };
  }
  return { kind: 'ready', url, readable: probe.kind === 'readable' };
}

/**
 * Obtains a playable URL for a recording in a format. Polls the API while the
 * file is prepared and probes the URL for CORS. Renews the URL shortly before
 * its stated expiry, and renews a rejected URL once before reporting an error.
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
  const generationRef = useRef(0);
  const stateRef = useRef(state);
  const sessionRef = useRef<Session | null>(null);

  useEffect(() => {
    stateRef.current = state;
  });

  useEffect(() => {
    const controller = new AbortController();
    const session: Session = {
      recordingId,
      formatId,
      signal: controller.signal,
      setState: (next) => {
        if (!controller.signal.aborted) {
          setStored({ key: requestKey, state: next });
        }
      },
      renewal: undefined,
      renewalAllowed: true,
      checking: false,
    };
    sessionRef.current = session;

    const acquire = async () => {
      const onPreparing = () => session.setState({ phase: 'preparing' });
      let acquired = await acquireUrl(session, onPreparing);
      if (acquired.kind === 'rejected' && isRejectedStatus(acquired.status)) {
        acquired = await acquireUrl(session, onPreparing);
      }
      if (acquired.kind === 'rejected') {
        session.setState({
          phase: 'error',
          kind: 'expired',
          message: `The media server rejected the file link (HTTP ${acquired.status}). Retry to request a new one.`,
        });
        return;
      }
      generationRef.current += 1;
      session.setState({
        phase: 'ready',
        url: acquired.url,
        readable: acquired.readable,
        generation: generationRef.current,
      });
    };

    acquire().catch((error: unknown) => {
      if (!controller.signal.aborted) {
        session.setState({ phase: 'error', kind: 'api', ...describeApiError(error) });
      }
    });

    return () => {
      controller.abort();
      if (sessionRef.current === session) {
        sessionRef.current = null;
      }
    };
  }, [recordingId, formatId, requestKey]);

  /** Requests a new URL and makes it current; concurrent callers share one request. */
  const renewUrl = useCallback((session: Session): Promise<Renewal> => {
    session.renewal ??= acquireUrl(session)
      .then((acquired): Renewal => {
        if (acquired.kind === 'rejected') {
          return acquired;
        }
        generationRef.current += 1;
        session.setState({
          phase: 'ready',
          url: acquired.url,
          readable: acquired.readable,
          generation: generationRef.current,
        });
        return { kind: 'renewed', url: acquired.url };
      })
      .catch((error: unknown): Renewal => ({ kind: 'failed', error }))
      .finally(() => {
        session.renewal = undefined;
      });
    return session.renewal;
  }, []);

  /** Renews a URL the element could not use, once, and reports an error when that fails. */
  const renewFailedUrl = useCallback(
    (session: Session, status: number | undefined) => {
      if (!session.renewalAllowed) {
        session.setState({
          phase: 'error',
          kind: 'expired',
          message:
            status === undefined
              ? 'The file could not be loaded: the browser cannot play this format, or the media server rejected it.'
              : `The media link stopped working (HTTP ${status}), also after requesting a new one. Retry to request another.`,
        });
        return;
      }
      session.renewalAllowed = false;
      void renewUrl(session).then((renewal) => {
        if (renewal.kind === 'rejected') {
          session.setState({
            phase: 'error',
            kind: 'expired',
            message: `The media server rejected the new file link (HTTP ${renewal.status}). Retry to request another.`,
          });
        } else if (renewal.kind === 'failed' && !session.signal.aborted) {
          session.setState({ phase: 'error', kind: 'api', ...describeApiError(renewal.error) });
        }
      });
    },
    [renewUrl],
  );

  /** Probes the current URL once at a time and hands the result to `decide`. */
  const checkCurrentUrl = useCallback(
    (decide: (session: Session, probe: Awaited<ReturnType<typeof probeMedia>>) => void) => {
      const session = sessionRef.current;
      const current = stateRef.current;
      if (session === null || current.phase !== 'ready' || session.checking || session.renewal) {
        return;
      }
      session.checking = true;
      probeMedia(current.url, session.signal)
        .then((probe) => {
          // A renewal that finished meanwhile makes this check of the old URL moot.
          const latest = stateRef.current;
          if (!session.signal.aborted && latest.phase === 'ready' && latest.url === current.url) {
            decide(session, probe);
          }
        })
        .catch((error: unknown) => {
          if (!session.signal.aborted) {
            console.warn('Checking the media URL failed', current.url, error);
          }
        })
        .finally(() => {
          session.checking = false;
        });
    },
    [],
  );

  const reportMediaFailure = useCallback(() => {
    checkCurrentUrl((session, probe) => {
      // A readable 2xx response means the link works and the browser cannot decode the file.
      if (probe.kind === 'readable') {
        session.setState({
          phase: 'error',
          kind: 'unplayable',
          message: 'This browser cannot play the file in this format.',
        });
        return;
      }
      renewFailedUrl(session, probe.kind === 'http-error' ? probe.status : undefined);
    });
  }, [checkCurrentUrl, renewFailedUrl]);

  const reportMediaStall = useCallback(() => {
    checkCurrentUrl((session, probe) => {
      if (probe.kind === 'http-error' && isRejectedStatus(probe.status)) {
        renewFailedUrl(session, probe.status);
      }
      // A working URL means a slow network; the element goes on waiting.
      // NOTE: without CORS headers the probe cannot read the status, so a rejected
      // URL on such an origin is renewed only when the element raises an error.
    });
  }, [checkCurrentUrl, renewFailedUrl]);

  const reportMediaProgress = useCallback(() => {
    if (sessionRef.current !== null) {
      sessionRef.current.renewalAllowed = true;
    }
  }, []);

  const refreshUrl = useCallback(
    async (rejectedUrl: string): Promise<string | undefined> => {
      const session = sessionRef.current;
      const current = stateRef.current;
      if (session === null || current.phase !== 'ready') {
        return undefined;
      }
      if (current.url !== rejectedUrl) {
        return current.url;
      }
      const renewal = await renewUrl(session);
      return renewal.kind === 'renewed' ? renewal.url : undefined;
    },
    [renewUrl],
  );

  // Renew a URL with a stated expiry before it runs out, so that a seek or the
  // next range request never meets a rejection.
  const url = state.phase === 'ready' ? state.url : undefined;
  const generation = state.phase === 'ready' ? state.generation : 0;
  useEffect(() => {
    const session = sessionRef.current;
    if (url === undefined || session === null) {
      return undefined;
    }
    const delay = renewalDelay(url, Date.now());
    if (delay === undefined) {
      return undefined;
    }
    const timer = setTimeout(() => {
      void renewUrl(session).then((renewal) => {
        if (renewal.kind !== 'renewed' && !session.signal.aborted) {
          // The current URL may still work; a rejection later is handled by the stall check.
          console.warn('Renewing the media URL before it expires failed', renewal);
        }
      });
    }, delay);
    return () => clearTimeout(timer);
  }, [url, generation, renewUrl]);

  const retry = useCallback(() => {
    setAttempt((value) => value + 1);
  }, []);

  return {
    state,
    reportMediaFailure,
    reportMediaStall,
    reportMediaProgress,
    refreshUrl,
    retry,
  };
}
