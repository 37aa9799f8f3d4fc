import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { addRecording } from '../demo/seed.ts';
import {
  callApi,
  sendRequest,
  startTestEmulator,
  type TestEmulator,
} from '../test-support/index.ts';
import type { DownloadResponse, ErrorBody, FormatId } from '../types.ts';
import { EBML_IDS, ffprobeSummary, inspectWebm } from './testing/media-inspect.ts';

const execFileAsync = promisify(execFile);

const BASE = '/api/v2/userrecordings';

type DownloadRoute = 'transcoding' | 'media';

const OPERATION: Record<DownloadRoute, string> = {
  transcoding: 'getUserrecordingTranscoding',
  media: 'getUserrecordingMedia',
};

/** What ffprobe must report for each format's file, and its file extension. */
const EXPECTED: Record<
  FormatId,
  { extension: string; formatName: string; codec: string; mimeType: string }
> = {
  WAV: { extension: 'wav', formatName: 'wav', codec: 'pcm_s16le', mimeType: 'audio/wav' },
  WAV_ULAW: { extension: 'wav', formatName: 'wav', codec: 'pcm_mulaw', mimeType: 'audio/wav' },
  WEBM: { extension: 'webm', formatName: 'matroska,webm', codec: 'opus', mimeType: 'audio/webm' },
  OGG_VORBIS: { extension: 'ogg', formatName: 'ogg', codec: 'vorbis', mimeType: 'audio/ogg' },
  OGG_OPUS: { extension: 'opus', formatName: 'ogg', codec: 'opus', mimeType: 'audio/ogg' },
  MP3: { extension: 'mp3', formatName: 'mp3', codec: 'mp3', mimeType: 'audio/mpeg' },
  NONE: { extension: 'opus', formatName: 'ogg', codec: 'opus', mimeType: 'audio/ogg' },
};

const FORMATS = Object.keys(EXPECTED) as FormatId[];

function downloadPath(route: DownloadRoute, id: string, formatId: FormatId, extra = ''): string {
  const asyncParam = route === 'media' ? '&async=true' : '';
  return `${BASE}/${id}/${route}?formatId=${formatId}${asyncParam}${extra}`;
}

/** Asks for a download until it completes, validating every response against the OpenAPI document. */
async function waitUntilCompleted(
  emulator: TestEmulator,
  route: DownloadRoute,
  id: string,
  formatId: FormatId,
): Promise<{ first: number; response: DownloadResponse }> {
  let first: number | undefined;
  const deadline = Date.now() + 60_000;
  for (;;) {
    const answer = await callApi(emulator, OPERATION[route], downloadPath(route, id, formatId));
    first ??= answer.status;
    const body = answer.body as DownloadResponse;
    if (answer.status === 200) {
      return { first, response: body };
    }
    expect(answer.status).toBe(202);
    expect(body.state).toBe('Running');
    expect(body.contentLocationUri).toBeUndefined();
    if (Date.now() > deadline) {
      throw new Error(`${formatId} on /${route} was still running after 60 s.`);
    }
    await sleep(100);
  }
}

async function fetchMedia(url: string, headers: Record<string, string> = {}, method = 'GET') {
  const response = await fetch(url, { headers, method });
  const body = Buffer.from(await response.arrayBuffer());
  return { response, body };
}

function errorBodyOf(body: Buffer): ErrorBody {
  return JSON.parse(body.toString('utf8')) as ErrorBody;
}

describe('download routes and media origin', () => {
  let emulator: TestEmulator;
  let scratch: string;

  beforeAll(async () => {
    emulator = await startTestEmulator();
    scratch = await mkdtemp(join(tmpdir(), 'media-download-test-'));
  });

  afterAll(async () => {
    await emulator?.close();
    await rm(scratch, { recursive: true, force: true });
  });

  describe.each(['transcoding', 'media'] as const)('/%s', (route) => {
    for (const formatId of FORMATS) {
      it(`${formatId}: 202 then 200, probed file matches`, async () => {
        const row = await addRecording(emulator.emulator.context, { name: `${route} ${formatId}` });
        const { first, response } = await waitUntilCompleted(emulator, route, row.id, formatId);

        // NONE is the stored original and needs no job, so it completes at once.
        expect(first).toBe(formatId === 'NONE' ? 200 : 202);
        expect(response.state).toBe('Completed');
        expect(response.id).toBe(row.id);
        const url = new URL(response.contentLocationUri ?? '');
        expect(url.origin).toBe(emulator.mediaUrl);
        expect(url.pathname).toBe(`/media/${row.id}/${formatId}.${EXPECTED[formatId].extension}`);
        expect(url.searchParams.get('signature')).toMatch(/^[0-9a-f]{64}$/);

        const { response: media, body } = await fetchMedia(url.href);
        expect(media.status).toBe(200);
        expect(media.headers.get('content-type')).toBe(EXPECTED[formatId].mimeType);
        expect(Number(media.headers.get('content-length'))).toBe(body.length);
        expect(media.headers.get('content-disposition')).toContain(
          `filename="${route} ${formatId}.`,
        );

        const file = join(scratch, `${row.id}-${formatId}.${EXPECTED[formatId].extension}`);
        await writeFile(file, body);
        const probed = await ffprobeSummary(file);
        expect(probed.formatName).toBe(EXPECTED[formatId].formatName);
        expect(probed.codecName).toBe(EXPECTED[formatId].codec);
        expect(probed.duration).toBeDefined();
        // ffprobe's MP3 length includes the LAME encoder delay and padding: up to
        // 1105 + 1151 samples, 47 ms at 48 kHz, the rate Opus decodes to.
        expect(Math.abs((probed.duration ?? 0) * 1000 - row.duration_ms)).toBeLessThan(
          formatId === 'MP3' ? 60 : 30,
        );
        if (formatId === 'WAV_ULAW') {
          expect(probed.sampleRate).toBe(8000);
        }
        if (formatId === 'NONE') {
          const original = await readFile(join(emulator.dataDir, 'media', row.media_file));
          expect(body.equals(original)).toBe(true);
        }
        if (formatId === 'WEBM') {
          const layout = inspectWebm(body);
          expect(layout.hasDuration).toBe(true);
          expect(layout.segmentChildren).toContain(EBML_IDS.cues);
          // Cues before the first Cluster let a streaming player seek without reading to the end.
          expect(layout.segmentChildren.indexOf(EBML_IDS.cues)).toBeLessThan(
            layout.segmentChildren.indexOf(EBML_IDS.cluster),
          );
        }
      });
    }
  });

  it('legacy media without async waits and returns 200', async () => {
    const row = await addRecording(emulator.emulator.context, { name: 'wait' });
    const cases: [string, FormatId][] = [
      ['', 'OGG_VORBIS'],
      ['false', 'MP3'],
      ['0', 'WAV'],
    ];
    for (const [asyncValue, formatId] of cases) {
      const answer = await callApi(
        emulator,
        'getUserrecordingMedia',
        `${BASE}/${row.id}/media?formatId=${formatId}&async=${asyncValue}`,
      );
      expect(answer.status).toBe(200);
      expect((answer.body as DownloadResponse).state).toBe('Completed');
    }
    const absent = await callApi(emulator, 'getUserrecordingMedia', `${BASE}/${row.id}/media`);
    expect(absent.status).toBe(200);
    expect((absent.body as DownloadResponse).contentLocationUri).toContain('/WEBM.webm?');
  });

  it('twenty concurrent requests start one job', async () => {
    const row = await addRecording(emulator.emulator.context, { name: 'concurrent' });
    const media = emulator.emulator.context.media;
    const before = media.jobsStarted;
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        sendRequest(
          emulator.apiUrl,
          index % 2 === 0
            ? `${BASE}/${row.id}/transcoding?formatId=OGG_OPUS`
            : `${BASE}/${row.id}/media?formatId=OGG_OPUS&async=true`,
        ),
      ),
    );
    for (const answer of answers) {
      expect([200, 202]).toContain(answer.status);
    }
    await waitUntilCompleted(emulator, 'transcoding', row.id, 'OGG_OPUS');
    const again = await sendRequest(
      emulator.apiUrl,
      `${BASE}/${row.id}/transcoding?formatId=OGG_OPUS`,
    );
    expect(again.status).toBe(200);
    expect(media.jobsStarted - before).toBe(1);
  });

  it('unknown formatId is a 400', async () => {
    const row = await addRecording(emulator.emulator.context, { name: 'bad format' });
    for (const route of ['transcoding', 'media'] as const) {
      const answer = await callApi(
        emulator,
        OPERATION[route],
        `${BASE}/${row.id}/${route}?formatId=FLAC`,
      );
      expect(answer.status).toBe(400);
      expect((answer.body as ErrorBody).code).toBe('invalid.query.param.value');
      expect((answer.body as ErrorBody).message).toContain('FLAC');
    }
  });

  it('unknown recording is a 404', async () => {
    for (const route of ['transcoding', 'media'] as const) {
      const answer = await callApi(
        emulator,
        OPERATION[route],
        downloadPath(route, 'no-such-recording', 'MP3'),
      );
      expect(answer.status).toBe(404);
      expect((answer.body as ErrorBody).code).toBe('not.found');
    }
  });

  describe('media origin', () => {
    let url: URL;
    let whole: Buffer;

    beforeAll(async () => {
      const row = await addRecording(emulator.emulator.context, { name: 'ranges' });
      const { response } = await waitUntilCompleted(emulator, 'transcoding', row.id, 'WAV');
      url = new URL(response.contentLocationUri ?? '');
      whole = (await fetchMedia(url.href)).body;
    });

    it('range request returns 206 and the bytes', async () => {
      const { response, body } = await fetchMedia(url.href, { Range: 'bytes=100-199' });
      expect(response.status).toBe(206);
      expect(response.headers.get('content-range')).toBe(`bytes 100-199/${whole.length}`);
      expect(response.headers.get('content-length')).toBe('100');
      expect(body.equals(whole.subarray(100, 200))).toBe(true);
    });

    it('suffix and open ranges return the right bytes', async () => {
      const suffix = await fetchMedia(url.href, { Range: 'bytes=-50' });
      expect(suffix.response.status).toBe(206);
      expect(suffix.body.equals(whole.subarray(whole.length - 50))).toBe(true);

      const open = await fetchMedia(url.href, { Range: `bytes=${whole.length - 10}-` });
      expect(open.response.status).toBe(206);
      expect(open.response.headers.get('content-range')).toBe(
        `bytes ${whole.length - 10}-${whole.length - 1}/${whole.length}`,
      );
      expect(open.body.equals(whole.subarray(whole.length - 10))).toBe(true);
    });

    it('unsatisfiable range is a 416', async () => {
      const { response, body } = await fetchMedia(url.href, { Range: `bytes=${whole.length}-` });
      expect(response.status).toBe(416);
      expect(response.headers.get('content-range')).toBe(`bytes */${whole.length}`);
      expect(errorBodyOf(body).status).toBe(416);
    });

    it('sends ETag, Last-Modified and Accept-Ranges, and 304 on a match', async () => {
      const { response } = await fetchMedia(url.href, {}, 'HEAD');
      expect(response.status).toBe(200);
      const etag = response.headers.get('etag');
      expect(etag).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/);
      expect(response.headers.get('accept-ranges')).toBe('bytes');
      expect(response.headers.get('last-modified')).not.toBeNull();
      expect(response.headers.get('content-length')).toBe(String(whole.length));
      expect(response.headers.get('inin-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);

      const cached = await fetchMedia(url.href, { 'If-None-Match': etag ?? '' });
      expect(cached.response.status).toBe(304);

      const staleRange = await fetchMedia(url.href, { Range: 'bytes=0-9', 'If-Range': '"stale"' });
      expect(staleRange.response.status).toBe(200);
      expect(staleRange.body.length).toBe(whole.length);
    });

    it('tampered signature or path is a 403', async () => {
      const signature = url.searchParams.get('signature') ?? '';
      const flipped = `${signature[0] === '0' ? '1' : '0'}${signature.slice(1)}`;
      const tampered = new URL(url);
      tampered.searchParams.set('signature', flipped);
      const otherFile = new URL(url);
      otherFile.pathname = otherFile.pathname.replace('/WAV.wav', '/MP3.mp3');
      const later = new URL(url);
      later.searchParams.set('expires', String(Number(url.searchParams.get('expires')) + 3600));
      const unsigned = new URL(url);
      unsigned.search = '';

      for (const candidate of [tampered, otherFile, later, unsigned]) {
        const { response, body } = await fetchMedia(candidate.href);
        expect(response.status, candidate.href).toBe(403);
        const error = errorBodyOf(body);
        expect(error.code).toBe('not.authorized');
        expect(error.contextId).toBe(response.headers.get('inin-correlation-id'));
      }
    });

    it('CORS headers for the app origin only', async () => {
      const fromApp = await fetchMedia(url.href, { Origin: emulator.apiUrl, Range: 'bytes=0-0' });
      expect(fromApp.response.headers.get('access-control-allow-origin')).toBe(emulator.apiUrl);
      const exposed = (
        fromApp.response.headers.get('access-control-expose-headers') ?? ''
      ).toLowerCase();
      for (const header of ['content-length', 'content-range', 'accept-ranges', 'etag']) {
        expect(exposed).toContain(header);
      }

      const foreign = await fetchMedia(url.href, { Origin: 'http://recordings.example' });
      expect(foreign.response.status).toBe(200);
      expect(foreign.response.headers.get('access-control-allow-origin')).toBeNull();

      const preflight = await fetch(url.href, {
        method: 'OPTIONS',
        headers: {
          Origin: emulator.apiUrl,
          'Access-Control-Request-Method': 'GET',
          'Access-Control-Request-Headers': 'range',
        },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe(emulator.apiUrl);
      expect(preflight.headers.get('access-control-allow-methods')).toContain('GET');
      expect((preflight.headers.get('access-control-allow-headers') ?? '').toLowerCase()).toContain(
        'range',
      );
    });
  });

  it('DELETE removes files and the media URL 404s', async () => {
    const row = await addRecording(emulator.emulator.context, { name: 'to delete' });
    const { response } = await waitUntilCompleted(emulator, 'transcoding', row.id, 'MP3');
    const original = await callApi(
      emulator,
      'getUserrecordingTranscoding',
      downloadPath('transcoding', row.id, 'NONE'),
    );
    const transcodedFolder = join(emulator.dataDir, 'transcoded', row.id);
    const originalFile = join(emulator.dataDir, 'media', row.media_file);
    expect(existsSync(join(transcodedFolder, 'MP3.mp3'))).toBe(true);
    expect(existsSync(originalFile)).toBe(true);

    const deleted = await callApi(emulator, 'deleteUserrecording', `${BASE}/${row.id}`, {
      method: 'DELETE',
    });
    expect(deleted.status).toBe(202);

    for (const uri of [
      response.contentLocationUri,
      (original.body as DownloadResponse).contentLocationUri,
    ]) {
      const { response: media, body } = await fetchMedia(uri ?? '');
      expect(media.status).toBe(404);
      expect(errorBodyOf(body).code).toBe('not.found');
    }
    expect(existsSync(transcodedFolder)).toBe(false);
    expect(existsSync(originalFile)).toBe(false);
  });

  it('DELETE during a job cancels it and leaves no file', async () => {
    // Twenty minutes of noise: quick to make as WAV, and seconds of work for the MP3 encoder.
    const noise = join(scratch, 'noise.wav');
    await execFileAsync('ffmpeg', [
      '-hide_banner',
      '-loglevel',
      'error',
      '-f',
      'lavfi',
      '-i',
      'anoisesrc=duration=1200:sample_rate=16000',
      '-c:a',
      'pcm_s16le',
      noise,
    ]);
    const row = await addRecording(emulator.emulator.context, {
      name: 'long delete',
      sourceFile: noise,
    });
    const started = await callApi(
      emulator,
      'getUserrecordingTranscoding',
      downloadPath('transcoding', row.id, 'MP3'),
    );
    expect(started.status).toBe(202);
    // Wait until ffmpeg has created its temporary output, so the job is mid-way.
    const folder = join(emulator.dataDir, 'transcoded', row.id);
    const deadline = Date.now() + 10_000;
    while (!(
      existsSync(folder) && (await readdir(folder)).some((name) => name.includes('.tmp-'))
    )) {
      expect(Date.now()).toBeLessThan(deadline);
      await sleep(20);
    }

    const deleted = await callApi(emulator, 'deleteUserrecording', `${BASE}/${row.id}`, {
      method: 'DELETE',
    });
    expect(deleted.status).toBe(202);
    expect(existsSync(join(emulator.dataDir, 'transcoded', row.id))).toBe(false);
    expect(existsSync(join(emulator.dataDir, 'media', row.media_file))).toBe(false);
  });
});

describe('expiring media URL', () => {
  let emulator: TestEmulator;

  beforeAll(async () => {
    emulator = await startTestEmulator({ mediaUrlTtlSeconds: 1 });
  });

  afterAll(async () => {
    await emulator?.close();
  });

  it('expired signature is a 403', async () => {
    const row = await addRecording(emulator.emulator.context, { name: 'expiring' });
    const answer = await callApi(
      emulator,
      'getUserrecordingTranscoding',
      downloadPath('transcoding', row.id, 'NONE'),
    );
    const url = new URL((answer.body as DownloadResponse).contentLocationUri ?? '');
    const expiresMs = Number(url.searchParams.get('expires')) * 1000;
    await sleep(Math.max(0, expiresMs - Date.now()) + 50);

    const { response, body } = await fetchMedia(url.href);
    expect(response.status).toBe(403);
    const error = errorBodyOf(body);
    expect(error.code).toBe('not.authorized');
    expect(error.message).toContain('expired');
  });
});

describe('switches', () => {
  it('no-media removes only /media', async () => {
    const emulator = await startTestEmulator({ switches: { mediaRoutes: 'no-media' } });
    try {
      const row = await addRecording(emulator.emulator.context, { name: 'switch' });
      const media = await callApi(
        emulator,
        'getUserrecordingMedia',
        downloadPath('media', row.id, 'NONE'),
      );
      expect(media.status).toBe(404);
      expect((media.body as ErrorBody).code).toBe('not.found');
      const transcoding = await callApi(
        emulator,
        'getUserrecordingTranscoding',
        downloadPath('transcoding', row.id, 'NONE'),
      );
      expect(transcoding.status).toBe(200);
    } finally {
      await emulator.close();
    }
  });

  it('no-transcoding removes only /transcoding', async () => {
    const emulator = await startTestEmulator({ switches: { mediaRoutes: 'no-transcoding' } });
    try {
      const row = await addRecording(emulator.emulator.context, { name: 'switch' });
      const transcoding = await callApi(
        emulator,
        'getUserrecordingTranscoding',
        downloadPath('transcoding', row.id, 'NONE'),
      );
      expect(transcoding.status).toBe(404);
      expect((transcoding.body as ErrorBody).code).toBe('not.found');
      const media = await callApi(
        emulator,
        'getUserrecordingMedia',
        downloadPath('media', row.id, 'NONE'),
      );
      expect(media.status).toBe(200);
    } finally {
      await emulator.close();
    }
  });

  it('media CORS off sends no CORS headers', async () => {
    const emulator = await startTestEmulator({ switches: { mediaCors: false } });
    try {
      const row = await addRecording(emulator.emulator.context, { name: 'no cors' });
      const answer = await callApi(
        emulator,
        'getUserrecordingTranscoding',
        downloadPath('transcoding', row.id, 'NONE'),
      );
      const uri = (answer.body as DownloadResponse).contentLocationUri ?? '';
      const { response } = await fetchMedia(uri, { Origin: emulator.apiUrl });
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await emulator.close();
    }
  });
});
