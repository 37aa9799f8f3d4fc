import { useCallback, useEffect, useState } from 'react';

import { fallbackFormat, findFormat, type FormatId } from './formats';
import {
  readMarkReadOnPlay,
  readPosition,
  readPreferredFormat,
  writeMarkReadOnPlay,
  writePreferredFormat,
} from './player-settings';
import { PlayerToolbar } from './player-toolbar';
import { ShortcutsDialog } from './shortcuts-dialog';
import { TransportControls } from './transport-controls';
import { parseTimeFragment } from './time';
import { useAudioElement } from './use-audio-element';
import { useMediaSession } from './use-media-session';
import { useMediaSource } from './use-media-source';
import { useMediaState } from './use-media-state';
import { usePeaks } from './use-peaks';
import { usePlaybackTracking } from './use-playback-tracking';
import { usePlayerCommands } from './use-player-commands';
import { useWaveformColors } from './use-waveform-colors';
import { WaveformPanel } from './waveform-panel';
import './player.css';

export interface RecordingPlayerProps {
  recordingId: string;
  name: string;
  durationMilliseconds: number;
  dateModified: string;
  /** Called once when the recording has played a few seconds, to mark it read. */
  onPlayedFewSeconds?: () => void;
}

/**
 * Plays one recording: format choice, streaming playback, waveform, keyboard
 * shortcuts and download. Remounts per recording, so nothing of the previous
 * recording's audio, waveform or position carries over.
 */
export function RecordingPlayer(props: RecordingPlayerProps) {
  return <PlayerForRecording key={props.recordingId} {...props} />;
}

function PlayerForRecording(props: RecordingPlayerProps) {
  const { recordingId, name, durationMilliseconds, onPlayedFewSeconds } = props;
  // NOTE: marking the recording read or renaming it changes dateModified, although the
  // audio stays the same. The value is fixed per mount, so that the mark-read call
  // after a few seconds does not restart the waveform; the next visit misses the cache once.
  const [dateModified] = useState(props.dateModified);
  const [formatId, setFormatId] = useState<FormatId>(readPreferredFormat);
  const [markReadOnPlay, setMarkReadOnPlay] = useState(readMarkReadOnPlay);
  const [audio, setAudio] = useState<HTMLAudioElement | null>(null);
  const [initialPosition] = useState(
    () => parseTimeFragment(window.location.hash) ?? readPosition(recordingId),
  );
  const [playError, setPlayError] = useState<string | undefined>();
  const [shortcutsOpen, setShortcutsOpen] = useState(false);

  const source = useMediaSource(recordingId, formatId);
  const media = useMediaState(audio);
  const durationSeconds =
    durationMilliseconds > 0 ? durationMilliseconds / 1000 : (media.elementDuration ?? 0);

  // Declared before useAudioElement so that its unmount save runs before the source is removed.
  usePlaybackTracking(audio, recordingId, durationSeconds, markReadOnPlay, onPlayedFewSeconds);
  const onPlayRejected = useCallback((error: Error) => {
    setPlayError(
      error.name === 'NotAllowedError'
        ? 'The browser blocked playback until you interact with the page: press Play.'
        : `Playback failed: ${error.message}`,
    );
  }, []);
  const { seek, play } = useAudioElement(audio, source, initialPosition, onPlayRejected);
  const sourceState = source.state;
  const ready = sourceState.phase === 'ready';
  const peaks = usePeaks({
    recordingId,
    dateModified,
    formatId,
    durationSeconds,
    url: sourceState.phase === 'ready' ? sourceState.url : undefined,
    readable: sourceState.phase === 'ready' && sourceState.readable,
    refreshUrl: source.refreshUrl,
  });
  const colors = useWaveformColors();
  const commands = usePlayerCommands({
    audio,
    enabled: ready,
    durationSeconds,
    seek,
    play,
    onShowShortcuts: () => setShortcutsOpen(true),
  });
  useMediaSession(name, commands);

  // A changed `#t=` while the page is open seeks there.
  useEffect(() => {
    const onHashChange = () => {
      const seconds = parseTimeFragment(window.location.hash);
      if (seconds !== undefined) {
        seek(seconds);
      }
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, [seek]);

  const changeFormat = (next: FormatId) => {
    writePreferredFormat(next);
    setFormatId(next);
    setPlayError(undefined);
  };

  return (
    <section className="player" aria-label={`Player for ${name}`}>
      {/* eslint-disable-next-line jsx-a11y/media-has-caption -- no captions exist for user recordings */}
      <audio ref={setAudio} preload="metadata" data-testid="player-audio" />
      <SourceStatus source={source} formatId={formatId} onSwitchFormat={changeFormat} />
      {playError !== undefined && (
        <p className="player-error" role="alert">
          {playError}
        </p>
      )}
      <WaveformPanel
        media={audio}
        durationSeconds={durationSeconds}
        peaks={peaks}
        colors={colors}
      />
      <TransportControls
        media={media}
        durationSeconds={durationSeconds}
        disabled={!ready}
        onTogglePlay={() => {
          setPlayError(undefined);
          commands.togglePlay();
        }}
        onSeek={seek}
        onSkip={commands.skip}
        onRate={commands.setRate}
        onVolume={commands.setVolume}
        onToggleMute={commands.toggleMute}
      />
      <PlayerToolbar
        recordingId={recordingId}
        name={name}
        formatId={formatId}
        onFormatChange={changeFormat}
        markReadOnPlay={markReadOnPlay}
        onMarkReadOnPlayChange={(enabled) => {
          writeMarkReadOnPlay(enabled);
          setMarkReadOnPlay(enabled);
        }}
        getCurrentTime={() => audio?.currentTime ?? 0}
      />
      <button type="button" className="player-help" onClick={() => setShortcutsOpen(true)}>
        Keyboard shortcuts (?)
      </button>
      <ShortcutsDialog open={shortcutsOpen} onClose={() => setShortcutsOpen(false)} />
    </section>
  );
}

interface SourceStatusProps {
  source: ReturnType<typeof useMediaSource>;
  formatId: FormatId;
  onSwitchFormat: (formatId: FormatId) => void;
}

function SourceStatus({ source, formatId, onSwitchFormat }: SourceStatusProps) {
  const { state } = source;
  switch (state.phase) {
    case 'requesting':
      return (
        <p className="player-state" role="status">
          Requesting the file…
        </p>
      );
    case 'preparing':
      return (
        <p className="player-state" role="status">
          Preparing the file…
        </p>
      );
    case 'ready':
      return null;
    case 'error': {
      const suggestion = fallbackFormat(formatId);
      return (
        <div className="player-error" role="alert">
          <p>
            {state.message}
            {state.kind === 'unplayable' && ` Try ${findFormat(suggestion).label} instead.`}
          </p>
          {state.correlationId !== undefined && (
            <p className="player-correlation">Correlation id: {state.correlationId}</p>
          )}
          <div className="player-error-actions">
            {state.kind === 'unplayable' && (
              <button type="button" onClick={() => onSwitchFormat(suggestion)}>
                Switch to {findFormat(suggestion).label}
              </button>
            )}
            <button type="button" onClick={source.retry}>
              Retry
            </button>
          </div>
        </div>
      );
    }
  }
}
