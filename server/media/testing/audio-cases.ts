import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

const MAKE_CASES = fileURLToPath(new URL('../../../scripts/make-audio-cases.sh', import.meta.url));

export interface AudioCase {
  file: string;
  /** Length of the audio in seconds, measured independently of the emulator's probe. */
  expectedSeconds: number;
}

export interface AudioCases {
  folder: string;
  cases: Record<string, AudioCase>;
  /** Files that are not audio at all. */
  notAudio: { text: string; random: string };
}

async function soxSeconds(path: string): Promise<number> {
  const { stdout } = await execFileAsync('soxi', ['-D', path]);
  return Number(stdout.trim());
}

/**
 * Returns the end of the last audio packet by reading packet timestamps with
 * ffprobe, which needs no decoding and ignores the header's Duration.
 */
async function packetEndSeconds(path: string): Promise<number> {
  const { stdout } = await execFileAsync(
    'ffprobe',
    [
      '-v',
      'error',
      '-select_streams',
      'a:0',
      '-show_entries',
      'packet=pts_time,duration_time',
      '-of',
      'csv=p=0',
      path,
    ],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  let end = 0;
  for (const line of stdout.split('\n')) {
    const [pts, duration] = line.split(',').map(Number);
    if (pts !== undefined && duration !== undefined && Number.isFinite(pts + duration)) {
      end = Math.max(end, pts + duration);
    }
  }
  return end;
}

async function truncateToHalf(source: string, target: string): Promise<void> {
  const data = await readFile(source);
  await writeFile(target, data.subarray(0, Math.floor(data.length / 2)));
}

let casesPromise: Promise<AudioCases> | undefined;

/**
 * Makes the audio cases once per test process with `scripts/make-audio-cases.sh
 * --short`, plus a VBR MP3 without a Xing header, two files cut in half and two
 * files that are not audio, and measures each case's true length.
 */
export function makeAudioCases(): Promise<AudioCases> {
  casesPromise ??= (async () => {
    const folder = await mkdtemp(join(tmpdir(), 'audio-cases-'));
    await execFileAsync('bash', [MAKE_CASES, folder, '--short']);
    const path = (name: string) => join(folder, name);

    await execFileAsync('ffmpeg', [
      '-hide_banner',
      '-loglevel',
      'error',
      '-i',
      path('source.wav'),
      '-c:a',
      'libmp3lame',
      '-q:a',
      '4',
      '-write_xing',
      '0',
      path('vbr-noxing.mp3'),
    ]);
    await truncateToHalf(path('pcm8k.wav'), path('cut-pcm8k.wav'));
    await truncateToHalf(path('withdur.webm'), path('cut-withdur.webm'));
    await writeFile(path('notes.txt'), 'Meeting notes: call Dana back about the March invoice.\n');
    const random = Buffer.alloc(64 * 1024);
    for (let index = 0; index < random.length; index += 1) {
      // A fixed pseudo-random sequence, so the case is the same on every run.
      random[index] = (index * 2654435761) >>> 24;
    }
    await writeFile(path('random.bin'), random);

    // Every case is made from source.wav; sox reads the WAV files, Ogg Vorbis and MP3 by decoding.
    const sourceSeconds = await soxSeconds(path('source.wav'));
    const cutWav = await readFile(path('cut-pcm8k.wav'));
    const cutWavAudioBytes = cutWav.length - (cutWav.indexOf('data') + 8);
    const cases: Record<string, AudioCase> = {
      'nodur.webm': { file: path('nodur.webm'), expectedSeconds: sourceSeconds },
      'withdur.webm': { file: path('withdur.webm'), expectedSeconds: sourceSeconds },
      'voice.opus': { file: path('voice.opus'), expectedSeconds: sourceSeconds },
      'voice.ogg': {
        file: path('voice.ogg'),
        expectedSeconds: await soxSeconds(path('voice.ogg')),
      },
      'ulaw8k.wav': {
        file: path('ulaw8k.wav'),
        expectedSeconds: await soxSeconds(path('ulaw8k.wav')),
      },
      'alaw8k.wav': {
        file: path('alaw8k.wav'),
        expectedSeconds: await soxSeconds(path('alaw8k.wav')),
      },
      'gsm8k.wav': {
        file: path('gsm8k.wav'),
        expectedSeconds: await soxSeconds(path('gsm8k.wav')),
      },
      'pcm8k.wav': {
        file: path('pcm8k.wav'),
        expectedSeconds: await soxSeconds(path('pcm8k.wav')),
      },
      'silent60.wav': {
        file: path('silent60.wav'),
        expectedSeconds: await soxSeconds(path('silent60.wav')),
      },
      'vbr-noxing.mp3': {
        file: path('vbr-noxing.mp3'),
        expectedSeconds: await soxSeconds(path('vbr-noxing.mp3')),
      },
      // 16-bit mono at 8 kHz: the bytes left after the data chunk header give the length.
      'cut-pcm8k.wav': {
        file: path('cut-pcm8k.wav'),
        expectedSeconds: cutWavAudioBytes / 2 / 8000,
      },
      'cut-withdur.webm': {
        file: path('cut-withdur.webm'),
        expectedSeconds: await packetEndSeconds(path('cut-withdur.webm')),
      },
    };
    return { folder, cases, notAudio: { text: path('notes.txt'), random: path('random.bin') } };
  })();
  return casesPromise;
}
