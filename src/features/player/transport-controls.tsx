import type { ChangeEvent } from 'react';

import { PLAYBACK_RATES } from './shortcuts';
import { formatPositionText, formatTime } from './time';
import type { MediaState } from './use-media-state';

export interface TransportControlsProps {
  media: MediaState;
  durationSeconds: number;
  disabled: boolean;
  onTogglePlay: () => void;
  onSeek: (seconds: number) => void;
  onSkip: (seconds: number) => void;
  onRate: (rate: number) => void;
  onVolume: (volume: number) => void;
  onToggleMute: () => void;
}

const SKIPS = [-15, -5, 5, 15] as const;

/**
 * The accessible name starts with the visible text, so speech input ("click
 * minus 15 s") finds the button, and goes on to say what it does (WCAG 2.5.3).
 */
function skipLabel(seconds: number): { text: string; name: string } {
  const text = seconds < 0 ? `−${-seconds}s` : `+${seconds}s`;
  const action = seconds < 0 ? 'back' : 'forward';
  return { text, name: `${text}, ${action} ${Math.abs(seconds)} seconds` };
}

/** Play, seek, skip, speed and volume controls of the player. */
export function TransportControls(props: TransportControlsProps) {
  const { media, durationSeconds, disabled } = props;
  const position = Math.min(media.currentTime, durationSeconds);

  return (
    <div className="player-transport">
      <div className="player-seek-row">
        <span className="player-time" aria-hidden="true">
          {formatTime(position)}
        </span>
        <input
          type="range"
          className="player-seek"
          aria-label="Seek"
          data-player-seek=""
          min={0}
          max={durationSeconds}
          step="any"
          value={position}
          aria-valuetext={formatPositionText(position, durationSeconds)}
          disabled={disabled}
          onChange={(event: ChangeEvent<HTMLInputElement>) =>
            props.onSeek(Number(event.target.value))
          }
        />
        <span className="player-time" aria-hidden="true">
          {formatTime(durationSeconds)}
        </span>
      </div>
      <div className="player-buttons">
        <div className="player-skips">
          {SKIPS.slice(0, 2).map((seconds) => (
            <SkipButton key={seconds} seconds={seconds} disabled={disabled} onSkip={props.onSkip} />
          ))}
          <button
            type="button"
            className="player-play"
            disabled={disabled}
            onClick={props.onTogglePlay}
            aria-label={media.paused ? 'Play' : 'Pause'}
          >
            {media.paused ? '▶' : '❚❚'}
          </button>
          {SKIPS.slice(2).map((seconds) => (
            <SkipButton key={seconds} seconds={seconds} disabled={disabled} onSkip={props.onSkip} />
          ))}
        </div>
        <label className="player-rate">
          <span>Speed</span>
          <select
            value={String(
              PLAYBACK_RATES.find((rate) => Math.abs(rate - media.playbackRate) < 1e-6) ?? 1,
            )}
            onChange={(event) => props.onRate(Number(event.target.value))}
          >
            {PLAYBACK_RATES.map((rate) => (
              <option key={rate} value={String(rate)}>
                {rate}x
              </option>
            ))}
          </select>
        </label>
        <div className="player-volume">
          {/* A toggle keeps one name; aria-pressed carries the state, so "Unmute, pressed" never occurs. */}
          <button type="button" onClick={props.onToggleMute} aria-pressed={media.muted}>
            Mute
          </button>
          <input
            type="range"
            aria-label="Volume"
            min={0}
            max={1}
            step={0.05}
            value={media.muted ? 0 : media.volume}
            aria-valuetext={`${Math.round((media.muted ? 0 : media.volume) * 100)}%`}
            onChange={(event) => props.onVolume(Number(event.target.value))}
          />
        </div>
      </div>
    </div>
  );
}

interface SkipButtonProps {
  seconds: number;
  disabled: boolean;
  onSkip: (seconds: number) => void;
}

function SkipButton({ seconds, disabled, onSkip }: SkipButtonProps) {
  const { text, name } = skipLabel(seconds);
  return (
    <button type="button" disabled={disabled} onClick={() => onSkip(seconds)} aria-label={name}>
      {text}
    </button>
  );
}
