import { useCallback, useEffect, useRef } from 'react';

import { attachSource, detachSource, setCurrentTime } from './media-element';
import type { MediaSource } from './use-media-source';

/** How long playback may wait for data before the URL is checked, in milliseconds. */
const STALL_CHECK_MS = 2000;

export interface AudioElementControls {
  /** Seeks now when the element has metadata, otherwise once it has. */
  seek: (seconds: number) => void;
  play: () => void;
}

/**
 * Points the audio element at the current media URL and keeps playback
 * continuous across URL renewals: the position and the playing state are
 * restored on the new URL. `initialPosition` (a `#t=` link or a remembered
 * position) is applied once the element can seek.
 */
export function useAudioElement(
  audio: HTMLAudioElement | null,
  source: MediaSource,
  initialPosition: number | undefined,
  onPlayRejected: (error: Error) => void,
): AudioElementControls {
  const pendingSeekRef = useRef<number | undefined>(initialPosition);
  const resumePlayingRef = useRef(false);
  const { state, reportMediaFailure, reportMediaStall, reportMediaLoaded } = source;
  const url = state.phase === 'ready' ? state.url : undefined;
  const readable = state.phase === 'ready' && state.readable;
  const generation = state.phase === 'ready' ? state.generation : 0;

  const play = useCallback(() => {
    if (audio === null) {
      return;
    }
    audio.play().catch((error: unknown) => {
      // AbortError: a new source or pause() interrupted play(); that is not a failure.
      if (error instanceof DOMException && error.name === 'AbortError') {
        return;
      }
      onPlayRejected(error instanceof Error ? error : new Error(String(error)));
    });
  }, [audio, onPlayRejected]);

  const seek = useCallback(
    (seconds: number) => {
      if (audio === null) {
        return;
      }
      const target = Math.max(0, seconds);
      if (audio.readyState >= HTMLMediaElement.HAVE_METADATA) {
        pendingSeekRef.current = undefined;
        setCurrentTime(audio, target);
      } else {
        pendingSeekRef.current = target;
      }
    },
    [audio],
  );

  useEffect(() => {
    if (audio === null || url === undefined) {
      return undefined;
    }
    const hadSource = audio.currentSrc !== '' || audio.getAttribute('src') !== null;
    if (hadSource && pendingSeekRef.current === undefined) {
      // A renewed link for the same recording: continue where playback was.
      pendingSeekRef.current = audio.currentTime;
      resumePlayingRef.current = !audio.paused;
    }
    attachSource(audio, url, readable);

    const onMetadata = () => {
      const pending = pendingSeekRef.current;
      pendingSeekRef.current = undefined;
      if (pending !== undefined && pending > 0) {
        setCurrentTime(audio, pending);
      }
      if (resumePlayingRef.current) {
        resumePlayingRef.current = false;
        play();
      }
    };
    let stallTimer: ReturnType<typeof setTimeout> | undefined;
    const onCanPlay = () => {
      clearTimeout(stallTimer);
      reportMediaLoaded();
    };
    const onError = () => reportMediaFailure();
    // Waiting for data for more than STALL_CHECK_MS may mean the URL expired.
    const onWaiting = () => {
      clearTimeout(stallTimer);
      stallTimer = setTimeout(() => {
        if (audio.readyState < HTMLMediaElement.HAVE_FUTURE_DATA) {
          pendingSeekRef.current = audio.currentTime;
          resumePlayingRef.current = !audio.paused;
          reportMediaStall();
        }
      }, STALL_CHECK_MS);
    };
    audio.addEventListener('loadedmetadata', onMetadata);
    audio.addEventListener('canplay', onCanPlay);
    audio.addEventListener('error', onError);
    audio.addEventListener('waiting', onWaiting);
    audio.addEventListener('stalled', onWaiting);
    return () => {
      clearTimeout(stallTimer);
      audio.removeEventListener('waiting', onWaiting);
      audio.removeEventListener('stalled', onWaiting);
      audio.removeEventListener('loadedmetadata', onMetadata);
      audio.removeEventListener('canplay', onCanPlay);
      audio.removeEventListener('error', onError);
    };
    // generation changes with every renewed URL, even when the URL text repeats.
  }, [
    audio,
    url,
    readable,
    generation,
    play,
    reportMediaFailure,
    reportMediaStall,
    reportMediaLoaded,
  ]);

  // Leaving the page or switching away stops the download of the old file.
  useEffect(() => {
    if (audio === null) {
      return undefined;
    }
    return () => detachSource(audio);
  }, [audio]);

  return { seek, play };
}
