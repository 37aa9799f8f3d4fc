import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import WaveSurfer from 'wavesurfer.js';
import HoverPlugin from 'wavesurfer.js/plugins/hover';
import MinimapPlugin from 'wavesurfer.js/plugins/minimap';
import TimelinePlugin from 'wavesurfer.js/plugins/timeline';

import { formatTime } from './time';
import type { PeaksData } from './use-peaks';

/** Zoom steps in pixels per second of audio; 0 fits the whole recording in view. */
export const ZOOM_LEVELS = [0, 10, 25, 50, 100, 200] as const;

const FLAT_PEAKS: Float32Array[] = [new Float32Array(1), new Float32Array(1)];

export interface WaveformColors {
  wave: string;
  progress: string;
  cursor: string;
}

export interface UseWavesurferOptions {
  containerRef: RefObject<HTMLDivElement | null>;
  /** The media element wavesurfer plays through; wavesurfer never fetches or decodes the file. */
  media: HTMLAudioElement | null;
  durationSeconds: number;
  peaks: PeaksData | undefined;
  /** Changes whenever `peaks` was filled further, since the arrays are updated in place. */
  peaksVersion: number;
  colors: WaveformColors;
}

export interface WavesurferControls {
  zoomIndex: number;
  zoomIn: () => void;
  zoomOut: () => void;
}

function ignoreAbort(error: unknown): void {
  // A newer load() supersedes an older one with an AbortError (wavesurfer.js 8); that is expected.
  if (error instanceof DOMException && error.name === 'AbortError') {
    return;
  }
  console.warn('Drawing the waveform failed', error);
}

/**
 * Owns one wavesurfer.js instance for the mounted player: created in an
 * effect, destroyed in its cleanup together with every subscription, so
 * StrictMode's double effect run leaves exactly one instance.
 */
export function useWavesurfer(options: UseWavesurferOptions): WavesurferControls {
  const { containerRef, media, durationSeconds, peaks, peaksVersion, colors } = options;
  const instanceRef = useRef<WaveSurfer | null>(null);
  const minimapRef = useRef<ReturnType<typeof MinimapPlugin.create> | null>(null);
  const [zoomIndex, setZoomIndex] = useState(0);
  const peaksRef = useRef(peaks);
  useEffect(() => {
    peaksRef.current = peaks;
  }, [peaks]);

  const { wave, progress, cursor } = colors;

  useEffect(() => {
    const container = containerRef.current;
    if (container === null || media === null || !(durationSeconds > 0)) {
      return undefined;
    }
    const current = peaksRef.current;
    const instance = WaveSurfer.create({
      container,
      media,
      duration: durationSeconds,
      peaks: current === undefined ? FLAT_PEAKS : [current.max, current.min],
      height: 96,
      waveColor: wave,
      progressColor: progress,
      cursorColor: cursor,
      cursorWidth: 2,
      barWidth: 2,
      barGap: 1,
      barMinHeight: 1,
      dragToSeek: true,
      interact: true,
      autoScroll: true,
      autoCenter: false,
      plugins: [
        HoverPlugin.create({
          lineColor: cursor,
          labelBackground: 'rgba(0, 0, 0, 0.75)',
          labelColor: '#fff',
          formatTimeCallback: formatTime,
        }),
        TimelinePlugin.create({ height: 18, formatTimeCallback: formatTime }),
      ],
    });
    instanceRef.current = instance;
    const unsubscribers = [
      instance.on('error', (error) => {
        // Media errors reach the player through the element's own error event.
        console.warn('Waveform reported an error', error.message);
      }),
    ];
    setZoomIndex(0);

    return () => {
      for (const unsubscribe of unsubscribers) {
        unsubscribe();
      }
      minimapRef.current = null;
      instanceRef.current = null;
      instance.destroy();
    };
  }, [containerRef, media, durationSeconds, wave, progress, cursor]);

  // Peaks arrive progressively: each update re-renders with the same media URL,
  // so wavesurfer does not touch the element's source.
  useEffect(() => {
    const instance = instanceRef.current;
    if (instance === null || media === null || peaks === undefined) {
      return;
    }
    const src = media.currentSrc || media.src;
    instance.load(src, [peaks.max, peaks.min], durationSeconds).catch(ignoreAbort);
  }, [media, peaks, peaksVersion, durationSeconds]);

  const applyZoom = useCallback(
    (index: number) => {
      const instance = instanceRef.current;
      if (instance === null) {
        return;
      }
      const level = ZOOM_LEVELS[index] ?? 0;
      try {
        instance.zoom(level);
      } catch (error) {
        // zoom() throws before the first peaks are drawn; the level applies on the next zoom.
        console.warn('Zooming the waveform failed', error);
        return;
      }
      if (level > 0 && minimapRef.current === null) {
        minimapRef.current = instance.registerPlugin(
          MinimapPlugin.create({
            height: 24,
            waveColor: wave,
            progressColor: progress,
            cursorColor: cursor,
            overlayColor: 'rgba(127, 127, 127, 0.25)',
            insertPosition: 'afterend',
          }),
        );
      } else if (level === 0 && minimapRef.current !== null) {
        instance.unregisterPlugin(minimapRef.current);
        minimapRef.current = null;
      }
      setZoomIndex(index);
    },
    [wave, progress, cursor],
  );

  const zoomIn = useCallback(() => {
    applyZoom(Math.min(zoomIndex + 1, ZOOM_LEVELS.length - 1));
  }, [applyZoom, zoomIndex]);

  const zoomOut = useCallback(() => {
    applyZoom(Math.max(zoomIndex - 1, 0));
  }, [applyZoom, zoomIndex]);

  return { zoomIndex, zoomIn, zoomOut };
}
