import { describe, expect, it } from 'vitest';

import { DEFAULT_FORMAT, MEDIA_FORMATS, downloadFileName } from './formats';

describe('MEDIA_FORMATS', () => {
  it('lists all seven API formats with MP3 as default', () => {
    expect(MEDIA_FORMATS.map((format) => format.id).sort()).toEqual(
      ['MP3', 'NONE', 'OGG_OPUS', 'OGG_VORBIS', 'WAV', 'WAV_ULAW', 'WEBM'].sort(),
    );
    expect(DEFAULT_FORMAT).toBe('MP3');
  });
});

describe('downloadFileName', () => {
  it('adds the extension of the format', () => {
    expect(downloadFileName('Call with Ana', 'MP3')).toBe('Call with Ana.mp3');
    expect(downloadFileName('Call', 'WAV_ULAW')).toBe('Call.wav');
    expect(downloadFileName('Call', 'OGG_VORBIS')).toBe('Call.ogg');
  });

  it('replaces characters file systems reject', () => {
    expect(downloadFileName('a/b:c?', 'WEBM')).toBe('a_b_c_.webm');
  });

  it('takes the original extension from the content type', () => {
    expect(downloadFileName('Call', 'NONE', 'audio/wav; codecs=1')).toBe('Call.wav');
    expect(downloadFileName('Call', 'NONE', 'application/octet-stream')).toBe('Call');
  });

  it('does not repeat an extension already in the name', () => {
    expect(downloadFileName('voice.mp3', 'MP3')).toBe('voice.mp3');
  });

  it('names a blank recording', () => {
    expect(downloadFileName('   ', 'MP3')).toBe('recording.mp3');
  });
});
