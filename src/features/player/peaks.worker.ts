/// <reference lib="webworker" />
// Streams a recording over HTTP range requests, decodes it piece by piece
// and posts min/max peaks as they are computed. Decoded audio is dropped block
// by block, so memory stays flat however long the recording is.
import { ALL_FORMATS, AudioSampleSink, Input, UrlSource } from 'mediabunny';

import type { PeaksRequest, PeaksWorkerMessage, PeaksFailureReason } from './peaks-messages';
import { createPeaksAccumulator, foldSamples, peaksPerSecondFor } from './peaks-reducer';

declare const self: DedicatedWorkerGlobalScope;

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

const fetchChecked: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  if (response.status >= 400) {
    await response.body?.cancel();
    throw new HttpStatusError(response.status);
  }
  return response;
};

async function computePeaks(request: PeaksRequest): Promise<void> {
  const input = new Input({
    formats: ALL_FORMATS,
    source: new UrlSource(request.url, {
      fetchFn: fetchChecked,
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
    return error.status === 403 || error.status === 404
      ? { reason: 'expired', message: 'The media link expired before the waveform was read.' }
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
  if (event.data.type !== 'start') {
    return;
  }
  computePeaks(event.data).catch((error: unknown) => {
    post({ type: 'error', ...describeFailure(error) });
  });
});
