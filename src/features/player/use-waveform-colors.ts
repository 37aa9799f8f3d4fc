import { useSyncExternalStore } from 'react';

import type { WaveformColors } from './use-wavesurfer';

const QUERY = '(prefers-color-scheme: dark)';

// Canvas drawing needs concrete colors, so the waveform cannot use CSS light-dark().
const LIGHT: WaveformColors = { wave: '#9aa7b8', progress: '#1f5fbf', cursor: '#0b3a80' };
const DARK: WaveformColors = { wave: '#5b6778', progress: '#7fb0ff', cursor: '#cfe0ff' };

function subscribe(onChange: () => void): () => void {
  if (typeof window.matchMedia !== 'function') {
    return () => undefined;
  }
  const list = window.matchMedia(QUERY);
  list.addEventListener('change', onChange);
  return () => list.removeEventListener('change', onChange);
}

function prefersDark(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia(QUERY).matches;
}

/** Waveform colors for the current light or dark color scheme. */
export function useWaveformColors(): WaveformColors {
  const dark = useSyncExternalStore(subscribe, prefersDark, () => false);
  return dark ? DARK : LIGHT;
}
