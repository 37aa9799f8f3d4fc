import { useCallback, useEffect, useMemo, useRef } from 'react';

import { setPlaybackRate, setVolume, toggleMuted } from './media-element';
import { commandForKey, stepPlaybackRate, type PlayerCommand } from './shortcuts';

export interface PlayerCommandsInput {
  audio: HTMLAudioElement | null;
  /** False until a media URL is loaded; commands are ignored meanwhile. */
  enabled: boolean;
  durationSeconds: number;
  seek: (seconds: number) => void;
  play: () => void;
  onShowShortcuts: () => void;
}

export interface PlayerCommands {
  play: () => void;
  pause: () => void;
  togglePlay: () => void;
  skip: (seconds: number) => void;
  seekTo: (seconds: number) => void;
  setRate: (rate: number) => void;
  setVolume: (volume: number) => void;
  toggleMute: () => void;
}

/**
 * The player's actions on the media element, shared by the buttons, the
 * keyboard shortcuts (listened for on the document while mounted) and the
 * Media Session.
 */
export function usePlayerCommands(input: PlayerCommandsInput): PlayerCommands {
  const { audio, enabled, durationSeconds, seek, play } = input;
  const showShortcutsRef = useRef(input.onShowShortcuts);
  useEffect(() => {
    showShortcutsRef.current = input.onShowShortcuts;
  }, [input.onShowShortcuts]);

  const seekTo = useCallback(
    (seconds: number) => {
      const limit = durationSeconds > 0 ? durationSeconds : Number.POSITIVE_INFINITY;
      seek(Math.min(Math.max(seconds, 0), limit));
    },
    [durationSeconds, seek],
  );

  const commands = useMemo<PlayerCommands>(
    () => ({
      play,
      pause: () => audio?.pause(),
      togglePlay: () => {
        if (audio === null) return;
        if (audio.paused) {
          play();
        } else {
          audio.pause();
        }
      },
      skip: (seconds) => seekTo((audio?.currentTime ?? 0) + seconds),
      seekTo,
      setRate: (rate) => {
        if (audio !== null) setPlaybackRate(audio, rate);
      },
      setVolume: (volume) => {
        if (audio !== null) setVolume(audio, volume);
      },
      toggleMute: () => {
        if (audio !== null) toggleMuted(audio);
      },
    }),
    [audio, play, seekTo],
  );

  useEffect(() => {
    const run = (command: PlayerCommand) => {
      switch (command.type) {
        case 'toggle-play':
          commands.togglePlay();
          break;
        case 'skip':
          commands.skip(command.seconds);
          break;
        case 'seek-start':
          commands.seekTo(0);
          break;
        case 'seek-end':
          commands.seekTo(durationSeconds);
          break;
        case 'speed':
          commands.setRate(stepPlaybackRate(audio?.playbackRate ?? 1, command.direction));
          break;
        case 'toggle-mute':
          commands.toggleMute();
          break;
        case 'show-shortcuts':
          showShortcutsRef.current();
          break;
      }
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented) {
        return;
      }
      const command = commandForKey(event);
      if (command === undefined) {
        return;
      }
      if (!enabled && command.type !== 'show-shortcuts') {
        return;
      }
      event.preventDefault();
      run(command);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [audio, commands, durationSeconds, enabled]);

  return commands;
}
