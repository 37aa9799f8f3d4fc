/// <reference lib="webworker" />
// Decodes the MP3 blocks the peaks worker sends, in the order they arrive, and
// replies to each with the peaks of the buckets it reached.
import { Mp3PeaksDecoder } from './mp3-peaks';
import type { Mp3DecoderReply, Mp3DecoderRequest } from './peaks-messages';

declare const self: DedicatedWorkerGlobalScope;

let decoder: Promise<Mp3PeaksDecoder> | undefined;
/** Requests are handled one after another, so continuation blocks follow the block before them. */
let queue = Promise.resolve();

function reply(message: Mp3DecoderReply, transfer: Transferable[] = []): void {
  self.postMessage(message, transfer);
}

async function handle(request: Mp3DecoderRequest): Promise<void> {
  try {
    decoder ??= Mp3PeaksDecoder.create(request.durationSeconds, request.peaksPerSecond);
    const update = (await decoder).decode(request.block, request.format);
    const spent = request.block.bytes.buffer;
    reply({ type: 'decoded', id: request.id, update, spent }, [
      update.min.buffer,
      update.max.buffer,
      spent,
    ]);
  } catch (error: unknown) {
    console.warn(`Decoding MP3 block ${request.id} failed`, error);
    const message = error instanceof Error ? error.message : String(error);
    reply({ type: 'failed', id: request.id, message });
  }
}

self.addEventListener('message', (event: MessageEvent<Mp3DecoderRequest>) => {
  const request = event.data;
  queue = queue.then(() => handle(request));
});
