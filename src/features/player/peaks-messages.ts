/** Messages between the player and the peaks worker, and between that worker and its MP3 decoders. */
import type { Mp3Block, Mp3StreamFormat } from './mp3-frames';
import type { PeaksUpdate } from './mp3-peaks';

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

/** A block for an MP3 decoder worker, with what it needs to size its peaks. */
export interface Mp3DecoderRequest {
  type: 'block';
  id: number;
  block: Mp3Block;
  format: Mp3StreamFormat;
  durationSeconds: number;
  peaksPerSecond: number;
}

export type Mp3DecoderReply =
  /** `spent` is the block's buffer, handed back to be filled again. */
  | { type: 'decoded'; id: number; update: PeaksUpdate; spent: ArrayBuffer }
  | { type: 'failed'; id: number; message: string };
