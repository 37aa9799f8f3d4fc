/// <reference lib="webworker" />
// Streams a recording over HTTP, decodes it piece by piece and posts min/max
// peaks as they are computed. Decoded audio is dropped block by block, so
// memory stays flat however long the recording is.
import type { AudioSampleSink } from 'mediabunny';

import { Mp3DecoderPool } from './mp3-decoder-pool';
import { Mp3BlockSplitter, scanId3v2Tags, sniffMpegAudio } from './mp3-frames';
import type { PeaksRequest, PeaksWorkerMessage, PeaksFailureReason } from './peaks-messages';
import {
  createPeaksAccumulator,
  foldSamples,
  mergePeaks,
  peaksPerSecondFor,
  type PeaksAccumulator,
  type PeaksRange,
} from './peaks-reducer';

declare const self: DedicatedWorkerGlobalScope;

type StartRequest = Extract<PeaksRequest, { type: 'start' }>;

/** How often progress is posted, in milliseconds. */
const POST_INTERVAL_MS = 250;
/** Bytes of file data mediabunny may keep in memory. */
const READ_CACHE_BYTES = 8 * 1024 * 1024;
/** Bytes of MP3 frames per block, about 24 s of audio at 87 kb/s. */
const MP3_BLOCK_BYTES = 256 * 1024;
/**
 * Frames of the previous block each block starts with. On the benchmark file mpg123
 * needed about four to fill its bit reservoir and filter bank. After them its
 * samples matched those of an uninterrupted decode to 2e-7.
 */
const MP3_PREROLL_FRAMES = 10;
/** Maximum number of MP3 decoders. Only two were measured, on a 2-core machine. */
const MAX_MP3_DECODERS = 4;

function post(message: PeaksWorkerMessage, transfer: Transferable[] = []): void {
  self.postMessage(message, transfer);
}

class PeaksError extends Error {
  constructor(
    readonly reason: PeaksFailureReason,
    message: string,
  ) {
    super(message);
  }
}

/** Thrown by the fetch wrapper so that HTTP failures carry their status. */
class HttpStatusError extends Error {
  constructor(readonly status: number) {
    super(`The media server answered ${status}.`);
  }
}

function isRejectedStatus(status: number): boolean {
  return status === 403 || status === 404;
}

/** The URL requests go to; replaced when the page hands over a renewed one. */
let currentUrl = '';
/** The page's pending reply to a 'url-rejected' message, shared by concurrent requests. */
let urlAnswer:
  { promise: Promise<string | undefined>; resolve: (url: string | undefined) => void } | undefined;

/** Asks the page for a URL in place of a rejected one; signed media URLs expire. */
function requestFreshUrl(rejectedUrl: string): Promise<string | undefined> {
  if (urlAnswer === undefined) {
    let resolve: (url: string | undefined) => void = () => undefined;
    const promise = new Promise<string | undefined>((done) => {
      resolve = done;
    });
    urlAnswer = { promise, resolve };
    post({ type: 'url-rejected', url: rejectedUrl });
  }
  return urlAnswer.promise;
}

/**
 * Fetches from the current URL rather than the one mediabunny was given, and
 * on a rejection (403, 404) requests a new URL from the page and repeats the request
 * once. HTTP failures are thrown as HttpStatusError.
 */
const fetchRenewing: typeof fetch = async (_input, init) => {
  const url = currentUrl;
  let response = await fetch(url, init);
  if (isRejectedStatus(response.status)) {
    await response.body?.cancel();
    // Another request may have renewed the URL while this one was under way.
    const fresh = currentUrl !== url ? currentUrl : await requestFreshUrl(url);
    if (fresh === undefined) {
      throw new HttpStatusError(response.status);
    }
    currentUrl = fresh;
    response = await fetch(fresh, init);
  }
  if (response.status >= 400) {
    await response.body?.cancel();
    throw new HttpStatusError(response.status);
  }
  return response;
};

async function computePeaks(request: StartRequest): Promise<void> {
  currentUrl = request.url;
  const peaksPerSecond = peaksPerSecondFor(request.durationSeconds);
  const accumulator = createPeaksAccumulator(request.durationSeconds, peaksPerSecond);
  const progress = new ProgressPoster(accumulator);
  const announce = () => post({ type: 'init', length: accumulator.min.length, peaksPerSecond });

  // A plain MP3 file goes to mpg123 as it streams in, and anything else to mediabunny.
  const response = await fetchRenewing(currentUrl);
  if (response.body === null) {
    throw new PeaksError('network', 'The media server sent an empty response for the file.');
  }
  const reader = openByteReader(response.body);
  const start = await readUntilKnown(reader);
  if (start.kind === 'mpeg') {
    announce();
    await foldMp3Stream(progress, request.durationSeconds, reader, start.bytes);
  } else {
    await reader.cancel();
    await foldWithMediabunny(progress, announce);
  }
  progress.flush();
  post({ type: 'done' });
}

/** Bytes read after any ID3v2 tag to tell MPEG audio from other formats. */
const SNIFF_LIMIT_BYTES = 64 * 1024;
/** Largest ID3v2 tag read through before the file is handed to mediabunny. */
const MAX_TAG_BYTES = 16 * 1024 * 1024;

/**
 * Reads the start of the file until it is known whether it is MPEG audio. An
 * ID3v2 tag, which can hold large pictures, is read through first.
 */
async function readUntilKnown(
  reader: ByteReader,
): Promise<{ kind: 'mpeg' | 'other'; bytes: Uint8Array }> {
  let buffer = new Uint8Array(SNIFF_LIMIT_BYTES);
  let used = 0;
  for (;;) {
    const chunk = await reader.read();
    if (chunk !== undefined) {
      if (used + chunk.length > buffer.length) {
        const grown = new Uint8Array(2 * (used + chunk.length));
        grown.set(buffer.subarray(0, used));
        buffer = grown;
      }
      buffer.set(chunk, used);
      used += chunk.length;
    }
    const bytes = buffer.subarray(0, used);
    const verdict = sniffMpegAudio(bytes);
    if (verdict !== 'more') {
      return { kind: verdict, bytes };
    }
    const tagsEnd = Math.min(scanId3v2Tags(bytes).end, MAX_TAG_BYTES);
    if (chunk === undefined || used >= tagsEnd + SNIFF_LIMIT_BYTES) {
      return { kind: 'other', bytes };
    }
  }
}

/** Decodes any other format with mediabunny and WebCodecs, reading the file as mediabunny needs it. */
async function foldWithMediabunny(progress: ProgressPoster, announce: () => void): Promise<void> {
  // Loaded only here: an MP3 file, the common case, never needs it.
  const { ALL_FORMATS, AudioSampleSink, Input, UrlSource } = await import('mediabunny');
  const input = new Input({
    formats: ALL_FORMATS,
    source: new UrlSource(currentUrl, {
      fetchFn: fetchRenewing,
      maxCacheSize: READ_CACHE_BYTES,
      // Two retries for flaky networks; HTTP errors and CORS refusals are final.
      getRetryDelay: (attempts, error) =>
        error instanceof HttpStatusError || attempts >= 2 ? null : attempts + 1,
    }),
  });
  try {
    const track = await input.getPrimaryAudioTrack();
    if (track === null) {
      throw new PeaksError('format', 'The file has no audio track.');
    }
    if (!(await track.canDecode())) {
      const codec = track.codec ?? 'unknown';
      throw typeof AudioDecoder === 'undefined'
        ? new PeaksError(
            'no-webcodecs',
            `This page cannot decode ${codec} audio: the browser offers WebCodecs only on https or localhost.`,
          )
        : new PeaksError('codec', `This browser cannot decode ${codec} audio for the waveform.`);
    }
    announce();
    await foldWithSampleSink(new AudioSampleSink(track), progress);
  } finally {
    input.dispose();
  }
}

/**
 * Collects the buckets changed since the last post and posts them, as
 * transferred copies, at most every POST_INTERVAL_MS.
 */
class ProgressPoster {
  private from = Number.POSITIVE_INFINITY;
  private to = -1;
  private lastPost = performance.now();

  constructor(readonly accumulator: PeaksAccumulator) {}

  add(range: PeaksRange): void {
    if (range.to > range.from) {
      this.from = Math.min(this.from, range.from);
      this.to = Math.max(this.to, range.to);
    }
  }

  flushIfDue(): void {
    if (performance.now() - this.lastPost >= POST_INTERVAL_MS) {
      this.flush();
    }
  }

  flush(): void {
    if (this.to <= this.from) {
      return;
    }
    const min = this.accumulator.min.slice(this.from, this.to);
    const max = this.accumulator.max.slice(this.from, this.to);
    post({ type: 'chunk', from: this.from, min, max }, [min.buffer, max.buffer]);
    this.from = Number.POSITIVE_INFINITY;
    this.to = -1;
    this.lastPost = performance.now();
  }
}

/**
 * Decodes an MP3 file with mpg123 compiled to WebAssembly, reading it in one
 * streamed GET. Chromium 156's WebCodecs AudioDecoder takes one MP3 frame per
 * chunk (it rejects several) and needed about 0.12 ms for each, so 18 s for the
 * 149,000 frames of a 65-minute file (`npm run bench:player`, 2-core VM). mpg123
 * needs about 5 s on one core there.
 *
 * The stream is cut into blocks of whole frames, which up to one decoder per core
 * decodes side by side: this worker's own thread and decoder workers. Each block repeats the last frames of the one
 * before it, so every decoder starts in the state an uninterrupted decode would
 * have, and the frame count places its samples exactly on the timeline.
 */
async function foldMp3Stream(
  progress: ProgressPoster,
  durationSeconds: number,
  reader: ByteReader,
  firstBytes: Uint8Array,
): Promise<void> {
  const splitter = new Mp3BlockSplitter({
    blockBytes: MP3_BLOCK_BYTES,
    prerollFrames: MP3_PREROLL_FRAMES,
  });
  const { accumulator } = progress;
  let decodedBuckets = 0;
  const pool = new Mp3DecoderPool({
    maxDecoders: Math.min(MAX_MP3_DECODERS, navigator.hardwareConcurrency || 1),
    durationSeconds,
    peaksPerSecond: accumulator.peaksPerSecond,
    onUpdate: (update, spent) => {
      splitter.recycle(spent);
      decodedBuckets += update.min.length;
      progress.add(mergePeaks(accumulator, update.from, update.min, update.max));
      progress.flushIfDue();
    },
  });
  // Until the first frame is found, the only block that can go out starts the file.
  const formatOf = () => splitter.format ?? { samplesPerFrame: 1152, skipSamples: 0 };
  try {
    for (
      let chunk: Uint8Array | undefined = firstBytes;
      chunk !== undefined;
      chunk = await reader.read()
    ) {
      for (const block of splitter.push(chunk)) {
        await pool.submit(block, formatOf());
      }
    }
    for (const block of splitter.finish()) {
      await pool.submit(block, formatOf());
    }
    await pool.finish();
    if (decodedBuckets === 0) {
      throw new PeaksError('format', 'The file contains no MP3 audio that could be decoded.');
    }
  } finally {
    pool.close();
    await reader.cancel();
  }
}

/** Bytes read from the network at a time. */
const READ_BYTES = 64 * 1024;

/**
 * Opens a response body for reading into one reused buffer, where the browser
 * offers a BYOB reader for it. Otherwise each read returns a new array.
 */
interface ByteReader {
  /** The next bytes, undefined at the end. The array is valid until the next read. */
  read: () => Promise<Uint8Array | undefined>;
  cancel: () => Promise<void>;
}

function openByteReader(body: ReadableStream<Uint8Array>): ByteReader {
  let byob: ReadableStreamBYOBReader | undefined;
  try {
    byob = body.getReader({ mode: 'byob' });
  } catch {
    byob = undefined;
  }
  if (byob !== undefined) {
    const reader = byob;
    let buffer = new ArrayBuffer(READ_BYTES);
    return {
      read: async () => {
        const { done, value } = await reader.read(new Uint8Array(buffer));
        if (value !== undefined) {
          // The read hands the memory back in a new ArrayBuffer, which the next read fills.
          buffer = value.buffer;
        }
        return done ? undefined : value;
      },
      cancel: () => reader.cancel().catch(() => undefined),
    };
  }
  const reader = body.getReader();
  return {
    read: async () => {
      const { done, value } = await reader.read();
      return done ? undefined : value;
    },
    cancel: () => reader.cancel().catch(() => undefined),
  };
}

/** Decodes with mediabunny and WebCodecs, one decoded block at a time. */
async function foldWithSampleSink(sink: AudioSampleSink, progress: ProgressPoster): Promise<void> {
  const channels: Float32Array[] = [];
  for await (const sample of sink.samples()) {
    try {
      const frames = sample.numberOfFrames;
      for (let index = 0; index < sample.numberOfChannels; index += 1) {
        let channel = channels[index];
        if (channel === undefined || channel.length < frames) {
          channel = new Float32Array(frames);
          channels[index] = channel;
        }
        sample.copyTo(channel, { planeIndex: index, format: 'f32-planar', frameCount: frames });
      }
      const views = channels
        .slice(0, sample.numberOfChannels)
        .map((channel) => (channel.length === frames ? channel : channel.subarray(0, frames)));
      progress.add(foldSamples(progress.accumulator, views, sample.sampleRate, sample.timestamp));
    } finally {
      sample.close();
    }
    progress.flushIfDue();
  }
}

function describeFailure(error: unknown): { reason: PeaksFailureReason; message: string } {
  if (error instanceof PeaksError) {
    return { reason: error.reason, message: error.message };
  }
  if (error instanceof HttpStatusError) {
    return isRejectedStatus(error.status)
      ? {
          reason: 'expired',
          message: `The media server rejected the file link (HTTP ${error.status}), also after a new one was requested, so the waveform stopped.`,
        }
      : { reason: 'network', message: error.message };
  }
  if (error instanceof TypeError) {
    // fetch rejects with a TypeError for network failures and CORS refusals alike.
    return {
      reason: 'network',
      message:
        'The media server does not let this page read the file (no CORS headers, or the network failed), so no waveform can be drawn.',
    };
  }
  const text = error instanceof Error ? error.message : String(error);
  return { reason: 'other', message: `The waveform could not be computed: ${text}` };
}

self.addEventListener('message', (event: MessageEvent<PeaksRequest>) => {
  const message = event.data;
  switch (message.type) {
    case 'start':
      computePeaks(message).catch((error: unknown) => {
        post({ type: 'error', ...describeFailure(error) });
      });
      break;
    case 'url': {
      const answer = urlAnswer;
      urlAnswer = undefined;
      answer?.resolve(message.url);
      break;
    }
  }
});
