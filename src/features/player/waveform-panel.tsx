import { useRef } from 'react';

import type { PeaksState } from './use-peaks';
import { useWavesurfer, ZOOM_LEVELS, type WaveformColors } from './use-wavesurfer';

export interface WaveformPanelProps {
  media: HTMLAudioElement | null;
  durationSeconds: number;
  peaks: PeaksState;
  colors: WaveformColors;
}

function describePeaks(peaks: PeaksState): string {
  switch (peaks.status) {
    case 'waiting':
      return 'Waveform: waiting for the file.';
    case 'computing':
      return 'Waveform: drawing as the file is read…';
    case 'complete':
      return peaks.fromCache ? 'Waveform: complete (from cache).' : 'Waveform: complete.';
    case 'unavailable':
      return peaks.message;
  }
}

/** The waveform (click or drag to seek, hover for the time), its timeline and zoom buttons. */
export function WaveformPanel({ media, durationSeconds, peaks, colors }: WaveformPanelProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const data =
    peaks.status === 'computing' || peaks.status === 'complete' ? peaks.peaks : undefined;
  const version = peaks.status === 'computing' || peaks.status === 'complete' ? peaks.version : 0;
  const { zoomIndex, zoomIn, zoomOut } = useWavesurfer({
    containerRef,
    media,
    durationSeconds,
    peaks: data,
    peaksVersion: version,
    colors,
  });

  return (
    <div className="player-waveform-panel">
      <div
        ref={containerRef}
        className="player-waveform"
        data-testid="waveform"
        data-peaks-status={peaks.status}
        data-peaks-cached={peaks.status === 'complete' && peaks.fromCache ? 'true' : 'false'}
      />
      <div className="player-waveform-footer">
        <p className="player-waveform-status" role="status">
          {describePeaks(peaks)}
        </p>
        <div className="player-zoom" role="group" aria-label="Zoom">
          <button type="button" onClick={zoomOut} disabled={zoomIndex === 0}>
            Zoom out
          </button>
          <button type="button" onClick={zoomIn} disabled={zoomIndex === ZOOM_LEVELS.length - 1}>
            Zoom in
          </button>
        </div>
      </div>
    </div>
  );
}
