import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { bundledFfmpegPath, locateMediaTools, runTool } from './ffmpeg.ts';
import { FORMATS, transcodeArgs, type TranscodedFormat } from './formats.ts';
import { EBML_IDS, ffprobeSummary, inspectWebm } from './testing/media-inspect.ts';

let folder: string;
let source: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'formats-test-'));
  source = join(folder, 'source.wav');
  await runTool(locateMediaTools().ffmpeg, [
    '-hide_banner',
    '-v',
    'error',
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=300:duration=12:sample_rate=16000',
    '-c:a',
    'pcm_s16le',
    source,
  ]);
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe.each([
  ['system ffmpeg', () => locateMediaTools().ffmpeg],
  ['bundled 2018 ffmpeg', bundledFfmpegPath],
] as const)('transcoding with %s', (label, ffmpeg) => {
  it('WebM has Duration and Cues', async () => {
    const output = join(folder, `${label}.webm`);
    await runTool(ffmpeg(), await transcodeArgs(ffmpeg(), 'WEBM', source, output));
    const layout = inspectWebm(await readFile(output));
    expect(layout.hasDuration).toBe(true);
    expect(layout.segmentChildren).toContain(EBML_IDS.cues);
    const probed = await ffprobeSummary(output);
    expect(probed.duration).toBeCloseTo(12, 1);
  });

  it('every format has its codec', async () => {
    const codecs: Record<TranscodedFormat, string> = {
      WAV: 'pcm_s16le',
      WAV_ULAW: 'pcm_mulaw',
      WEBM: 'opus',
      OGG_VORBIS: 'vorbis',
      OGG_OPUS: 'opus',
      MP3: 'mp3',
    };
    for (const [format, codec] of Object.entries(codecs) as [TranscodedFormat, string][]) {
      const output = join(folder, `${label}-${format}.${FORMATS[format].extension}`);
      await runTool(ffmpeg(), await transcodeArgs(ffmpeg(), format, source, output));
      const probed = await ffprobeSummary(output);
      expect(probed.codecName, format).toBe(codec);
      // ffprobe's MP3 length includes the LAME encoder delay and padding: up to
      // 1105 + 575 samples, 0.105 s at 16 kHz.
      const tolerance = format === 'MP3' ? 0.11 : 0.05;
      expect(Math.abs((probed.duration ?? 0) - 12), format).toBeLessThan(tolerance);
    }
  });
});
