import { MPEGDecoder } from 'mpg123-decoder';
import { describe, expect, inject, it } from 'vitest';

import { Mp3DecoderPool } from './mp3-decoder-pool';
import { Mp3BlockSplitter, type Mp3Block, type Mp3StreamFormat } from './mp3-frames';
import { Mp3PeaksDecoder } from './mp3-peaks';
import {
  createPeaksAccumulator,
  foldSamples,
  mergePeaks,
  type PeaksAccumulator,
} from './peaks-reducer';

/** Returns one of the MP3 files ffmpeg made before the tests ran. */
function fixture(name: keyof ReturnType<typeof inject<'mp3Fixtures'>>): Uint8Array {
  return Uint8Array.from(atob(inject('mp3Fixtures')[name]), (character) => character.charCodeAt(0));
}

/** Returns the peaks of one gapless decode of the whole file by mpg123-decoder's public API. */
async function wholeFilePeaks(bytes: Uint8Array, seconds: number): Promise<PeaksAccumulator> {
  const accumulator = createPeaksAccumulator(seconds, 50);
  const decoder = new MPEGDecoder({ enableGapless: true });
  await decoder.ready;
  const decoded = decoder.decode(bytes);
  decoder.free();
  foldSamples(accumulator, decoded.channelData, decoded.sampleRate, 0);
  return accumulator;
}

/** Splits the file, pushing it in pieces of `chunkBytes`. */
function split(bytes: Uint8Array, chunkBytes: number, blockBytes: number) {
  const splitter = new Mp3BlockSplitter({ blockBytes, prerollFrames: 10 });
  const blocks: Mp3Block[] = [];
  for (let offset = 0; offset < bytes.length; offset += chunkBytes) {
    blocks.push(...splitter.push(bytes.subarray(offset, offset + chunkBytes)));
  }
  blocks.push(...splitter.finish());
  return { blocks, format: splitter.format };
}

/**
 * Decodes the blocks on `decoders` decoders, block i on decoder i mod n and in
 * the order given, and merges their peaks as the peaks worker does.
 */
async function blockPeaks(
  { blocks, format }: { blocks: readonly Mp3Block[]; format: Mp3StreamFormat | undefined },
  seconds: number,
  decoders: number,
  order: readonly number[] = blocks.map((_, index) => index),
): Promise<PeaksAccumulator> {
  if (format === undefined) {
    throw new Error('The splitter found no MPEG frame.');
  }
  const merged = createPeaksAccumulator(seconds, 50);
  const pool = await Promise.all(
    Array.from({ length: decoders }, () => Mp3PeaksDecoder.create(seconds, 50)),
  );
  for (const index of order) {
    const block = blocks[index];
    const decoder = pool[index % decoders];
    if (block === undefined || decoder === undefined) {
      throw new Error(`No block or decoder for ${index}`);
    }
    const update = decoder.decode(block, format);
    mergePeaks(merged, update.from, update.min, update.max);
  }
  pool.forEach((decoder) => decoder.free());
  return merged;
}

function largestDifference(a: PeaksAccumulator, b: PeaksAccumulator): number {
  let largest = 0;
  for (let i = 0; i < a.min.length; i += 1) {
    largest = Math.max(
      largest,
      Math.abs((a.min[i] ?? 0) - (b.min[i] ?? 0)),
      Math.abs((a.max[i] ?? 0) - (b.max[i] ?? 0)),
    );
  }
  return largest;
}

function emptyBuckets(accumulator: PeaksAccumulator): number {
  return accumulator.filled.reduce((count, filled) => count + (filled === 1 ? 0 : 1), 0);
}

describe('MP3 blocks decoded apart', () => {
  it('match a whole decode in any order', async () => {
    const seconds = 40;
    const bytes = fixture('vbr40s');
    const { blocks, format } = split(bytes, 5000, 48 * 1024);
    expect(format).toEqual({ samplesPerFrame: 1152, skipSamples: 576 + 529 });
    expect(blocks.length).toBeGreaterThan(4);
    expect(blocks.map((block) => block.prerollFrames)).toEqual([
      0,
      ...blocks.slice(1).map(() => 10),
    ]);

    const whole = await wholeFilePeaks(bytes, seconds);
    const reversed = blocks.map((_, index) => blocks.length - 1 - index);
    const apart = await blockPeaks({ blocks, format }, seconds, 3, reversed);
    expect(emptyBuckets(whole)).toBe(0);
    expect(emptyBuckets(apart)).toBe(0);
    expect(largestDifference(whole, apart)).toBeLessThan(1e-5);
  });

  it('place MPEG-2 mono after ID3', async () => {
    const seconds = 30;
    const bytes = fixture('mono22k30s');
    expect(String.fromCharCode(...bytes.subarray(0, 3))).toBe('ID3');
    const { blocks, format } = split(bytes, 777, 8 * 1024);
    expect(format?.samplesPerFrame).toBe(576);
    expect(blocks.length).toBeGreaterThan(4);

    const whole = await wholeFilePeaks(bytes, seconds);
    const apart = await blockPeaks({ blocks, format }, seconds, 2);
    expect(largestDifference(whole, apart)).toBeLessThan(1e-5);
  });

  it('skip nothing without Info frame', async () => {
    const seconds = 20;
    const bytes = fixture('noInfoFrame20s');
    const { blocks, format } = split(bytes, 65536, 32 * 1024);
    expect(format).toEqual({ samplesPerFrame: 1152, skipSamples: 0 });

    const whole = await wholeFilePeaks(bytes, seconds);
    const apart = await blockPeaks({ blocks, format }, seconds, 2);
    expect(largestDifference(whole, apart)).toBeLessThan(1e-5);
  });

  it('continue in order after damage', async () => {
    const seconds = 30;
    const clean = fixture('cbr30s');
    const bytes = clean.slice();
    // Overwrite 3 kB in the middle, frame headers included.
    bytes.fill(0x55, bytes.length >> 1, (bytes.length >> 1) + 3000);
    const { blocks, format } = split(bytes, 4096, 32 * 1024);
    const firstLost = blocks.findIndex((block) => block.firstFrame === undefined);
    expect(firstLost).toBeGreaterThan(1);
    // Every block after the damage continues the one before it.
    expect(blocks.slice(firstLost).every((block) => block.firstFrame === undefined)).toBe(true);
    expect(blocks[firstLost - 1]?.firstFrame).toBeGreaterThan(0);

    // Continuation blocks must reach the decoder of the block before them: one decoder here.
    const apart = await blockPeaks({ blocks, format }, seconds, 1);
    const whole = await wholeFilePeaks(clean, seconds);
    // mpg123 drops the damaged frames, about 0.19 s, so the rest lands that much earlier
    // and only the last buckets stay empty. The part before the damage is exact.
    expect(apart.filled.subarray(0, apart.filled.length - 12).every((filled) => filled === 1)).toBe(
      true,
    );
    const beforeDamage = Math.floor(seconds * 50 * 0.45);
    let largest = 0;
    for (let i = 0; i < beforeDamage; i += 1) {
      largest = Math.max(largest, Math.abs((whole.max[i] ?? 0) - (apart.max[i] ?? 0)));
    }
    expect(largest).toBeLessThan(1e-5);
  });

  it('cut alike however bytes arrive', () => {
    const bytes = fixture('vbr12s');
    const inOne = split(bytes, bytes.length, 16 * 1024);
    const byteByByte = split(bytes, 1, 16 * 1024);
    expect(byteByByte.format).toEqual(inOne.format);
    expect(
      byteByByte.blocks.map((block) => [block.firstFrame, block.prerollFrames, block.bytes.length]),
    ).toEqual(
      inOne.blocks.map((block) => [block.firstFrame, block.prerollFrames, block.bytes.length]),
    );
    // The blocks' own frames cover the file once: the bytes past each preroll add up to it.
    expect(inOne.blocks[0]?.bytes.subarray(0, 16)).toEqual(bytes.subarray(0, 16));
  });
});

describe('Mp3DecoderPool', () => {
  // The test environment has no Worker, so the pool decodes on this thread, as it
  // does for the first decoder in the browser.
  it('decodes, merges and recycles blocks', async () => {
    const seconds = 40;
    const bytes = fixture('vbr40s');
    const splitter = new Mp3BlockSplitter({ blockBytes: 32 * 1024, prerollFrames: 10 });
    const merged = createPeaksAccumulator(seconds, 50);
    const spentBuffers: ArrayBuffer[] = [];
    const pool = new Mp3DecoderPool({
      maxDecoders: 3,
      durationSeconds: seconds,
      peaksPerSecond: 50,
      onUpdate: (update, spent) => {
        mergePeaks(merged, update.from, update.min, update.max);
        spentBuffers.push(spent);
        splitter.recycle(spent);
      },
    });
    let blocks = 0;
    for (let offset = 0; offset < bytes.length; offset += 16 * 1024) {
      for (const block of splitter.push(bytes.subarray(offset, offset + 16 * 1024))) {
        blocks += 1;
        await pool.submit(block, splitter.format ?? { samplesPerFrame: 0, skipSamples: 0 });
      }
    }
    for (const block of splitter.finish()) {
      blocks += 1;
      await pool.submit(block, splitter.format ?? { samplesPerFrame: 0, skipSamples: 0 });
    }
    await pool.finish();
    pool.close();

    expect(spentBuffers).toHaveLength(blocks);
    // Recycled buffers were filled again, so fewer distinct buffers than blocks were made.
    expect(new Set(spentBuffers).size).toBeLessThan(blocks);
    expect(largestDifference(await wholeFilePeaks(bytes, seconds), merged)).toBeLessThan(1e-5);
  });

  it('sends overlapping submits in order', async () => {
    const { blocks, format } = split(fixture('cbr30s'), 16 * 1024, 16 * 1024);
    const starts: number[] = [];
    const pool = new Mp3DecoderPool({
      maxDecoders: 1,
      durationSeconds: 30,
      peaksPerSecond: 50,
      onUpdate: (update) => starts.push(update.from),
    });
    // Four calls at once, more than the decoder takes: each must wait its turn.
    await Promise.all(
      blocks
        .slice(0, 4)
        .map((block) => pool.submit(block, format ?? { samplesPerFrame: 0, skipSamples: 0 })),
    );
    await pool.finish();
    pool.close();

    expect(starts).toHaveLength(4);
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
  });

  it('drops queued blocks when closed', async () => {
    const { blocks, format } = split(fixture('cbr30s'), 16 * 1024, 16 * 1024);
    let updates = 0;
    const pool = new Mp3DecoderPool({
      maxDecoders: 1,
      durationSeconds: 30,
      peaksPerSecond: 50,
      onUpdate: () => {
        updates += 1;
      },
    });
    const [first, second] = blocks;
    if (first === undefined || second === undefined || format === undefined) {
      throw new Error('The fixture should give two blocks.');
    }
    await pool.submit(first, format);
    await pool.submit(second, format);
    pool.close();

    // The queued blocks are rejected, not decoded on a freed decoder.
    await expect(pool.finish()).rejects.toThrow('The MP3 decoder was stopped.');
    expect(updates).toBe(0);
  });

  it('rejects blocks once closed', async () => {
    const pool = new Mp3DecoderPool({
      maxDecoders: 2,
      durationSeconds: 1,
      peaksPerSecond: 50,
      onUpdate: () => undefined,
    });
    pool.close();
    await expect(
      pool.submit(
        { firstFrame: 0, prerollFrames: 0, bytes: new Uint8Array(8) },
        { samplesPerFrame: 1152, skipSamples: 0 },
      ),
    ).rejects.toThrow('The MP3 decoders were stopped.');
  });
});
