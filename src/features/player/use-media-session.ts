import { useEffect } from 'react';

export interface MediaSessionHandlers {
  play: () => void;
  pause: () => void;
  skip: (seconds: number) => void;
  seekTo: (seconds: number) => void;
}

const SKIP_SECONDS = 15;

/**
 * Publishes the recording to the Media Session API (lock screen, headset
 * keys, the browser's media hub) while the player is mounted.
 */
export function useMediaSession(title: string, handlers: MediaSessionHandlers): void {
  const { play, pause, skip, seekTo } = handlers;

  useEffect(() => {
    if (typeof navigator === 'undefined' || !('mediaSession' in navigator)) {
      return undefined;
    }
    const session = navigator.mediaSession;
    session.metadata = new MediaMetadata({ title, artist: 'Recording' });
    const actions: [MediaSessionAction, MediaSessionActionHandler][] = [
      ['play', () => play()],
      ['pause', () => pause()],
      ['seekbackward', (details) => skip(-(details.seekOffset ?? SKIP_SECONDS))],
      ['seekforward', (details) => skip(details.seekOffset ?? SKIP_SECONDS)],
      [
        'seekto',
        (details) => {
          if (details.seekTime !== undefined) {
            seekTo(details.seekTime);
          }
        },
      ],
    ];
    for (const [action, handler] of actions) {
      try {
        session.setActionHandler(action, handler);
      } catch {
        // Browsers throw for actions they do not support; the rest still work.
      }
    }
    return () => {
      for (const [action] of actions) {
        try {
          session.setActionHandler(action, null);
        } catch {
          // Unsupported action: nothing was registered.
        }
      }
      session.metadata = null;
    };
  }, [title, play, pause, skip, seekTo]);
}
