/** Messages between the player and the peaks worker. */

export type PeaksRequest =
  | {
      type: 'start';
      url: string;
      /** Stated duration of the recording, which sizes the peak arrays. */
      durationSeconds: number;
    }
  /** Reply to a 'url-rejected' message: the URL to use now, or undefined when none could be had. */
  | { type: 'url'; url: string | undefined };

/** Reason no waveform could be computed, in words for the waveform area. */
export type PeaksFailureReason =
  'no-webcodecs' | 'codec' | 'network' | 'expired' | 'format' | 'other';

export type PeaksWorkerMessage =
  | { type: 'init'; length: number; peaksPerSecond: number }
  /** New values for buckets `from` (inclusive) to `from + min.length`. */
  | { type: 'chunk'; from: number; min: Float32Array; max: Float32Array }
  | { type: 'done' }
  /** The media server rejected `url` (403 or 404); the worker waits for a 'url' reply. */
  | { type: 'url-rejected'; url: string }
  | { type: 'error'; reason: PeaksFailureReason; message: string };
