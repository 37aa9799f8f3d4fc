import { Mp3BlockDecoder } from './mp3-block-decoder';
import type { Mp3Block, Mp3StreamFormat } from './mp3-frames';
import { createPeaksAccumulator, foldSamples, type PeaksAccumulator } from './peaks-reducer';

/** Peaks for the buckets `from` to `from + min.length`, as one decoder computed them. */
export interface PeaksUpdate {
  from: number;
  min: Float32Array;
  max: Float32Array;
}

/** Decodes MP3 blocks and folds their samples into peaks, one block at a time. */
export class Mp3PeaksDecoder {
  private readonly accumulator: PeaksAccumulator;

  private constructor(
    private readonly decoder: Mp3BlockDecoder,
    durationSeconds: number,
    peaksPerSecond: number,
  ) {
    this.accumulator = createPeaksAccumulator(durationSeconds, peaksPerSecond);
  }

  static async create(durationSeconds: number, peaksPerSecond: number): Promise<Mp3PeaksDecoder> {
    return new Mp3PeaksDecoder(await Mp3BlockDecoder.create(), durationSeconds, peaksPerSecond);
  }

  /** Decodes a block and returns the peaks of the buckets it reached; `min` is empty when none. */
  decode(block: Mp3Block, format: Mp3StreamFormat): PeaksUpdate {
    let from = Number.POSITIVE_INFINITY;
    let to = -1;
    this.decoder.decode(block, format, (channels, sampleRate, startSample) => {
      const range = foldSamples(this.accumulator, channels, sampleRate, startSample / sampleRate);
      if (range.to > range.from) {
        from = Math.min(from, range.from);
        to = Math.max(to, range.to);
      }
    });
    if (to < 0) {
      return { from: 0, min: new Float32Array(0), max: new Float32Array(0) };
    }
    return {
      from,
      min: this.accumulator.min.slice(from, to),
      max: this.accumulator.max.slice(from, to),
    };
  }

  free(): void {
    this.decoder.free();
  }
}
