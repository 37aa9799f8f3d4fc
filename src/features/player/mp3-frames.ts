/**
 * Cuts a streamed MPEG audio file (MP3, and MP1 or MP2) into blocks at frame
 * boundaries, so that several decoders can decode one file side by side and
 * place their samples exactly on the recording's timeline.
 */

/** The fields of an MPEG audio frame header that matter for splitting. */
export interface MpegFrameHeader {
  /** Bytes from this header to the next one. */
  readonly byteLength: number;
  readonly samplesPerFrame: number;
  readonly sampleRate: number;
  readonly channels: 1 | 2;
  readonly version: 1 | 2 | 2.5;
  readonly layer: 1 | 2 | 3;
}

// Bit rates in kb/s by bitrate index, for MPEG-1 layers 1 to 3 and for MPEG-2 and 2.5.
const MPEG1_KBPS: Record<1 | 2 | 3, readonly number[]> = {
  1: [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
  2: [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
  3: [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
};
const MPEG2_LAYER1_KBPS = [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256];
const MPEG2_LAYER23_KBPS = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
const SAMPLE_RATES = {
  1: [44100, 48000, 32000],
  2: [22050, 24000, 16000],
  2.5: [11025, 12000, 8000],
};

/**
 * Reads the frame header at `offset`, or returns undefined when the four bytes
 * there are not one. Free-format frames (bitrate index 0) have no length in
 * their header and read as undefined too.
 */
export function parseFrameHeader(bytes: Uint8Array, offset: number): MpegFrameHeader | undefined {
  if (offset + 4 > bytes.length) {
    return undefined;
  }

  const b1 = bytes[offset + 1] ?? 0;
  const b2 = bytes[offset + 2] ?? 0;
  const b3 = bytes[offset + 3] ?? 0;
  if (bytes[offset] !== 0xff || (b1 & 0xe0) !== 0xe0) {
    return undefined;
  }

  const versionBits = (b1 >> 3) & 3;
  const layerBits = (b1 >> 1) & 3;
  const bitrateIndex = b2 >> 4;
  const rateIndex = (b2 >> 2) & 3;
  if (versionBits === 1 || layerBits === 0 || bitrateIndex === 0 || bitrateIndex === 15) {
    return undefined;
  }

  let version: 1 | 2 | 2.5 = 2.5;
  if (versionBits === 3) {
    version = 1;
  } else if (versionBits === 2) {
    version = 2;
  }
  const layer = (4 - layerBits) as 1 | 2 | 3;
  const sampleRate = SAMPLE_RATES[version][rateIndex];
  if (sampleRate === undefined) {
    return undefined;
  }

  let kbpsTable: readonly number[] = MPEG2_LAYER23_KBPS;
  if (version === 1) {
    kbpsTable = MPEG1_KBPS[layer];
  } else if (layer === 1) {
    kbpsTable = MPEG2_LAYER1_KBPS;
  }
  const bitsPerSecond = (kbpsTable[bitrateIndex] ?? 0) * 1000;
  const padding = (b2 >> 1) & 1;

  let byteLength: number;
  let samplesPerFrame: number;
  if (layer === 1) {
    byteLength = (Math.floor((12 * bitsPerSecond) / sampleRate) + padding) * 4;
    samplesPerFrame = 384;
  } else if (layer === 2 || version === 1) {
    byteLength = Math.floor((144 * bitsPerSecond) / sampleRate) + padding;
    samplesPerFrame = 1152;
  } else {
    byteLength = Math.floor((72 * bitsPerSecond) / sampleRate) + padding;
    samplesPerFrame = 576;
  }

  const channels = b3 >> 6 === 3 ? 1 : 2;
  return { byteLength, samplesPerFrame, sampleRate, channels, version, layer };
}

/**
 * Returns where the ID3v2 tags at the start of `bytes` end (some files carry
 * two in a row), as far as `bytes` shows them. `known` is false while more
 * bytes could show a further tag, and `end` is then a lower bound.
 */
export function scanId3v2Tags(bytes: Uint8Array): { end: number; known: boolean } {
  let offset = 0;
  for (;;) {
    if (bytes.length < offset + 3) {
      return { end: offset, known: false };
    }
    if (bytes[offset] !== 0x49 || bytes[offset + 1] !== 0x44 || bytes[offset + 2] !== 0x33) {
      return { end: offset, known: true };
    }
    if (bytes.length < offset + 10) {
      return { end: offset, known: false };
    }
    const size =
      ((bytes[offset + 6] ?? 0) << 21) |
      ((bytes[offset + 7] ?? 0) << 14) |
      ((bytes[offset + 8] ?? 0) << 7) |
      (bytes[offset + 9] ?? 0);
    const hasFooter = ((bytes[offset + 5] ?? 0) & 0x10) !== 0;
    offset += 10 + size + (hasFooter ? 10 : 0);
  }
}

/** Returns the size of the ID3v2 tags at the start of `bytes`, 0 when there is none, undefined while not known. */
export function id3v2TagSize(bytes: Uint8Array): number | undefined {
  const { end, known } = scanId3v2Tags(bytes);
  return known ? end : undefined;
}

/** Facts from the first frame: whether it is an Info frame, and how many samples to drop. */
export interface LeadingFrameFacts {
  /** A Xing or Info frame carries no audio, and decoders output nothing for it. */
  readonly isInfoFrame: boolean;
  /**
   * Samples at the start of the decoded stream that are not part of the
   * recording: the encoder delay written by LAME or FFmpeg, plus the 529-sample
   * delay of the decoder. FFmpeg, and so Chromium's audio element, drops them
   * too, so the waveform lines up with what plays.
   */
  readonly skipSamples: number;
}

const DECODER_DELAY_SAMPLES = 529;
/** Bytes of layer 3 side information, in MPEG-1 and in MPEG-2 and 2.5. */
const SIDE_INFO_BYTES = {
  mpeg1: { mono: 17, stereo: 32 },
  mpeg2: { mono: 9, stereo: 17 },
};

/** Reads the Xing or Info frame and its LAME tag, if the frame at `offset` is one. */
export function readLeadingFrame(
  bytes: Uint8Array,
  offset: number,
  header: MpegFrameHeader,
): LeadingFrameFacts {
  // The Xing or Info tag follows the header and the layer 3 side information.
  const mono = header.channels === 1;
  const sideInfoBytes = header.version === 1 ? SIDE_INFO_BYTES.mpeg1 : SIDE_INFO_BYTES.mpeg2;
  const tagOffset = offset + 4 + (mono ? sideInfoBytes.mono : sideInfoBytes.stereo);
  const tag = String.fromCharCode(...bytes.subarray(tagOffset, tagOffset + 4));
  if (header.layer !== 3 || (tag !== 'Xing' && tag !== 'Info')) {
    return { isInfoFrame: false, skipSamples: 0 };
  }

  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (tagOffset + 8 > bytes.length) {
    return { isInfoFrame: true, skipSamples: 0 };
  }

  const flags = view.getUint32(tagOffset + 4);
  // Frame count, byte count, table of contents and quality, each present when its flag is set.
  const lameOffset =
    tagOffset +
    8 +
    (flags & 1 ? 4 : 0) +
    (flags & 2 ? 4 : 0) +
    (flags & 4 ? 100 : 0) +
    (flags & 8 ? 4 : 0);
  if (lameOffset + 24 > Math.min(bytes.length, offset + header.byteLength)) {
    return { isInfoFrame: true, skipSamples: 0 };
  }

  const encoder = String.fromCharCode(...bytes.subarray(lameOffset, lameOffset + 4));
  if (encoder !== 'LAME' && encoder !== 'Lavf' && encoder !== 'Lavc') {
    return { isInfoFrame: true, skipSamples: 0 };
  }

  // 12 bits of encoder delay, then 12 bits of padding, 21 bytes into the LAME tag.
  const delays =
    ((bytes[lameOffset + 21] ?? 0) << 16) |
    ((bytes[lameOffset + 22] ?? 0) << 8) |
    (bytes[lameOffset + 23] ?? 0);
  return { isInfoFrame: true, skipSamples: (delays >> 12) + DECODER_DELAY_SAMPLES };
}

/** The facts about a file every decoder needs to place its samples. */
export interface Mp3StreamFormat {
  readonly samplesPerFrame: number;
  readonly skipSamples: number;
}

/** A run of whole frames, ready to decode on its own. */
export interface Mp3Block {
  /**
   * Index of the block's first audio frame (Info frames not counted) in the
   * file, or undefined when the block continues the previous one because the
   * frames could not be followed, and must go to the same decoder.
   */
  readonly firstFrame: number | undefined;
  /**
   * Frames at the start of `bytes` that repeat the end of the previous block.
   * They prime the decoder's bit reservoir and filter bank, and their samples
   * are dropped.
   */
  readonly prerollFrames: number;
  readonly bytes: Uint8Array<ArrayBuffer>;
}

export interface Mp3BlockSplitterOptions {
  /** Bytes of new frames per block. A block ends at the first frame boundary past this. */
  readonly blockBytes: number;
  /** Frames repeated at the start of each block but the first. */
  readonly prerollFrames: number;
}

/**
 * Room a new block buffer has beyond `blockBytes`, for the preroll frames and the
 * frame that crosses the limit, so that recycled buffers fit the next blocks.
 */
const BLOCK_SLACK_BYTES = 32 * 1024;
/** Maximum number of recycled block buffers kept. */
const MAX_SPARE_BUFFERS = 12;

/** Bytes searched for the first frame, after any ID3v2 tag, before the splitter stops looking. */
const SYNC_SEARCH_BYTES = 64 * 1024;

/**
 * Cuts a byte stream into blocks of whole frames. Blocks are independent: each
 * one after the first starts with up to `prerollFrames` frames of the previous
 * one, and its samples after those start at
 * `firstFrame * samplesPerFrame - skipSamples` on the recording's timeline.
 *
 * A frame is accepted only where the previous one ends, so audio data that
 * happens to look like a header is not taken for one. When the frames cannot be
 * followed (a damaged file, free format), the rest of the stream goes out in
 * order as continuation blocks, for the decoder of the block before them.
 */
export class Mp3BlockSplitter {
  private buffer = new Uint8Array(0);
  /** Bytes of `buffer` in use. */
  private used = 0;
  /** File offset of the first byte in `buffer`. */
  private bufferStart = 0;
  /** File offset where the next frame header is expected; undefined until the first frame is found. */
  private nextFrame: number | undefined;
  /** File offset where the search for the first frame resumes. */
  private searchFrom = 0;
  /** File offsets of the latest frames' starts, at most `prerollFrames` of them. */
  private recentFrames: number[] = [];
  /** The open block: where its own frames start, its first audio frame and its preroll. */
  private blockStart = 0;
  private blockFirstFrame: number | undefined = 0;
  private blockPreroll = 0;
  /** File offset where the open block's bytes start, preroll included. */
  private blockBytesStart = 0;
  private audioFrames = 0;
  /** Whether the frames could not be followed, so the rest goes out as continuation blocks. */
  private lost = false;
  private streamFormat: Mp3StreamFormat | undefined;
  /** Buffers of finished blocks, handed back for the next blocks. */
  private readonly spare: ArrayBuffer[] = [];

  constructor(private readonly options: Mp3BlockSplitterOptions) {}

  /** The stream's format, known once the first frame has been found. */
  get format(): Mp3StreamFormat | undefined {
    return this.streamFormat;
  }

  /** Adds the next bytes of the file and returns the blocks they complete. */
  push(chunk: Uint8Array): Mp3Block[] {
    this.append(chunk);
    const blocks: Mp3Block[] = [];
    if (this.nextFrame === undefined && !this.lost) {
      this.findFirstFrame();
    }
    if (!this.lost) {
      this.followFrames(blocks);
    }
    if (this.lost && this.end - this.blockStart >= this.options.blockBytes) {
      blocks.push(this.cut(this.end, true));
    }
    return blocks;
  }

  /**
   * Takes back the buffer of a decoded block, so that a later block reuses it.
   * A long file then leaves no garbage to collect.
   */
  recycle(buffer: ArrayBuffer): void {
    if (buffer.byteLength > 0 && this.spare.length < MAX_SPARE_BUFFERS) {
      this.spare.push(buffer);
    }
  }

  /** Returns the last block: whatever the stream held after the last cut. */
  finish(): Mp3Block[] {
    return this.end > this.blockStart ? [this.cut(this.end, this.lost)] : [];
  }

  private get end(): number {
    return this.bufferStart + this.used;
  }

  private at(fileOffset: number): number {
    return fileOffset - this.bufferStart;
  }

  private append(chunk: Uint8Array): void {
    if (this.used + chunk.length > this.buffer.length) {
      // Drop the bytes no block needs any more, and grow when that is not enough.
      const keepFrom = this.at(this.blockBytesStart);
      const kept = this.used - keepFrom;
      const needed = kept + chunk.length;
      if (needed > this.buffer.length) {
        const grown = new Uint8Array(Math.max(2 * needed, 2 * this.options.blockBytes));
        grown.set(this.buffer.subarray(keepFrom, this.used));
        this.buffer = grown;
      } else {
        this.buffer.copyWithin(0, keepFrom, this.used);
      }
      this.used = kept;
      this.bufferStart += keepFrom;
    }
    this.buffer.set(chunk, this.used);
    this.used += chunk.length;
  }

  private findFirstFrame(): void {
    const view = this.buffer.subarray(0, this.used);
    const tagSize = id3v2TagSize(view);
    if (tagSize === undefined) {
      return;
    }
    let offset = Math.max(this.searchFrom, tagSize);
    for (; offset + 4 <= this.used; offset += 1) {
      const header = confirmedHeader(view, offset);
      if (header === 'more') {
        break;
      }
      if (header === undefined) {
        continue;
      }
      const leading = readLeadingFrame(view, offset, header);
      this.streamFormat = {
        samplesPerFrame: header.samplesPerFrame,
        skipSamples: leading.skipSamples,
      };
      // An Info frame stays in the first block, and the decoder outputs nothing for it.
      this.nextFrame = this.bufferStart + offset + (leading.isInfoFrame ? header.byteLength : 0);
      return;
    }
    this.searchFrom = offset;
    if (offset - tagSize >= SYNC_SEARCH_BYTES) {
      this.lost = true;
    }
  }

  private followFrames(blocks: Mp3Block[]): void {
    const view = this.buffer.subarray(0, this.used);
    let next = this.nextFrame;
    while (next !== undefined && this.at(next) + 4 <= this.used) {
      const header = parseFrameHeader(view, this.at(next));
      if (header === undefined) {
        this.lost = true;
        this.nextFrame = undefined;
        return;
      }
      if (this.at(next) + header.byteLength > this.used) {
        return;
      }
      if (next - this.blockStart >= this.options.blockBytes) {
        blocks.push(this.cut(next, false));
      }
      this.recentFrames.push(next);
      if (this.recentFrames.length > this.options.prerollFrames) {
        this.recentFrames.shift();
      }
      this.audioFrames += 1;
      next += header.byteLength;
      this.nextFrame = next;
    }
  }

  /**
   * Ends the open block at `end` and opens the next one there: a continuation
   * block when `continuation` is set, otherwise one primed with the latest frames.
   */
  private cut(end: number, continuation: boolean): Mp3Block {
    const source = this.buffer.subarray(this.at(this.blockBytesStart), this.at(end));
    const spareIndex = this.spare.findIndex((buffer) => buffer.byteLength >= source.length);
    const recycled = spareIndex >= 0 ? this.spare.splice(spareIndex, 1)[0] : undefined;
    const buffer =
      recycled ??
      new ArrayBuffer(Math.max(source.length, this.options.blockBytes + BLOCK_SLACK_BYTES));
    const bytes = new Uint8Array(buffer, 0, source.length);
    bytes.set(source);
    const block: Mp3Block = {
      firstFrame: this.blockFirstFrame,
      prerollFrames: this.blockPreroll,
      bytes,
    };
    this.blockStart = end;
    if (continuation) {
      this.blockFirstFrame = undefined;
      this.blockPreroll = 0;
      this.blockBytesStart = end;
    } else {
      this.blockFirstFrame = this.audioFrames;
      this.blockPreroll = this.recentFrames.length;
      this.blockBytesStart = this.recentFrames[0] ?? end;
    }
    return block;
  }
}

/**
 * Tells from the start of a file whether it is a plain MPEG audio file: an
 * optional ID3v2 tag, then at once two frame headers, the second where the
 * first frame ends. Returns 'more' while `bytes` is too short to tell. Other
 * formats begin with their own signatures (RIFF, OggS, EBML, ftyp, fLaC), so
 * this does not mistake them for MPEG audio.
 */
export function sniffMpegAudio(bytes: Uint8Array): 'mpeg' | 'other' | 'more' {
  const tagSize = id3v2TagSize(bytes);
  if (tagSize === undefined) {
    return 'more';
  }
  const header = confirmedHeader(bytes, tagSize);
  if (header === 'more') {
    return 'more';
  }
  return header === undefined ? 'other' : 'mpeg';
}

/**
 * Returns the frame header at `offset` when another header starts where its
 * frame ends, undefined when either is not a header, and 'more' while `bytes`
 * ends before both can be read.
 */
function confirmedHeader(bytes: Uint8Array, offset: number): MpegFrameHeader | 'more' | undefined {
  if (offset + 4 > bytes.length) {
    return 'more';
  }
  const header = parseFrameHeader(bytes, offset);
  if (header === undefined) {
    return undefined;
  }
  const next = offset + header.byteLength;
  if (next + 4 > bytes.length) {
    return 'more';
  }
  return parseFrameHeader(bytes, next) === undefined ? undefined : header;
}
