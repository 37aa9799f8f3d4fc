import { useEffect, useState } from 'react';

/** What the controls show about the media element. */
export interface MediaState {
  currentTime: number;
  paused: boolean;
  playbackRate: number;
  volume: number;
  muted: boolean;
  /** The element's own duration when finite; `Infinity` and `NaN` are reported as undefined. */
  elementDuration: number | undefined;
}

const INITIAL: MediaState = {
  currentTime: 0,
  paused: true,
  playbackRate: 1,
  volume: 1,
  muted: false,
  elementDuration: undefined,
};

const EVENTS = [
  'timeupdate',
  'play',
  'pause',
  'ended',
  'seeking',
  'seeked',
  'ratechange',
  'volumechange',
  'loadedmetadata',
  'durationchange',
  'emptied',
] as const;

function readState(media: HTMLMediaElement): MediaState {
  return {
    currentTime: media.currentTime,
    paused: media.paused,
    playbackRate: media.playbackRate,
    volume: media.volume,
    muted: media.muted,
    elementDuration: Number.isFinite(media.duration) ? media.duration : undefined,
  };
}

/** Mirrors the media element's state into React, updated by the element's events. */
export function useMediaState(media: HTMLMediaElement | null): MediaState {
  const [state, setState] = useState<MediaState>(INITIAL);

  useEffect(() => {
    if (media === null) {
      return undefined;
    }
    const update = () => setState(readState(media));
    for (const type of EVENTS) {
      media.addEventListener(type, update);
    }
    update();
    return () => {
      for (const type of EVENTS) {
        media.removeEventListener(type, update);
      }
    };
  }, [media]);

  return state;
}
