import { spawn } from 'node:child_process';

import { lastLines, locateMediaTools, runTool, type MediaTools } from './ffmpeg.ts';

/** Facts the emulator stores about an audio file. */
export interface ProbeResult {
  /** Length of the decoded audio, in milliseconds. */
  durationMs: number;
  /** Container as ffmpeg names it, for example `wav`, `ogg` or `matroska,webm`. */
  container: string;
  /** Codec of the first audio stream, for example `opus` or `pcm_mulaw`. */
  codec: string;
}

/** ffmpeg cannot decode a file as audio. The message names the file and the reason. */
export class UndecodableMediaError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file} cannot be decoded as audio: ${reason}`);
    this.name = 'UndecodableMediaError';
  }
}

/**
 * Sample rate the audio is decoded to for counting. Counting samples at 8 kHz
 * measures the length to 0.125 ms, and keeps the pipe small: one byte per sample.
 */
const COUNT_RATE = 8000;

/** Largest part of ffmpeg's stderr kept, in characters; its end contains the errors. */
const STDERR_LIMIT = 64 * 1024;

interface DecodeResult {
  samples: number;
  stderr: string;
}

function decodeAndCount(
  ffmpeg: string,
  file: string,
  signal: AbortSignal | undefined,
): Promise<DecodeResult> {
  const args = [
    '-hide_banner',
    '-nostdin',
    '-nostats',
    '-v',
    'info',
    '-i',
    file,
    '-map',
    '0:a:0',
    '-vn',
    '-sn',
    '-dn',
    '-ac',
    '1',
    '-ar',
    String(COUNT_RATE),
    '-c:a',
    'pcm_u8',
    '-f',
    'u8',
    'pipe:1',
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpeg, args, {
      signal,
      killSignal: 'SIGKILL',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let samples = 0;
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      samples += chunk.length;
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_LIMIT);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) {
        resolve({ samples, stderr });
      } else {
        // ffmpeg starts its input errors with the file name, which the message already has.
        const reason = lastLines(stderr).replace(`${file}: `, '');
        reject(new UndecodableMediaError(file, reason || `ffmpeg exited with status ${code}`));
      }
    });
  });
}

/** Reads container and codec from the input description ffmpeg prints at `-v info`. */
function parseInputDescription(stderr: string): { container?: string; codec?: string } {
  const outputStart = stderr.indexOf('\nOutput #0');
  const inputPart = outputStart === -1 ? stderr : stderr.slice(0, outputStart);
  const container = /^Input #0, (.+?), from '/m.exec(inputPart)?.[1];
  const codec = /Stream #0:\d+\S*: Audio: ([\w-]+)/.exec(inputPart)?.[1];
  return { container, codec };
}

async function probeWithFfprobe(
  ffprobe: string,
  file: string,
  signal: AbortSignal | undefined,
): Promise<{ container?: string; codec?: string }> {
  const { stdout } = await runTool(
    ffprobe,
    [
      '-v',
      'error',
      '-select_streams',
      'a:0',
      '-show_entries',
      'format=format_name:stream=codec_name',
      '-of',
      'json',
      file,
    ],
    { signal },
  );
  const parsed = JSON.parse(stdout) as {
    format?: { format_name?: string };
    streams?: { codec_name?: string }[];
  };
  return { container: parsed.format?.format_name, codec: parsed.streams?.[0]?.codec_name };
}

export interface ProbeOptions {
  tools?: MediaTools;
  signal?: AbortSignal;
}

/**
 * Measures an audio file by decoding all of it, never trusting header fields: a
 * WebM without Duration, a VBR MP3 without a Xing header and a file cut short all
 * get the length of the audio that actually decodes. Container and codec come from
 * ffprobe when it is installed, else from ffmpeg's description of the input.
 *
 * Rejects with UndecodableMediaError when ffmpeg fails or decodes no audio at all.
 */
export async function probeMedia(file: string, options: ProbeOptions = {}): Promise<ProbeResult> {
  const tools = options.tools ?? locateMediaTools();
  const { samples, stderr } = await decodeAndCount(tools.ffmpeg, file, options.signal);
  if (samples === 0) {
    const detail = lastLines(stderr, 2);
    throw new UndecodableMediaError(
      file,
      `no audio could be decoded${detail ? ` (${detail})` : ''}`,
    );
  }

  const described = parseInputDescription(stderr);
  const probed =
    tools.ffprobe === undefined
      ? described
      : await probeWithFfprobe(tools.ffprobe, file, options.signal).catch(() => described);
  const container = probed.container ?? described.container;
  const codec = probed.codec ?? described.codec;
  if (container === undefined || codec === undefined) {
    throw new UndecodableMediaError(file, 'ffmpeg did not report its container and audio codec');
  }
  return { durationMs: Math.round((samples * 1000) / COUNT_RATE), container, codec };
}
