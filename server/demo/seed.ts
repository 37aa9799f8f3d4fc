import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { EmulatorContext } from '../app.ts';
import { commitTempFile, tempPathFor } from '../media/atomic-file.ts';
import { EMULATOR_OWNER } from '../media/import-recording.ts';
import { probeMedia, type ProbeResult } from '../media/probe.ts';
import type { RecordingRow } from '../store/recordings-store.ts';
import type { Conversation } from '../types.ts';

/** Folder of the committed demo clips; `scripts/make-demo-clips.sh` regenerates them. */
export const DEMO_CLIPS_DIR = fileURLToPath(new URL('./clips/', import.meta.url));

export const DEMO_CLIPS = [
  'callback-request.opus',
  'delivery-update.opus',
  'meeting-moved.opus',
  'support-ticket.opus',
  'voicemail-greeting.opus',
] as const;

/** Source of a recording added without `sourceFile`. */
export const DEFAULT_DEMO_CLIP = join(DEMO_CLIPS_DIR, DEMO_CLIPS[0]);

/** File in the data folder that exists while the long demo recording is still to be made. */
const LONG_DEMO_PENDING_MARKER = 'long-demo-pending';

/** Default length of the long demo recording generated in the background, in seconds. */
export const LONG_DEMO_SECONDS = 60 * 60;

export interface RecordingSpec {
  name: string;
  read?: boolean;
  /** ISO 8601 date-time in UTC; defaults to now. */
  dateCreated?: string;
  conversation?: Conversation | null;
  /** Audio file to import; defaults to a demo clip. */
  sourceFile?: string;
  /**
   * Makes the recording this long, in seconds, by repeating the source with two
   * seconds of silence after each repetition. The result is cached in the data
   * folder's `cache/` folder, so later recordings of the same source and length
   * only copy it.
   */
  durationSeconds?: number;
}

/** Measurements by content hash, so a source imported many times is decoded once. */
const probeCache = new Map<string, Promise<ProbeResult>>();
/** Generated long sources by path, so concurrent requests for one are made once. */
const loopedSources = new Map<string, Promise<string>>();

async function contentHash(path: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
}

function probeOnce(path: string, hash: string, signal?: AbortSignal): Promise<ProbeResult> {
  let probe = probeCache.get(hash);
  if (probe === undefined) {
    probe = probeMedia(path, { signal });
    probeCache.set(hash, probe);
    probe.catch(() => probeCache.delete(hash));
  }
  return probe;
}

/** Seconds of silence after each repetition of a looped source. */
const LOOP_PAUSE_SECONDS = 2;

/**
 * Writes `seconds` of audio to `output`: the source repeated, each time followed by
 * a pause, as 16 kHz mono Opus at 24 kb/s in Ogg. Written to a temporary name and
 * renamed when complete.
 */
async function generateLoopedAudio(
  context: EmulatorContext,
  source: string,
  sourceDurationMs: number,
  seconds: number,
  output: string,
  signal?: AbortSignal,
): Promise<void> {
  const sampleRate = 16_000;
  const periodSamples = Math.round((sourceDurationMs / 1000 + LOOP_PAUSE_SECONDS) * sampleRate);
  const filter = [
    `aresample=${sampleRate}`,
    'aformat=channel_layouts=mono',
    `apad=pad_dur=${LOOP_PAUSE_SECONDS}`,
    `atrim=end_sample=${periodSamples}`,
    `aloop=loop=-1:size=${periodSamples}`,
    `atrim=duration=${seconds}`,
  ].join(',');
  const tempPath = tempPathFor(output);
  try {
    await context.media.runFfmpeg(
      [
        '-hide_banner',
        '-nostdin',
        '-nostats',
        '-v',
        'error',
        '-y',
        '-i',
        source,
        '-map',
        '0:a:0',
        '-af',
        filter,
        '-c:a',
        'libopus',
        '-b:a',
        '24k',
        '-application',
        'voip',
        // The fastest encoder setting: about 3x faster than the default 10 for an
        // hour of speech, at slightly lower quality, which test audio can spare.
        '-compression_level',
        '0',
        '-f',
        'ogg',
        tempPath,
      ],
      signal,
    );
    signal?.throwIfAborted();
    await commitTempFile(tempPath, output);
  } catch (error) {
    await rm(tempPath, { force: true });
    throw error;
  }
}

async function loopedSource(
  context: EmulatorContext,
  source: string,
  seconds: number,
  signal?: AbortSignal,
): Promise<string> {
  const hash = await contentHash(source);
  const folder = join(context.config.dataDir, 'cache');
  const output = join(folder, `${hash.slice(0, 16)}-${seconds}s.opus`);
  let pending = loopedSources.get(output);
  if (pending === undefined) {
    pending = (async () => {
      if (!existsSync(output)) {
        await mkdir(folder, { recursive: true });
        const probe = await probeOnce(source, hash, signal);
        await generateLoopedAudio(context, source, probe.durationMs, seconds, output, signal);
      }
      return output;
    })();
    loopedSources.set(output, pending);
    pending.catch(() => loopedSources.delete(output));
  }
  return pending;
}

/**
 * Adds a recording through the emulator's media service and returns its row. Each
 * recording gets its own copy of the audio, so deleting one never affects another.
 * The audio of a source already seen is not decoded again.
 */
export async function addRecording(
  context: EmulatorContext,
  spec: RecordingSpec,
  signal?: AbortSignal,
): Promise<RecordingRow> {
  let source = spec.sourceFile ?? DEFAULT_DEMO_CLIP;
  if (spec.durationSeconds !== undefined) {
    if (!(spec.durationSeconds > 0)) {
      throw new RangeError(`durationSeconds must be positive, not ${spec.durationSeconds}.`);
    }
    source = await loopedSource(context, source, spec.durationSeconds, signal);
  }
  const hash = await contentHash(source);
  const probe = await probeOnce(source, hash, signal);
  return context.media.importFile(
    source,
    {
      name: spec.name,
      read: spec.read,
      dateCreated: spec.dateCreated,
      conversation: spec.conversation,
      probe,
    },
    signal,
  );
}

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** Builds a phone call between the emulator's user and one caller, lasting `durationMs`. */
function demoConversation(
  start: Date,
  durationMs: number,
  caller: { name: string; address: string },
  direction: 'inbound' | 'outbound',
): Conversation {
  const id = randomUUID();
  const startTime = start.toISOString();
  const endTime = new Date(start.getTime() + durationMs).toISOString();
  return {
    id,
    name: `Call with ${caller.name}`,
    startTime,
    endTime,
    address: caller.address,
    participants: [
      {
        id: randomUUID(),
        name: caller.name,
        address: caller.address,
        purpose: 'customer',
        startTime,
        endTime,
        state: 'disconnected',
        direction,
      },
      {
        id: EMULATOR_OWNER.userId,
        name: EMULATOR_OWNER.userName,
        purpose: 'user',
        startTime,
        endTime,
        state: 'disconnected',
        direction,
      },
    ],
    recordingState: 'NONE',
    state: 'disconnected',
    selfUri: `/api/v2/conversations/${id}`,
  };
}

interface DemoEntry {
  clip: (typeof DEMO_CLIPS)[number];
  name: string;
  daysAgo: number;
  read: boolean;
  caller?: { name: string; address: string; direction: 'inbound' | 'outbound' };
}

const DEMO_ENTRIES: readonly DemoEntry[] = [
  {
    clip: 'callback-request.opus',
    name: 'Callback request from Dana (accounts)',
    daysAgo: 0.2,
    read: false,
    caller: { name: 'Dana Whitfield', address: 'tel:+13175550142', direction: 'inbound' },
  },
  {
    clip: 'delivery-update.opus',
    name: 'Delivery update',
    daysAgo: 2.5,
    read: false,
  },
  {
    clip: 'meeting-moved.opus',
    name: 'Project meeting moved to 3 pm',
    daysAgo: 6,
    read: true,
  },
  {
    clip: 'support-ticket.opus',
    name: 'Support ticket 48213 resolved',
    daysAgo: 11,
    read: true,
    caller: { name: 'Helpdesk', address: 'tel:+442079460018', direction: 'outbound' },
  },
  {
    clip: 'voicemail-greeting.opus',
    name: 'Sales team greeting – draft',
    daysAgo: 20,
    read: false,
  },
];

const LONG_DEMO_NAME = 'Quarterly planning call';

/**
 * Seeds the demo recordings when `config.seed` is `demo` and the store is empty:
 * the short clips at once, then one recording of an hour generated in the
 * background and added when complete. Closing the emulator cancels that
 * generation and leaves no partial file or row.
 */
export async function seedDemoIfEmpty(
  context: EmulatorContext,
  options: { longRecordingSeconds?: number } = {},
): Promise<void> {
  const longSeconds = options.longRecordingSeconds ?? LONG_DEMO_SECONDS;
  const { config, store } = context;
  if (config.seed !== 'demo') {
    return;
  }
  const pendingMarker = join(config.dataDir, LONG_DEMO_PENDING_MARKER);
  if (store.count() > 0) {
    // A previous start seeded the clips but stopped before the long recording was complete.
    if (existsSync(pendingMarker)) {
      startLongDemo(context, longSeconds, pendingMarker);
    }
    return;
  }
  const now = Date.now();
  for (const entry of DEMO_ENTRIES) {
    const created = new Date(now - entry.daysAgo * DAY_MS);
    const source = join(DEMO_CLIPS_DIR, entry.clip);
    const hash = await contentHash(source);
    const probe = await probeOnce(source, hash);
    await addRecording(context, {
      name: entry.name,
      read: entry.read,
      dateCreated: created.toISOString(),
      sourceFile: source,
      conversation:
        entry.caller === undefined
          ? null
          : demoConversation(
              new Date(created.getTime() - probe.durationMs),
              probe.durationMs,
              entry.caller,
              entry.caller.direction,
            ),
    });
  }

  await writeFile(pendingMarker, '');
  startLongDemo(context, longSeconds, pendingMarker);
}

/**
 * Generates the long demo recording in the background and removes the marker
 * file once it is stored, so a start interrupted before then makes it again.
 */
function startLongDemo(context: EmulatorContext, longSeconds: number, pendingMarker: string): void {
  const { config, media } = context;
  const longCreated = new Date(Date.now() - 3 * DAY_MS);
  media.runInBackground('long demo recording', async (signal) => {
    const folder = join(config.dataDir, 'cache');
    await mkdir(folder, { recursive: true });
    const output = join(folder, `long-demo-${randomUUID()}.opus`);
    try {
      const source = join(DEMO_CLIPS_DIR, 'support-ticket.opus');
      const probe = await probeOnce(source, await contentHash(source), signal);
      await generateLoopedAudio(context, source, probe.durationMs, longSeconds, output, signal);
      const row = await media.importFile(
        output,
        {
          name: LONG_DEMO_NAME,
          read: false,
          dateCreated: longCreated.toISOString(),
          conversation: demoConversation(
            new Date(longCreated.getTime() - longSeconds * 1000),
            longSeconds * 1000,
            { name: 'Planning team', address: 'tel:+13175550199' },
            'outbound',
          ),
        },
        signal,
      );
      await rm(pendingMarker, { force: true });
      return { recordingId: row.id, durationMs: row.duration_ms };
    } finally {
      await rm(output, { force: true });
    }
  });
}
