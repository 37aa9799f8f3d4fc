/** Messages between the player and the peaks worker. */

export interface PeaksRequest {
  type: 'start';
  url: string;
  /** Stated duration of the recording, which sizes the peak arrays. */
  durationSeconds: number;
}

/** Why no waveform could be computed, in words for the waveform area. */
export type PeaksFailureReason =
  'no-webcodecs' | 'codec' | 'network' | 'expired' | 'format' | 'other';

export type PeaksWorkerMessage =
  | { type: 'init'; length: number; peaksPerSecond: number }
  /** New values for buckets `from` (inclusive) to `from + min.length`. */
  | { type: 'chunk'; from: number; min: Float32Array; max: Float32Array }
  | { type: 'done' }
  | { type: 'error'; reason: PeaksFailureReason; message: string };
