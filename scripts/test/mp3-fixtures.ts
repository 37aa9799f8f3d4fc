// Encodes the MP3 files the unit tests decode, with the system's ffmpeg, and
// hands them to the tests through Vitest's `provide`, base64-encoded: the unit
// tests run in a browser-like environment without Node's file API.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { TestProject } from 'vitest/node';
import type {} from '../../src/test/mp3-fixtures.d.ts';

/** Pink noise whose loudness swells and falls, so that neighbouring peaks differ. */
function encode(folder: string, name: string, seconds: number, outputArgs: string[]): string {
  const path = join(folder, `${name}.mp3`);
  execFileSync('ffmpeg', [
    '-hide_banner',
    '-nostdin',
    '-v',
    'error',
    '-f',
    'lavfi',
    '-i',
    `anoisesrc=d=${seconds}:c=pink:a=0.6:seed=7`,
    '-af',
    "volume='0.1+0.9*abs(sin(t*1.3))':eval=frame",
    ...outputArgs,
    path,
  ]);
  return readFileSync(path).toString('base64');
}

export default function setup(project: TestProject): void {
  const folder = mkdtempSync(join(tmpdir(), 'mp3-fixtures-'));
  try {
    const stereo = ['-ar', '44100', '-ac', '2', '-c:a', 'libmp3lame'];
    project.provide('mp3Fixtures', {
      vbr40s: encode(folder, 'vbr', 40, [...stereo, '-q:a', '4']),
      mono22k30s: encode(folder, 'mono', 30, [
        '-ar',
        '22050',
        '-ac',
        '1',
        '-c:a',
        'libmp3lame',
        '-b:a',
        '32k',
        '-metadata',
        'title=A recording with a title long enough to fill a tag',
      ]),
      noInfoFrame20s: encode(folder, 'noinfo', 20, [...stereo, '-b:a', '96k', '-write_xing', '0']),
      cbr30s: encode(folder, 'cbr', 30, [...stereo, '-b:a', '128k']),
      vbr12s: encode(folder, 'short', 12, [...stereo, '-q:a', '6']),
    });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
