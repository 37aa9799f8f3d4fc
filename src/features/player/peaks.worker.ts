/// <reference lib="webworker" />
// Streams a recording over HTTP range requests, decodes it piece by piece
// and posts min/max peaks as they are computed. Decoded audio is dropped block
// by block, so memory stays flat however long the recording is.
import { ALL_FORMATS, AudioSampleSink, Input, UrlSource } from 'mediabunny';

import type { PeaksRequest, PeaksWorkerMessage, PeaksFailureReason } from './peaks-messages';
import { createPeaksAccumulator, foldSamples, peaksPerSecondFor } from './peaks-reducer';

declare const self: DedicatedWorkerGlobalScope;

type StartRequest = Extract<PeaksRequest, { type: 'start' }>;

/** How often progress is posted, in milliseconds. */
const POST_INTERVAL_MS = 250;
/** Bytes of file data mediabunny may keep in memory. */
const READ_CACHE_BYTES = 8 * 1024 * 1024;

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
    if (!(await track.canDecode())) {
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

    let pendingFrom = Number.POSITIVE_INFINITY;
    let pendingTo = -1;
    let lastPost = performance.now();
    const flush = () => {
      if (pendingTo <= pendingFrom) {
        return;
      }
      const min = accumulator.min.slice(pendingFrom, pendingTo);
      const max = accumulator.max.slice(pendingFrom, pendingTo);
      post({ type: 'chunk', from: pendingFrom, min, max }, [min.buffer, max.buffer]);
      pendingFrom = Number.POSITIVE_INFINITY;
      pendingTo = -1;
      lastPost = performance.now();
    };

    const sink = new AudioSampleSink(track);
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
        const range = foldSamples(accumulator, views, sample.sampleRate, sample.timestamp);
        if (range.to > range.from) {
          pendingFrom = Math.min(pendingFrom, range.from);
          pendingTo = Math.max(pendingTo, range.to);
        }
      } finally {
        sample.close();
      }
      if (performance.now() - lastPost >= POST_INTERVAL_MS) {
        flush();
      }
    }
    flush();
    post({ type: 'done' });
  } finally {
    input.dispose();
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
