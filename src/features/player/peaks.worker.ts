/// <reference lib="webworker" />
// Streams a recording over HTTP, decodes it piece by piece and posts min/max
// peaks as they are computed. Decoded audio is dropped block by block, so
// memory stays flat however long the recording is.
import {
  ALL_FORMATS,
  AudioSampleSink,
  Input,
  Mp3InputFormat,
  UrlSource,
  type InputAudioTrack,
} from 'mediabunny';
import { MPEGDecoder } from 'mpg123-decoder';

import type { PeaksRequest, PeaksWorkerMessage, PeaksFailureReason } from './peaks-messages';
import {
  createPeaksAccumulator,
  foldSamples,
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
/**
 * Maximum MP3 bytes passed to mpg123 per call, about 1.5 s of audio at 87 kb/s. Each call
 * returns new arrays, and in the benchmark 16 KiB left less garbage than 64 KiB and ran faster.
 */
const MP3_BYTES_PER_CALL = 16 * 1024;

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
  const input = new Input({
    formats: ALL_FORMATS,
    source: new UrlSource(request.url, {
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
    // mpg123 decodes a plain MP3 file itself, so it needs no WebCodecs.
    const plainMp3 = track.codec === 'mp3' && (await input.getFormat()) instanceof Mp3InputFormat;
    if (!plainMp3 && !(await track.canDecode())) {
      const codec = track.codec ?? 'unknown';
      throw typeof AudioDecoder === 'undefined'
        ? new PeaksError(
            'no-webcodecs',
            `This page cannot decode ${codec} audio: the browser offers WebCodecs only on https or localhost.`,
          )
        : new PeaksError('codec', `This browser cannot decode ${codec} audio for the waveform.`);
    }

    const peaksPerSecond = peaksPerSecondFor(request.durationSeconds);
    const accumulator = createPeaksAccumulator(request.durationSeconds, peaksPerSecond);
    post({ type: 'init', length: accumulator.min.length, peaksPerSecond });

    const progress = new ProgressPoster(accumulator);
    if (plainMp3) {
      await foldMp3Stream(progress);
    } else {
      await foldWithSampleSink(track, progress);
    }
    progress.flush();
    post({ type: 'done' });
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
 * decodes many frames per call, in less than half that time there. Its peaks of
 * that file differ from those of ffmpeg's decode by 4e-7 or less in 99% of buckets.
 *
 * NOTE: samples are placed by counting decoded frames from the start of the
 * file, so data that mpg123 skips as corrupt shifts the rest of the waveform
 * earlier by that much.
 */
async function foldMp3Stream(progress: ProgressPoster): Promise<void> {
  const response = await fetchRenewing(currentUrl);
  if (response.body === null) {
    throw new PeaksError('network', 'The media server sent an empty response for the file.');
  }
  const reader = response.body.getReader();
  // Gapless mode drops the encoder delay and padding as ffmpeg does, so the peaks line up with
  // the audio element's timeline (Chromium plays MP3 through ffmpeg).
  const decoder = new MPEGDecoder({ enableGapless: true });
  try {
    await decoder.ready;
    let decodedFrames = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        break;
      }
      for (let offset = 0; offset < value.length; offset += MP3_BYTES_PER_CALL) {
        const decoded = decoder.decode(value.subarray(offset, offset + MP3_BYTES_PER_CALL));
        const frames = decoded.samplesDecoded;
        if (frames === 0) {
          continue;
        }
        const channels = decoded.channelData.map((channel) => channel.subarray(0, frames));
        const startSeconds = decodedFrames / decoded.sampleRate;
        progress.add(foldSamples(progress.accumulator, channels, decoded.sampleRate, startSeconds));
        decodedFrames += frames;
      }
      progress.flushIfDue();
    }
    if (decodedFrames === 0) {
      throw new PeaksError('format', 'The file contains no MP3 audio that could be decoded.');
    }
  } finally {
    await reader.cancel().catch(() => undefined);
    decoder.free();
  }
}

/** Decodes with mediabunny and WebCodecs, one decoded block at a time. */
async function foldWithSampleSink(track: InputAudioTrack, progress: ProgressPoster): Promise<void> {
  const channels: Float32Array[] = [];
  for await (const sample of new AudioSampleSink(track).samples()) {
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
