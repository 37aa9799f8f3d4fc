import { describe, expect, inject, it } from 'vitest';

import { Mp3BlockSplitter, parseFrameHeader, scanId3v2Tags, sniffMpegAudio } from './mp3-frames';

function fixture(name: 'vbr12s' | 'mono22k30s'): Uint8Array {
  return Uint8Array.from(atob(inject('mp3Fixtures')[name]), (character) => character.charCodeAt(0));
}

describe('parseFrameHeader', () => {
  it('reads an MPEG-1 layer 3 header', () => {
    // 0xFFFB is MPEG-1 layer 3 without CRC, 0x92 is 128 kb/s at 44.1 kHz, padded, and 0x64 is joint stereo.
    const header = parseFrameHeader(new Uint8Array([0xff, 0xfb, 0x92, 0x64]), 0);
    expect(header).toEqual({
      byteLength: 418,
      samplesPerFrame: 1152,
      sampleRate: 44100,
      channels: 2,
      version: 1,
      layer: 3,
    });
  });

  it('reads an MPEG-2 mono header', () => {
    // 0xFFF3 is MPEG-2 layer 3, 0x40 is 32 kb/s at 22.05 kHz without padding, and 0xC4 is mono.
    const header = parseFrameHeader(new Uint8Array([0xff, 0xf3, 0x40, 0xc4]), 0);
    expect(header).toMatchObject({
      byteLength: 104,
      samplesPerFrame: 576,
      sampleRate: 22050,
      channels: 1,
    });
  });

  it('rejects invalid headers', () => {
    expect(parseFrameHeader(new Uint8Array([0xff, 0xfb, 0xf2, 0x64]), 0)).toBeUndefined(); // bitrate 15
    expect(parseFrameHeader(new Uint8Array([0xff, 0xfb, 0x02, 0x64]), 0)).toBeUndefined(); // free format
    expect(parseFrameHeader(new Uint8Array([0xff, 0xfb, 0x9e, 0x64]), 0)).toBeUndefined(); // rate 3
    expect(parseFrameHeader(new Uint8Array([0xff, 0xf9, 0x92, 0x64]), 0)).toBeUndefined(); // layer 0
    expect(parseFrameHeader(new Uint8Array([0x52, 0x49, 0x46, 0x46]), 0)).toBeUndefined(); // RIFF
    expect(parseFrameHeader(new Uint8Array([0xff, 0xfb, 0x92]), 0)).toBeUndefined(); // too short
  });
});

describe('sniffMpegAudio', () => {
  it('recognises MP3 with and without ID3', () => {
    expect(sniffMpegAudio(fixture('vbr12s'))).toBe('mpeg');
    const tagged = fixture('mono22k30s');
    expect(String.fromCharCode(...tagged.subarray(0, 3))).toBe('ID3');
    expect(sniffMpegAudio(tagged)).toBe('mpeg');
  });

  it('reads through two ID3v2 tags in a row', () => {
    const tagged = fixture('mono22k30s');
    // A second tag of 3000 bytes of padding in front of the file's own tag.
    const extra = new Uint8Array(10 + 3000);
    extra.set([0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0x17, 0x38]);
    const bytes = new Uint8Array(extra.length + tagged.length);
    bytes.set(extra);
    bytes.set(tagged, extra.length);

    expect(sniffMpegAudio(bytes)).toBe('mpeg');
    expect(sniffMpegAudio(bytes.subarray(0, extra.length + 5))).toBe('more');
    // The first tag's header is enough to know the tags end no earlier than after it.
    expect(scanId3v2Tags(bytes.subarray(0, 20))).toEqual({ end: 3010, known: false });
    expect(scanId3v2Tags(bytes).known).toBe(true);
    const splitter = new Mp3BlockSplitter({ blockBytes: 8 * 1024, prerollFrames: 4 });
    const blocks = [...splitter.push(bytes), ...splitter.finish()];
    expect(splitter.format?.samplesPerFrame).toBe(576);
    expect(blocks.length).toBeGreaterThan(3);
  });

  it('requests more bytes when short', () => {
    const bytes = fixture('vbr12s');
    expect(sniffMpegAudio(bytes.subarray(0, 2))).toBe('more');
    expect(sniffMpegAudio(bytes.subarray(0, 100))).toBe('more');
    expect(sniffMpegAudio(fixture('mono22k30s').subarray(0, 9))).toBe('more');
  });

  it('rejects other formats', () => {
    const text = (value: string) => Uint8Array.from(value, (character) => character.charCodeAt(0));
    expect(sniffMpegAudio(text('RIFF\u0000\u0000\u0000\u0000WAVEfmt '))).toBe('other');
    expect(sniffMpegAudio(text('OggS\u0000\u0002\u0000\u0000\u0000\u0000'))).toBe('other');
    expect(sniffMpegAudio(new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81]))).toBe(
      'other',
    );
    // One valid header whose frame is not followed by another.
    const lone = new Uint8Array(1000);
    lone.set([0xff, 0xfb, 0x92, 0x64]);
    expect(sniffMpegAudio(lone)).toBe('other');
  });
});

describe('Mp3BlockSplitter', () => {
  it('keeps every frame once, with preroll', () => {
    const bytes = fixture('vbr12s');
    const splitter = new Mp3BlockSplitter({ blockBytes: 8 * 1024, prerollFrames: 4 });
    const blocks = [...splitter.push(bytes), ...splitter.finish()];
    expect(blocks.length).toBeGreaterThan(3);
    // Blocks are consecutive runs of frames.
    for (let index = 1; index < blocks.length; index += 1) {
      const previous = blocks[index - 1];
      const block = blocks[index];
      expect(block?.prerollFrames).toBe(4);
      expect(block?.firstFrame).toBeGreaterThan(previous?.firstFrame ?? Number.POSITIVE_INFINITY);
    }
    // Without the preroll, the blocks put back together give the file.
    const ownBytes = blocks.map((block, index) => {
      if (index === 0) {
        return block.bytes;
      }
      let offset = 0;
      for (let frame = 0; frame < block.prerollFrames; frame += 1) {
        offset += parseFrameHeader(block.bytes, offset)?.byteLength ?? Number.NaN;
      }
      return block.bytes.subarray(offset);
    });
    const joined = new Uint8Array(ownBytes.reduce((total, part) => total + part.length, 0));
    let at = 0;
    for (const part of ownBytes) {
      joined.set(part, at);
      at += part.length;
    }
    expect(joined).toEqual(bytes);
  });

  it('reuses recycled block buffers', () => {
    const bytes = fixture('vbr12s');
    const splitter = new Mp3BlockSplitter({ blockBytes: 8 * 1024, prerollFrames: 4 });
    const [first, ...rest] = splitter.push(bytes.subarray(0, 20 * 1024));
    expect(first).toBeDefined();
    expect(rest).toHaveLength(1);
    const buffer = first?.bytes.buffer;
    splitter.recycle(buffer ?? new ArrayBuffer(0));
    const later = splitter.push(bytes.subarray(20 * 1024, 40 * 1024));
    expect(later.map((block) => block.bytes.buffer)).toContain(buffer);
  });
});
