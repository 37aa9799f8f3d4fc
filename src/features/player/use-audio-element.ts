import { useCallback, useEffect, useLayoutEffect, useRef } from 'react';

import { attachSource, detachSource, setCurrentTime } from './media-element';
import type { MediaSource } from './use-media-source';

/** How long playback may wait for data before the URL is checked, in milliseconds. */
const STALL_CHECK_MS = 2000;
/** How often the stall check looks at the element, in milliseconds. */
const WATCH_INTERVAL_MS = 500;
/** Seconds of playback on a URL after which it counts as working again. */
const PROGRESS_SECONDS = 1;
/**
 * Largest position change between two checks that counts as playback rather
 * than a seek: the fastest speed (3x) over a 1 s interval, since background
 * tabs run timers at most once a second, plus slack.
 */
const MAX_PLAYBACK_STEP_SECONDS = 4;

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
  const playingIntendedRef = useRef(false);
  const { state, reportMediaFailure, reportMediaStall, reportMediaProgress } = source;
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

  // A layout effect, so the element has its source in the same commit that
  // enables the controls: no click can reach play() before the src is set.
  // With a passive effect, a click in between started play() on an element
  // without a source, and attaching the source then aborted it.
  useLayoutEffect(() => {
    if (audio === null || url === undefined) {
      return undefined;
    }
    const hadSource = audio.currentSrc !== '' || audio.getAttribute('src') !== null;
    if (hadSource && pendingSeekRef.current === undefined) {
      // A renewed link for the same recording: continue where playback was.
      pendingSeekRef.current = audio.currentTime;
      resumePlayingRef.current = playingIntendedRef.current;
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
    const onError = () => reportMediaFailure();
    audio.addEventListener('loadedmetadata', onMetadata);
    audio.addEventListener('error', onError);
    const stopWatching = watchForStalls(audio, reportMediaStall, reportMediaProgress);
    return () => {
      stopWatching();
      audio.removeEventListener('loadedmetadata', onMetadata);
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
    reportMediaProgress,
  ]);

  // Whether the user left the element playing. A media error pauses the element
  // (Chromium 156 fires 'pause' after 'error'), and the renewed URL should play on.
  useEffect(() => {
    if (audio === null) {
      return undefined;
    }
    const onPlay = () => {
      playingIntendedRef.current = true;
    };
    const onPause = () => {
      if (audio.error === null) {
        playingIntendedRef.current = false;
      }
    };
    audio.addEventListener('play', onPlay);
    audio.addEventListener('pause', onPause);
    return () => {
      audio.removeEventListener('play', onPlay);
      audio.removeEventListener('pause', onPause);
    };
  }, [audio]);

  // Leaving the page or switching away stops the download of the old file.
  useEffect(() => {
    if (audio === null) {
      return undefined;
    }
    return () => detachSource(audio);
  }, [audio]);

  return { seek, play };
}

/**
 * Calls `onStall` when the element should be advancing (playing, or seeking)
 * and its position has not moved for STALL_CHECK_MS, then again every
 * STALL_CHECK_MS while that lasts. The position is watched rather than the
 * `waiting` and `stalled` events: on a rejected range request Chromium may
 * report `canplay` and still never advance. Calls `onProgress` once the element
 * has played PROGRESS_SECONDS. Returns the function that stops watching.
 */
function watchForStalls(
  audio: HTMLMediaElement,
  onStall: () => void,
  onProgress: () => void,
): () => void {
  let lastTime = audio.currentTime;
  let lastChange = performance.now();
  let played = 0;

  const check = () => {
    const now = performance.now();
    const time = audio.currentTime;
    const expectsData = audio.seeking || (!audio.paused && !audio.ended);
    if (!expectsData || time !== lastTime) {
      // Only small forward steps are playback; a jump is a seek.
      const step = time - lastTime;
      if (!audio.paused && !audio.seeking && step > 0 && step <= MAX_PLAYBACK_STEP_SECONDS) {
        played += step;
        if (played >= PROGRESS_SECONDS) {
          played = 0;
          onProgress();
        }
      }
      lastTime = time;
      lastChange = now;
      return;
    }
    if (now - lastChange >= STALL_CHECK_MS) {
      lastChange = now;
      onStall();
    }
  };

  const timer = setInterval(check, WATCH_INTERVAL_MS);
  return () => clearInterval(timer);
}
