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
  const changed = { from: Number.POSITIVE_INFINITY, to: -1 };
  const frames = channels[0]?.length ?? 0;
  foldRange(
    accumulator,
    channels,
    0,
    frames,
    sampleRate,
    Math.round(startSeconds * sampleRate),
    changed,
  );
  return changed.to < 0 ? { from: 0, to: 0 } : changed;
}

/** Returns the bucket that timeline sample `sample` falls in. */
function bucketAt(sample: number, peaksPerSecond: number, sampleRate: number): number {
  return Math.floor((sample * peaksPerSecond) / sampleRate);
}

/**
 * Folds samples `start` to `end` of each channel into the accumulator, sample
 * `start` being sample `firstSample` of the timeline, and widens `changed` to
 * cover the buckets it changed. It allocates nothing, so that it can run for
 * every decoded frame of an hour-long file.
 */
export function foldRange(
  accumulator: PeaksAccumulator,
  channels: readonly Float32Array[],
  start: number,
  end: number,
  sampleRate: number,
  firstSample: number,
  changed: PeaksRange,
): void {
  const { min, max, filled, peaksPerSecond } = accumulator;
  const last = min.length - 1;
  // Timeline sample = offset + index. Buckets are computed from whole sample numbers
  // on the timeline, so a block split in two lands in exactly the same buckets as the whole.
  const offset = firstSample - start;

  let index = start;
  while (index < end) {
    const bucketFloor = bucketAt(offset + index, peaksPerSecond, sampleRate);
    // The run of samples in this bucket ends at the next boundary; the estimate
    // is corrected by a sample or two against rounding.
    let runEnd = Math.ceil(((bucketFloor + 1) * sampleRate) / peaksPerSecond) - offset;
    runEnd = Math.min(Math.max(runEnd, index + 1), end);
    while (
      runEnd > index + 1 &&
      bucketAt(offset + runEnd - 1, peaksPerSecond, sampleRate) > bucketFloor
    ) {
      runEnd -= 1;
    }
    while (runEnd < end && bucketAt(offset + runEnd, peaksPerSecond, sampleRate) === bucketFloor) {
      runEnd += 1;
    }
    if (bucketFloor < 0) {
      index = runEnd;
      continue;
    }
    const bucket = Math.min(bucketFloor, last);

    let low = filled[bucket] === 1 ? (min[bucket] ?? 0) : Number.POSITIVE_INFINITY;
    let high = filled[bucket] === 1 ? (max[bucket] ?? 0) : Number.NEGATIVE_INFINITY;
    for (let channelIndex = 0; channelIndex < channels.length; channelIndex += 1) {
      const channel = channels[channelIndex];
      if (channel === undefined) {
        continue;
      }
      for (let i = index; i < runEnd; i += 1) {
        const value = channel[i] ?? 0;
        if (value < low) low = value;
        if (value > high) high = value;
      }
    }
    min[bucket] = Math.max(-1, low);
    max[bucket] = Math.min(1, high);
    filled[bucket] = 1;
    changed.from = Math.min(changed.from, bucket);
    changed.to = Math.max(changed.to, bucket + 1);
    index = runEnd;
  }
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
