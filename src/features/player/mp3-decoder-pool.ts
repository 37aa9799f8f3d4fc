import type { Mp3Block, Mp3StreamFormat } from './mp3-frames';
import { Mp3PeaksDecoder, type PeaksUpdate } from './mp3-peaks';
import type { Mp3DecoderReply, Mp3DecoderRequest } from './peaks-messages';

/** Maximum number of blocks sent to one decoder and not yet returned, the one it is decoding included. */
const MAX_BLOCKS_PER_DECODER = 2;

interface BlockDecoder {
  /** Number of blocks sent and not yet returned. */
  readonly pending: number;
  /** Resolves with the block's peaks and its buffer, handed back to be filled again. */
  decode(block: Mp3Block, format: Mp3StreamFormat): Promise<DecodedBlock>;
  close(): void;
}

interface DecodedBlock {
  update: PeaksUpdate;
  spent: ArrayBuffer;
}

interface PeaksSize {
  durationSeconds: number;
  peaksPerSecond: number;
}

/** Decodes blocks in a worker of its own. */
class WorkerBlockDecoder implements BlockDecoder {
  private readonly worker = new Worker(new URL('./mp3-decoder.worker.ts', import.meta.url), {
    type: 'module',
  });
  private readonly replies = new Map<
    number,
    { resolve: (decoded: DecodedBlock) => void; reject: (error: Error) => void }
  >();
  private nextId = 0;

  constructor(private readonly size: PeaksSize) {
    this.worker.addEventListener('message', (event: MessageEvent<Mp3DecoderReply>) => {
      const message = event.data;
      const waiting = this.replies.get(message.id);
      this.replies.delete(message.id);
      if (message.type === 'decoded') {
        waiting?.resolve({ update: message.update, spent: message.spent });
      } else {
        waiting?.reject(new Error(message.message));
      }
    });
    this.worker.addEventListener('error', (event) => {
      event.preventDefault();
      this.failAll(new Error(`An MP3 decoder worker failed: ${event.message || 'unknown error'}`));
    });
    this.worker.addEventListener('messageerror', () => {
      this.failAll(new Error('An MP3 decoder worker sent a message that could not be read.'));
    });
  }

  get pending(): number {
    return this.replies.size;
  }

  decode(block: Mp3Block, format: Mp3StreamFormat): Promise<DecodedBlock> {
    const id = this.nextId;
    this.nextId += 1;
    return new Promise<DecodedBlock>((resolve, reject) => {
      this.replies.set(id, { resolve, reject });
      const request: Mp3DecoderRequest = { type: 'block', id, block, format, ...this.size };
      this.worker.postMessage(request, [block.bytes.buffer]);
    });
  }

  close(): void {
    this.worker.terminate();
    this.failAll(new Error('The MP3 decoder worker was stopped.'));
  }

  private failAll(error: Error): void {
    const waiting = [...this.replies.values()];
    this.replies.clear();
    waiting.forEach(({ reject }) => reject(error));
  }
}

/**
 * Resolves in a later task of the event loop, after the messages and reads
 * that are waiting. A MessageChannel is not throttled as nested timers are.
 */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(undefined);
  });
}

/**
 * Decodes blocks on the calling thread, one after another. Each block waits for
 * a task of its own, so the caller goes on reading the file and feeding the
 * workers meanwhile, and `pending` counts the block until it is done.
 */
class LocalBlockDecoder implements BlockDecoder {
  private decoder: Promise<Mp3PeaksDecoder> | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  pending = 0;

  constructor(private readonly size: PeaksSize) {}

  decode(block: Mp3Block, format: Mp3StreamFormat): Promise<DecodedBlock> {
    this.pending += 1;
    const result = this.queue.then(async () => {
      await nextTask();
      // Blocks still queued when the decoder is closed are not decoded.
      if (this.closed) {
        throw new Error('The MP3 decoder was stopped.');
      }
      this.decoder ??= Mp3PeaksDecoder.create(this.size.durationSeconds, this.size.peaksPerSecond);
      const update = (await this.decoder).decode(block, format);
      return { update, spent: block.bytes.buffer };
    });
    this.queue = result.catch(() => undefined);
    return result.finally(() => {
      this.pending -= 1;
    });
  }

  /** Frees mpg123 once the block being decoded, if any, is done. */
  close(): void {
    this.closed = true;
    void this.queue
      .then(() => this.decoder?.then((decoder) => decoder.free()))
      .catch(() => undefined);
  }
}

export interface Mp3DecoderPoolOptions extends PeaksSize {
  /** Maximum number of decoders side by side, this thread included. Where workers cannot start workers, only this thread decodes. */
  maxDecoders: number;
  /** Receives each block's peaks as it is decoded, and the block's buffer for reuse. */
  onUpdate: (update: PeaksUpdate, spent: ArrayBuffer) => void;
}

/**
 * Spreads MP3 blocks over several decoders and hands back their peaks. A new
 * decoder starts only when every running one is busy, so a short file uses
 * one. `submit` waits while the chosen decoder already holds
 * MAX_BLOCKS_PER_DECODER blocks, which keeps the file's bytes from piling up
 * when it arrives faster than it is decoded.
 */
export class Mp3DecoderPool {
  private readonly decoders: BlockDecoder[] = [];
  private last: BlockDecoder | undefined;
  private readonly running = new Set<Promise<void>>();
  /** Callers of `submit` waiting for room, woken whenever a block is done. */
  private waiting: (() => void)[] = [];
  /** The previous `submit`, so that overlapping calls send their blocks in call order. */
  private submitted: Promise<unknown> = Promise.resolve();
  private failure: Error | undefined;
  private closed = false;

  constructor(private readonly options: Mp3DecoderPoolOptions) {}

  /**
   * Sends a block to a decoder once one has room, and throws the first decoding
   * failure. Blocks are sent in the order of the calls, awaited or not.
   */
  submit(block: Mp3Block, format: Mp3StreamFormat): Promise<void> {
    const sent = this.submitted.then(() => this.sendWhenRoom(block, format));
    this.submitted = sent.catch(() => undefined);
    return sent;
  }

  private async sendWhenRoom(block: Mp3Block, format: Mp3StreamFormat): Promise<void> {
    for (;;) {
      if (this.failure !== undefined) {
        throw this.failure;
      }
      if (this.closed) {
        throw new Error('The MP3 decoders were stopped.');
      }
      // A continuation block must follow the block before it on the same decoder.
      const decoder =
        block.firstFrame === undefined && this.last !== undefined ? this.last : this.leastBusy();
      if (decoder.pending < MAX_BLOCKS_PER_DECODER) {
        this.send(decoder, block, format);
        return;
      }
      await new Promise<void>((resolve) => {
        this.waiting.push(resolve);
      });
    }
  }

  /** Waits for every block sent, and throws the first decoding failure. */
  async finish(): Promise<void> {
    while (this.running.size > 0) {
      await Promise.all(this.running);
    }
    if (this.failure !== undefined) {
      throw this.failure;
    }
  }

  close(): void {
    this.closed = true;
    this.decoders.forEach((decoder) => decoder.close());
    this.wakeAll();
  }

  private wakeAll(): void {
    const waiting = this.waiting;
    this.waiting = [];
    waiting.forEach((wake) => wake());
  }

  private leastBusy(): BlockDecoder {
    const idle = this.decoders.find((decoder) => decoder.pending === 0);
    if (idle !== undefined) {
      return idle;
    }
    const limit = typeof Worker === 'undefined' ? 1 : Math.max(1, this.options.maxDecoders);
    if (this.decoders.length < limit) {
      const size = {
        durationSeconds: this.options.durationSeconds,
        peaksPerSecond: this.options.peaksPerSecond,
      };
      // The first decoder runs on this thread, which otherwise only reads the file and
      // merges peaks. Each further one is a worker.
      const decoder =
        this.decoders.length === 0 ? new LocalBlockDecoder(size) : new WorkerBlockDecoder(size);
      this.decoders.push(decoder);
      return decoder;
    }
    return this.decoders.reduce((best, decoder) =>
      decoder.pending < best.pending ? decoder : best,
    );
  }

  private send(decoder: BlockDecoder, block: Mp3Block, format: Mp3StreamFormat): void {
    this.last = decoder;
    const job = decoder
      .decode(block, format)
      .then(({ update, spent }) => {
        if (!this.closed) {
          this.options.onUpdate(update, spent);
        }
      })
      .catch((error: unknown) => {
        this.failure ??= error instanceof Error ? error : new Error(String(error));
      })
      .finally(() => {
        this.running.delete(job);
        this.wakeAll();
      });
    this.running.add(job);
  }
}
