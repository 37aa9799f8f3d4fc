import 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** MP3 files encoded by ffmpeg before the unit tests run, base64-encoded, by name. */
    mp3Fixtures: {
      /** 40 s, 44.1 kHz stereo VBR (`-q:a 4`) with an Info frame. */
      vbr40s: string;
      /** 30 s, 22.05 kHz mono 32 kb/s (MPEG-2, 576 samples a frame) after an ID3v2 tag. */
      mono22k30s: string;
      /** 20 s, 44.1 kHz stereo 96 kb/s without an Info frame. */
      noInfoFrame20s: string;
      /** 30 s, 44.1 kHz stereo 128 kb/s. */
      cbr30s: string;
      /** 12 s, 44.1 kHz stereo VBR (`-q:a 6`). */
      vbr12s: string;
    };
  }
}
