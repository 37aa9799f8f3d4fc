import { describe, expect, it } from 'vitest';

import {
  MAX_PEAKS_PER_SECOND,
  MAX_TOTAL_PEAKS,
  createPeaksAccumulator,
  foldSamples,
  peaksPerSecondFor,
} from './peaks-reducer';

function ramp(length: number, scale = 1): Float32Array {
  return Float32Array.from({ length }, (_, i) => ((i % 10) - 5) * 0.1 * scale);
}

describe('peaksPerSecondFor', () => {
  it('uses the full rate for short recordings', () => {
    expect(peaksPerSecondFor(60)).toBe(MAX_PEAKS_PER_SECOND);
  });

  it('caps the total for long recordings', () => {
    const rate = peaksPerSecondFor(65 * 60);
    expect(rate).toBeLessThan(MAX_PEAKS_PER_SECOND);
    expect(Math.ceil(rate * 65 * 60)).toBeLessThanOrEqual(MAX_TOTAL_PEAKS);
  });

  it('falls back for invalid durations', () => {
    expect(peaksPerSecondFor(Number.NaN)).toBe(MAX_PEAKS_PER_SECOND);
    expect(peaksPerSecondFor(0)).toBe(MAX_PEAKS_PER_SECOND);
  });
});

describe('foldSamples', () => {
  it('reduces each bucket to its min and max', () => {
    // 1 s at 100 Hz into 10 peaks per second: 10 samples per bucket.
    const accumulator = createPeaksAccumulator(1, 10);
    const range = foldSamples(accumulator, [ramp(100)], 100, 0);

    expect(range).toEqual({ from: 0, to: 10 });
    for (let i = 0; i < 10; i += 1) {
      expect(accumulator.min[i]).toBeCloseTo(-0.5);
      expect(accumulator.max[i]).toBeCloseTo(0.4);
    }
  });

  it('gives the same result block by block as at once', () => {
    const samples = Float32Array.from({ length: 1000 }, (_, i) => Math.sin(i / 7) * (i / 1000));
    const whole = createPeaksAccumulator(2, 25);
    foldSamples(whole, [samples], 500, 0);

    const pieces = createPeaksAccumulator(2, 25);
    for (let start = 0; start < samples.length; start += 37) {
      const block = samples.subarray(start, Math.min(start + 37, samples.length));
      foldSamples(pieces, [block], 500, start / 500);
    }

    expect(Array.from(pieces.min)).toEqual(Array.from(whole.min));
    expect(Array.from(pieces.max)).toEqual(Array.from(whole.max));
  });

  it('combines channels', () => {
    const accumulator = createPeaksAccumulator(1, 1);
    foldSamples(accumulator, [Float32Array.of(0.2, 0.1), Float32Array.of(-0.7, 0.9)], 2, 0);

    expect(accumulator.min[0]).toBeCloseTo(-0.7);
    expect(accumulator.max[0]).toBeCloseTo(0.9);
  });

  it('places a block by its timestamp', () => {
    const accumulator = createPeaksAccumulator(10, 1);
    const range = foldSamples(accumulator, [Float32Array.of(0.5, -0.5)], 2, 7);

    expect(range).toEqual({ from: 7, to: 8 });
    expect(accumulator.max[7]).toBeCloseTo(0.5);
    expect(accumulator.filled[6]).toBe(0);
    expect(accumulator.max[6]).toBe(0);
  });

  it('folds samples past the end into the last bucket', () => {
    const accumulator = createPeaksAccumulator(2, 1);
    foldSamples(accumulator, [Float32Array.of(0.1, 0.8)], 1, 2);

    expect(accumulator.max[1]).toBeCloseTo(0.8);
  });

  it('drops samples before zero', () => {
    const accumulator = createPeaksAccumulator(2, 1);
    const range = foldSamples(accumulator, [Float32Array.of(0.9, 0.3)], 1, -1);

    expect(range).toEqual({ from: 0, to: 1 });
    expect(accumulator.max[0]).toBeCloseTo(0.3);
  });

  it('keeps silence flat without dividing by zero', () => {
    const accumulator = createPeaksAccumulator(60, 50);
    foldSamples(accumulator, [new Float32Array(8000 * 60)], 8000, 0);

    expect(accumulator.min.every((value) => value === 0)).toBe(true);
    expect(accumulator.max.every((value) => value === 0)).toBe(true);
    expect(accumulator.filled.every((value) => value === 1)).toBe(true);
  });

  it('clamps values outside -1 to 1', () => {
    const accumulator = createPeaksAccumulator(1, 1);
    foldSamples(accumulator, [Float32Array.of(-3, 2)], 2, 0);

    expect(accumulator.min[0]).toBe(-1);
    expect(accumulator.max[0]).toBe(1);
  });

  it('returns an empty range for an empty block', () => {
    const accumulator = createPeaksAccumulator(1, 10);
    expect(foldSamples(accumulator, [new Float32Array(0)], 100, 0)).toEqual({ from: 0, to: 0 });
  });
});
