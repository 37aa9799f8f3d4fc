import { Mp3BlockDecoder } from './mp3-block-decoder';
import type { Mp3Block, Mp3StreamFormat } from './mp3-frames';
import { createPeaksAccumulator, foldRange, type PeaksAccumulator } from './peaks-reducer';

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

  /** Decodes a block and returns the peaks of the buckets it reached. `min` is empty when it reached none. */
  decode(block: Mp3Block, format: Mp3StreamFormat): PeaksUpdate {
    const changed = { from: Number.POSITIVE_INFINITY, to: -1 };
    this.decoder.decode(block, format, (channels, start, end, sampleRate, startSample) => {
      foldRange(this.accumulator, channels, start, end, sampleRate, startSample, changed);
    });
    if (changed.to < 0) {
      return { from: 0, min: new Float32Array(0), max: new Float32Array(0) };
    }
    return {
      from: changed.from,
      min: this.accumulator.min.slice(changed.from, changed.to),
      max: this.accumulator.max.slice(changed.from, changed.to),
    };
  }

  free(): void {
    this.decoder.free();
  }
}
