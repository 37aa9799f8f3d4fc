import { useEffect, useRef } from 'react';

import { writePosition } from './player-settings';

/** Seconds of playback after which a recording counts as listened to. */
export const MARK_READ_AFTER_SECONDS = 3;
const SAVE_INTERVAL_MS = 2000;

/**
 * Remembers the playback position of a recording (at most every 2 seconds,
 * and on pause and unmount) and calls `onPlayedFewSeconds` once per mount
 * when the recording has actually played for a few seconds.
 */
export function usePlaybackTracking(
  audio: HTMLAudioElement | null,
  recordingId: string,
  durationSeconds: number,
  markReadEnabled: boolean,
  onPlayedFewSeconds: (() => void) | undefined,
): void {
  const callbackRef = useRef(onPlayedFewSeconds);
  const enabledRef = useRef(markReadEnabled);
  useEffect(() => {
    callbackRef.current = onPlayedFewSeconds;
    enabledRef.current = markReadEnabled;
  }, [onPlayedFewSeconds, markReadEnabled]);
  const markedRef = useRef(false);

  useEffect(() => {
    if (audio === null) {
      return undefined;
    }
    let played = 0;
    let lastTime: number | undefined;
    let lastSave = 0;

    const save = () => {
      const time = audio.currentTime;
      const nearEnd = durationSeconds > 0 && time >= durationSeconds - 1;
      writePosition(recordingId, time < 1 || nearEnd ? undefined : time);
      lastSave = Date.now();
    };
    const onTimeUpdate = () => {
      const time = audio.currentTime;
      if (!audio.paused && lastTime !== undefined) {
        const delta = time - lastTime;
        // Only continuous playback counts; a seek jumps by more than this.
        if (delta > 0 && delta < 1.5) {
          played += delta / Math.max(audio.playbackRate, 0.5);
        }
      }
      lastTime = time;
      if (!markedRef.current && enabledRef.current && played >= MARK_READ_AFTER_SECONDS) {
        markedRef.current = true;
        callbackRef.current?.();
      }
      if (Date.now() - lastSave >= SAVE_INTERVAL_MS && !audio.paused) {
        save();
      }
    };
    const onSeeked = () => {
      lastTime = audio.currentTime;
    };
    const onEnded = () => writePosition(recordingId, undefined);
    const onPause = () => {
      if (!audio.ended) {
        save();
      }
    };
    audio.addEventListener('timeupdate', onTimeUpdate);
    audio.addEventListener('seeked', onSeeked);
    audio.addEventListener('pause', onPause);
    audio.addEventListener('ended', onEnded);
    window.addEventListener('pagehide', onPause);
    return () => {
      if (audio.currentTime > 0 && !audio.ended) {
        save();
      }
      audio.removeEventListener('timeupdate', onTimeUpdate);
      audio.removeEventListener('seeked', onSeeked);
      audio.removeEventListener('pause', onPause);
      audio.removeEventListener('ended', onEnded);
      window.removeEventListener('pagehide', onPause);
    };
  }, [audio, recordingId, durationSeconds]);
}
