import { rm } from 'node:fs/promises';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { bundledFfmpegPath, type MediaTools } from './ffmpeg.ts';
import { probeMedia, UndecodableMediaError } from './probe.ts';
import { makeAudioCases, type AudioCases } from './testing/audio-cases.ts';

const BUNDLED: MediaTools = { ffmpeg: bundledFfmpegPath(), ffprobe: undefined };

const CODECS: Record<string, { container: string; codec: string }> = {
  'nodur.webm': { container: 'matroska,webm', codec: 'opus' },
  'voice.opus': { container: 'ogg', codec: 'opus' },
  'voice.ogg': { container: 'ogg', codec: 'vorbis' },
  'ulaw8k.wav': { container: 'wav', codec: 'pcm_mulaw' },
  'alaw8k.wav': { container: 'wav', codec: 'pcm_alaw' },
  'gsm8k.wav': { container: 'wav', codec: 'gsm_ms' },
  'vbr-noxing.mp3': { container: 'mp3', codec: 'mp3' },
};

let audio: AudioCases;

beforeAll(async () => {
  audio = await makeAudioCases();
});

afterAll(async () => {
  await rm(audio.folder, { recursive: true, force: true });
});

describe.each([
  ['system ffmpeg and ffprobe', undefined],
  ['bundled ffmpeg without ffprobe', BUNDLED],
] as const)('probeMedia with %s', (_label, tools) => {
  it('measures every case by decoding', async () => {
    for (const [name, audioCase] of Object.entries(audio.cases)) {
      const probe = await probeMedia(audioCase.file, { tools });
      expect(Math.abs(probe.durationMs / 1000 - audioCase.expectedSeconds), name).toBeLessThan(0.1);
    }
  });

  it('reports container and codec', async () => {
    for (const [name, expected] of Object.entries(CODECS)) {
      const probe = await probeMedia(audio.cases[name]?.file ?? '', { tools });
      expect(probe.container, name).toBe(expected.container);
      expect(probe.codec, name).toBe(expected.codec);
    }
  });

  it('rejects files that are not audio', async () => {
    for (const file of [audio.notAudio.text, audio.notAudio.random]) {
      const error: unknown = await probeMedia(file, { tools }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(UndecodableMediaError);
      expect((error as Error).message).toContain(file);
      expect((error as UndecodableMediaError).reason).not.toBe('');
    }
  });
});

it('cut file is shorter than its header says', async () => {
  const probe = await probeMedia(audio.cases['cut-withdur.webm']?.file ?? '');
  const whole = await probeMedia(audio.cases['withdur.webm']?.file ?? '');
  expect(probe.durationMs).toBeLessThan(whole.durationMs * 0.6);
});
