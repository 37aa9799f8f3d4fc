import { MPEGDecoder } from 'mpg123-decoder';

import type { Mp3Block, Mp3StreamFormat } from './mp3-frames';

/**
 * The parts of mpg123-decoder 1.0.3 this module drives directly. Its public
 * `decode()` copies every decoded frame twice into new arrays, which for an
 * hour of stereo audio is about 2.7 GB of short-lived garbage. Reading the
 * samples where mpg123 writes them avoids that. The package version is pinned,
 * and `Mp3BlockDecoder.create` checks these fields before using them.
 */
interface WasmArray<T> {
  readonly ptr: number;
  readonly len: number;
  readonly buf: T;
}

interface Mpg123Exports {
  mpeg_frame_decoder_create(decoderSlot: number, enableGapless: number): number;
  mpeg_frame_decoder_destroy(decoder: number): void;
  mpeg_decoder_feed(decoder: number, input: number, length: number): number;
  mpeg_decoder_read(
    decoder: number,
    output: number,
    outputLength: number,
    samplesDecoded: number,
    sampleRate: number,
    errorString: number,
  ): number;
}

interface Mpg123Internals {
  _common: {
    wasm: Mpg123Exports;
    allocateTypedArray(length: number, type: Uint32ArrayConstructor): WasmArray<Uint32Array>;
  };
  _decoder: number;
  _input: WasmArray<Uint8Array>;
  _output: WasmArray<Float32Array>;
  _samplesDecodedPtr: WasmArray<Uint32Array>;
  _sampleRatePtr: WasmArray<Uint32Array>;
  _errorStringPtr: WasmArray<Uint32Array>;
}

const MPG123_NEED_MORE = -10;
/** Maximum number of reads in a row without samples before a piece of input is given up. */
const MAX_IDLE_READS = 64;

function hasInternals(decoder: unknown): decoder is Mpg123Internals {
  const candidate = decoder as Partial<Mpg123Internals>;
  const wasm = candidate._common?.wasm;
  return (
    typeof wasm?.mpeg_frame_decoder_create === 'function' &&
    typeof wasm.mpeg_frame_decoder_destroy === 'function' &&
    typeof wasm.mpeg_decoder_feed === 'function' &&
    typeof wasm.mpeg_decoder_read === 'function' &&
    typeof candidate._common?.allocateTypedArray === 'function' &&
    typeof candidate._decoder === 'number' &&
    candidate._input?.buf instanceof Uint8Array &&
    candidate._output?.buf instanceof Float32Array &&
    candidate._samplesDecodedPtr?.buf instanceof Uint32Array &&
    candidate._sampleRatePtr?.buf instanceof Uint32Array &&
    candidate._errorStringPtr?.buf instanceof Uint32Array
  );
}

/**
 * Receives decoded audio: samples `start` to `end` of each channel array, the
 * first of them at sample `startSample` of the recording's timeline. The arrays
 * are views of the decoder's memory, valid only during the call, and the same
 * arrays come back for every frame of the same length, so that decoding an hour
 * allocates almost nothing.
 */
export type SampleReceiver = (
  channels: readonly Float32Array[],
  start: number,
  end: number,
  sampleRate: number,
  startSample: number,
) => void;

/**
 * Decodes the blocks of an MP3 file that `Mp3BlockSplitter` cut, each on a new
 * mpg123 stream so that blocks may come in any order, and hands over the
 * samples with their place on the timeline. Gapless mode is off: the encoder
 * delay is dropped through `skipSamples`, the same for every block.
 */
export class Mp3BlockDecoder {
  /** Timeline position, in samples, of the next continuation block's first sample. */
  private nextSample = 0;
  private readonly decoderSlot: WasmArray<Uint32Array>;
  private views: { frames: number; channels: readonly Float32Array[] } | undefined;

  private constructor(
    private readonly decoder: MPEGDecoder,
    private readonly internals: Mpg123Internals,
  ) {
    this.decoderSlot = internals._common.allocateTypedArray(1, Uint32Array);
  }

  static async create(): Promise<Mp3BlockDecoder> {
    const decoder = new MPEGDecoder({ enableGapless: false });
    await decoder.ready;
    if (!hasInternals(decoder)) {
      decoder.free();
      throw new Error('mpg123-decoder does not have the internals this page expects.');
    }
    return new Mp3BlockDecoder(decoder, decoder);
  }

  /** Decodes one block and returns the number of samples per channel it produced after its preroll. */
  decode(block: Mp3Block, format: Mp3StreamFormat, receive: SampleReceiver): number {
    const { samplesPerFrame, skipSamples } = format;
    if (block.firstFrame !== undefined) {
      this.restartStream();
      this.nextSample = block.firstFrame * samplesPerFrame - skipSamples;
    }
    let toDrop = block.prerollFrames * samplesPerFrame;
    let produced = 0;
    this.decodeBytes(block.bytes, (channels, frames, sampleRate) => {
      const start = Math.min(toDrop, frames);
      toDrop -= start;
      if (start === frames) {
        return;
      }
      receive(channels, start, frames, sampleRate, this.nextSample);
      this.nextSample += frames - start;
      produced += frames - start;
    });
    return produced;
  }

  free(): void {
    this.decoder.free();
  }

  /** Replaces the mpg123 stream with a new one, forgetting the previous block's state. */
  private restartStream(): void {
    const { wasm } = this.internals._common;
    // This frees the stream's memory too, so calling `free` on it as well would corrupt the heap.
    wasm.mpeg_frame_decoder_destroy(this.internals._decoder);
    const error = wasm.mpeg_frame_decoder_create(this.decoderSlot.ptr, 0);
    if (error !== 0) {
      throw new Error(`mpg123 could not start a new stream (error ${error}).`);
    }
    const handle = this.decoderSlot.buf[0];
    if (handle === undefined) {
      throw new Error('mpg123 returned no stream.');
    }
    // `free()` of the package destroys this field's stream.
    this.internals._decoder = handle;
  }

  /** Returns views of the two channels in mpg123's output, the same ones while `frames` stays the same. */
  private channelViews(frames: number): readonly Float32Array[] {
    const output = this.internals._output.buf;
    if (output.length < 2 * frames) {
      throw new Error('The memory of mpg123-decoder moved, so its output cannot be read.');
    }
    const views = this.views;
    if (
      views !== undefined &&
      views.frames === frames &&
      views.channels[0]?.buffer === output.buffer
    ) {
      return views.channels;
    }
    // mpg123-decoder writes the two channels one after the other, mono as two equal ones.
    const channels = [output.subarray(0, frames), output.subarray(frames, 2 * frames)];
    this.views = { frames, channels };
    return channels;
  }

  private decodeBytes(
    bytes: Uint8Array,
    receive: (channels: readonly Float32Array[], frames: number, sampleRate: number) => void,
  ): void {
    const { _common, _input, _output, _samplesDecodedPtr, _sampleRatePtr, _errorStringPtr } =
      this.internals;
    const { wasm } = _common;
    for (let offset = 0; offset < bytes.length; offset += _input.len) {
      const piece = bytes.subarray(offset, offset + _input.len);
      _input.buf.set(piece);
      let status = wasm.mpeg_decoder_feed(this.internals._decoder, _input.ptr, piece.length);
      // mpg123 is read until it needs more data. A damaged frame reports an error and
      // decoding goes on after it. A run of reads without samples ends the piece.
      let idleReads = 0;
      while (status !== MPG123_NEED_MORE && idleReads < MAX_IDLE_READS) {
        _samplesDecodedPtr.buf[0] = 0;
        status = wasm.mpeg_decoder_read(
          this.internals._decoder,
          _output.ptr,
          _output.len,
          _samplesDecodedPtr.ptr,
          _sampleRatePtr.ptr,
          _errorStringPtr.ptr,
        );
        const frames = _samplesDecodedPtr.buf[0] ?? 0;
        if (frames === 0) {
          idleReads += 1;
          continue;
        }
        idleReads = 0;
        receive(this.channelViews(frames), frames, _sampleRatePtr.buf[0] ?? 0);
      }
    }
  }
}
