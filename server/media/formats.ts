import { extname } from 'node:path';

import type { FormatId } from '../types.ts';
import { runTool } from './ffmpeg.ts';

/** A format produced by transcoding; `NONE` is the stored original and has no job. */
export type TranscodedFormat = Exclude<FormatId, 'NONE'>;

export interface FormatSpec {
  /** File extension of the produced file, without the dot. */
  extension: string;
  /** Content-Type the media origin sends. */
  mimeType: string;
  /** ffmpeg output options placed after `-i input`, before the output path. */
  outputArgs: readonly string[];
}

/** Voice recordings: Opus at 32 kb/s is transparent for speech, mono or stereo. */
const OPUS_BITRATE = '32k';

export const FORMATS: Readonly<Record<TranscodedFormat, FormatSpec>> = {
  WAV: {
    extension: 'wav',
    mimeType: 'audio/wav',
    outputArgs: ['-c:a', 'pcm_s16le', '-f', 'wav'],
  },
  WAV_ULAW: {
    extension: 'wav',
    mimeType: 'audio/wav',
    // G.711 µ-law is defined for 8 kHz telephony audio.
    outputArgs: ['-ar', '8000', '-c:a', 'pcm_mulaw', '-f', 'wav'],
  },
  WEBM: {
    extension: 'webm',
    mimeType: 'audio/webm',
    outputArgs: ['-c:a', 'libopus', '-b:a', OPUS_BITRATE, '-f', 'webm'],
  },
  OGG_VORBIS: {
    extension: 'ogg',
    mimeType: 'audio/ogg',
    outputArgs: ['-c:a', 'libvorbis', '-q:a', '3', '-f', 'ogg'],
  },
  OGG_OPUS: {
    extension: 'opus',
    mimeType: 'audio/ogg',
    outputArgs: ['-c:a', 'libopus', '-b:a', OPUS_BITRATE, '-f', 'ogg'],
  },
  MP3: {
    extension: 'mp3',
    mimeType: 'audio/mpeg',
    // VBR quality 4 (about 165 kb/s for music, far less for speech). Written to a
    // seekable file, so the Xing header with the true length is filled in.
    outputArgs: ['-c:a', 'libmp3lame', '-q:a', '4', '-f', 'mp3'],
  },
};

const cuesOptions = new Map<string, Promise<readonly string[]>>();

/**
 * Returns the WebM muxer options that make ffmpeg write Cues (the seek index) for
 * an audio-only file. ffmpeg 5.1 writes Cues whenever the output is seekable, and
 * `-cues_to_front` moves them before the clusters so a player that streams the file
 * can seek at once. The 2018 build bundled with `@ffmpeg-installer/ffmpeg` writes
 * no Cues for audio-only WebM and has no `-cues_to_front`; its DASH mode does
 * write them, one per cluster.
 */
export function webmCuesArgs(ffmpeg: string): Promise<readonly string[]> {
  let options = cuesOptions.get(ffmpeg);
  if (options === undefined) {
    options = runTool(ffmpeg, ['-hide_banner', '-h', 'muxer=webm']).then(({ stdout }) =>
      stdout.includes('cues_to_front') ? ['-cues_to_front', '1'] : ['-dash', '1'],
    );
    cuesOptions.set(ffmpeg, options);
  }
  return options;
}

/** Returns the full ffmpeg argument list that transcodes `input` to `output`. */
export async function transcodeArgs(
  ffmpeg: string,
  format: TranscodedFormat,
  input: string,
  output: string,
): Promise<string[]> {
  const extra = format === 'WEBM' ? await webmCuesArgs(ffmpeg) : [];
  return [
    '-hide_banner',
    '-nostdin',
    '-nostats',
    '-v',
    'error',
    '-y',
    '-i',
    input,
    '-map',
    '0:a:0',
    '-vn',
    '-sn',
    '-dn',
    '-map_metadata',
    '-1',
    ...FORMATS[format].outputArgs,
    ...extra,
    output,
  ];
}

/** Content types of stored originals, by file extension. */
const ORIGINAL_MIME_TYPES: Readonly<Record<string, string>> = {
  wav: 'audio/wav',
  webm: 'audio/webm',
  weba: 'audio/webm',
  mka: 'audio/x-matroska',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  opus: 'audio/ogg',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  mp4: 'audio/mp4',
  aac: 'audio/aac',
  flac: 'audio/flac',
  aif: 'audio/aiff',
  aiff: 'audio/aiff',
  amr: 'audio/amr',
  gsm: 'audio/gsm',
};

/** Extensions picked for a stored original whose source name has none we know. */
const CONTAINER_EXTENSIONS: Readonly<Record<string, string>> = {
  wav: 'wav',
  'matroska,webm': 'webm',
  ogg: 'ogg',
  mp3: 'mp3',
  'mov,mp4,m4a,3gp,3g2,mj2': 'm4a',
  flac: 'flac',
  aac: 'aac',
  aiff: 'aiff',
  amr: 'amr',
};

/** Returns the Content-Type of a stored original from its file name. */
export function originalMimeType(fileName: string): string {
  const extension = extname(fileName).slice(1).toLowerCase();
  return ORIGINAL_MIME_TYPES[extension] ?? 'application/octet-stream';
}

/**
 * Picks the extension of a stored original: the source file's own when it is a
 * known audio extension, else one for the container ffmpeg found, else `bin`.
 */
export function originalExtension(sourceName: string, container: string): string {
  const extension = extname(sourceName).slice(1).toLowerCase();
  if (extension in ORIGINAL_MIME_TYPES) {
    return extension;
  }
  return CONTAINER_EXTENSIONS[container] ?? 'bin';
}
