import type { components } from '../../api';

export type FormatId = components['schemas']['FormatId'];

export interface MediaFormat {
  id: FormatId;
  /** The name shown to people in the format picker. */
  label: string;
  /** File name extension for downloads, without the dot. */
  extension: string;
}

/** The formats the API offers, in the order the picker lists them. */
export const MEDIA_FORMATS: readonly MediaFormat[] = [
  { id: 'MP3', label: 'MP3', extension: 'mp3' },
  { id: 'WAV_ULAW', label: 'WAV (µ-law, telephone quality)', extension: 'wav' },
  { id: 'WEBM', label: 'WebM (Opus)', extension: 'webm' },
  { id: 'OGG_OPUS', label: 'Ogg (Opus)', extension: 'opus' },
  { id: 'OGG_VORBIS', label: 'Ogg (Vorbis)', extension: 'ogg' },
  { id: 'WAV', label: 'WAV (PCM)', extension: 'wav' },
  { id: 'NONE', label: 'Original', extension: '' },
];

/** MP3 plays in every current browser, so it is the default. */
export const DEFAULT_FORMAT: FormatId = 'MP3';

export function isFormatId(value: unknown): value is FormatId {
  return MEDIA_FORMATS.some((format) => format.id === value);
}

export function findFormat(id: FormatId): MediaFormat {
  const format = MEDIA_FORMATS.find((candidate) => candidate.id === id);
  if (format === undefined) {
    throw new Error(`Unknown format id ${id}.`);
  }
  return format;
}

const EXTENSION_BY_CONTENT_TYPE: Record<string, string> = {
  'audio/mpeg': 'mp3',
  'audio/wav': 'wav',
  'audio/x-wav': 'wav',
  'audio/wave': 'wav',
  'audio/webm': 'webm',
  'audio/ogg': 'ogg',
  'audio/opus': 'opus',
  'audio/flac': 'flac',
  'audio/mp4': 'm4a',
};

/**
 * Builds a download file name from the recording's name and the format's
 * extension. The original (`NONE`) has no fixed extension, so it is taken from
 * the response's Content-Type, or left off when that is unknown.
 */
export function downloadFileName(
  name: string,
  formatId: FormatId,
  contentType?: string | null,
): string {
  const base =
    name
      .trim()
      // Characters that Windows, macOS or Linux reject in file names, and control characters.
      .replace(/[\\/:*?"<>|]+/g, '_')
      .replace(/\p{Cc}+/gu, '')
      .replace(/\s+/g, ' ')
      .slice(0, 200) || 'recording';
  let extension = findFormat(formatId).extension;
  if (extension === '') {
    const mime = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    extension = EXTENSION_BY_CONTENT_TYPE[mime] ?? '';
  }
  if (extension === '' || base.toLowerCase().endsWith(`.${extension}`)) {
    return base;
  }
  return `${base}.${extension}`;
}

/** A format to suggest when `formatId` cannot be played here. */
export function fallbackFormat(formatId: FormatId): FormatId {
  return formatId === 'MP3' ? 'WAV' : 'MP3';
}
