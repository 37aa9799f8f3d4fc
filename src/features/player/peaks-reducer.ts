/** Most peaks a recording gets per second of audio. */
export const MAX_PEAKS_PER_SECOND = 50;
/** Most peaks for a whole recording, so an hour-long file stays small in memory and storage. */
export const MAX_TOTAL_PEAKS = 100_000;

/** Chooses the peak rate for a recording: 50 per second, fewer when the total would exceed the cap. */
export function peaksPerSecondFor(durationSeconds: number): number {
  if (!Number.isFinite(durationSeconds) || durationSeconds <= 0) {
    return MAX_PEAKS_PER_SECOND;
  }
  return Math.min(MAX_PEAKS_PER_SECOND, MAX_TOTAL_PEAKS / durationSeconds);
}

/**
 * Min and max sample value per time bucket, across all channels. Buckets no
 * sample has reached yet hold 0 in both arrays, which draws as a flat line.
 */
export interface PeaksAccumulator {
  readonly peaksPerSecond: number;
  readonly min: Float32Array;
  readonly max: Float32Array;
  /** Whether a bucket has received at least one sample. */
  readonly filled: Uint8Array;
}

export function createPeaksAccumulator(
  durationSeconds: number,
  peaksPerSecond: number,
): PeaksAccumulator {
  const length = Math.max(1, Math.ceil(durationSeconds * peaksPerSecond));
  return {
    peaksPerSecond,
    min: new Float32Array(length),
    max: new Float32Array(length),
    filled: new Uint8Array(length),
  };
}

/** The half-open range of bucket indices a call changed; empty when `from === to`. */
export interface PeaksRange {
  from: number;
  to: number;
}

/**
 * Folds one block of decoded audio into the accumulator. `channels` contains one
 * array of samples per channel (planar, all the same length), starting at
 * `startSeconds` on the recording's timeline. Samples past the last bucket go
 * into the last one, so a file slightly longer than its stated duration still
 * draws to the end; samples before 0 are dropped. Returns the changed range.
 */
export function foldSamples(
  accumulator: PeaksAccumulator,
  channels: readonly Float32Array[],
  sampleRate: number,
  startSeconds: number,
): PeaksRange {
  const { min, max, filled, peaksPerSecond } = accumulator;
  const frames = channels[0]?.length ?? 0;
  const last = min.length - 1;
  // Buckets are computed from whole frame numbers on the recording's timeline,
  // so a block split in two lands in exactly the same buckets as the whole.
  const firstFrame = Math.round(startSeconds * sampleRate);
  const bucketOf = (frame: number) =>
    Math.floor(((firstFrame + frame) * peaksPerSecond) / sampleRate);
  let from = Number.POSITIVE_INFINITY;
  let to = -1;

  let frame = 0;
  while (frame < frames) {
    const bucketFloor = bucketOf(frame);
    // The run of frames in this bucket ends at the next boundary; the estimate
    // is corrected by a frame or two against rounding.
    let runEnd = Math.ceil(((bucketFloor + 1) * sampleRate) / peaksPerSecond) - firstFrame;
    runEnd = Math.min(Math.max(runEnd, frame + 1), frames);
    while (runEnd > frame + 1 && bucketOf(runEnd - 1) > bucketFloor) {
      runEnd -= 1;
    }
    while (runEnd < frames && bucketOf(runEnd) === bucketFloor) {
      runEnd += 1;
    }
    if (bucketFloor < 0) {
      frame = runEnd;
      continue;
    }
    const bucket = Math.min(bucketFloor, last);

    let low = filled[bucket] === 1 ? (min[bucket] ?? 0) : Number.POSITIVE_INFINITY;
    let high = filled[bucket] === 1 ? (max[bucket] ?? 0) : Number.NEGATIVE_INFINITY;
    for (const channel of channels) {
      for (let i = frame; i < runEnd; i += 1) {
        const value = channel[i] ?? 0;
        if (value < low) low = value;
        if (value > high) high = value;
      }
    }
    min[bucket] = Math.max(-1, low);
    max[bucket] = Math.min(1, high);
    filled[bucket] = 1;
    from = Math.min(from, bucket);
    to = Math.max(to, bucket + 1);
    frame = runEnd;
  }

  return to < 0 ? { from: 0, to: 0 } : { from, to };
}

/**
 * Merges peaks computed elsewhere for buckets `from` to `from + min.length`
 * into the accumulator, keeping the wider of the two where a bucket already
 * has values. Returns the changed range.
 */
export function mergePeaks(
  accumulator: PeaksAccumulator,
  from: number,
  min: Float32Array,
  max: Float32Array,
): PeaksRange {
  const to = Math.min(from + min.length, accumulator.min.length);
  const start = Math.max(0, from);
  for (let bucket = start; bucket < to; bucket += 1) {
    const low = min[bucket - from] ?? 0;
    const high = max[bucket - from] ?? 0;
    if (accumulator.filled[bucket] === 1) {
      accumulator.min[bucket] = Math.min(accumulator.min[bucket] ?? 0, low);
      accumulator.max[bucket] = Math.max(accumulator.max[bucket] ?? 0, high);
    } else {
      accumulator.min[bucket] = low;
      accumulator.max[bucket] = high;
      accumulator.filled[bucket] = 1;
    }
  }
  return to > start ? { from: start, to } : { from: 0, to: 0 };
}
