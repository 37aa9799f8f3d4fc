import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import type { Page } from '@playwright/test';

import { expect, test } from './fixtures';

// Headless Chromium blocks play() without a user gesture; the tests click Play,
// and this switch keeps the resume-after-renewal path from being blocked.
test.use({
  launchOptions: {
    ...(existsSync('/usr/bin/chromium') ? { executablePath: '/usr/bin/chromium' } : {}),
    args: ['--no-sandbox', '--disable-gpu', '--autoplay-policy=no-user-gesture-required'],
  },
});

/** Page object for the recording player on the detail page. */
export class PlayerPage {
  constructor(readonly page: Page) {}

  /** Opens a recording with the given format remembered as the user's choice. */
  async open(
    recordingId: string,
    options: { format?: string; hash?: string; baseUrl?: string } = {},
  ) {
    const { format = 'MP3', hash = '', baseUrl = '' } = options;
    await this.page.addInitScript((value) => localStorage.setItem('player.format', value), format);
    await this.page.goto(`${baseUrl}/recordings/${recordingId}${hash}`);
  }

  get playButton() {
    return this.page.getByRole('button', { name: 'Play', exact: true });
  }

  get pauseButton() {
    return this.page.getByRole('button', { name: 'Pause', exact: true });
  }

  get seekSlider() {
    return this.page.getByRole('slider', { name: 'Seek' });
  }

  get waveform() {
    return this.page.getByTestId('waveform');
  }

  async waitUntilReady() {
    await expect(this.playButton).toBeEnabled({ timeout: 60_000 });
  }

  async currentTime(): Promise<number> {
    return this.page
      .getByTestId('player-audio')
      .evaluate((audio: HTMLAudioElement) => audio.currentTime);
  }

  async audioState() {
    return this.page.getByTestId('player-audio').evaluate((audio: HTMLAudioElement) => ({
      currentTime: audio.currentTime,
      paused: audio.paused,
      src: audio.src,
      error: audio.error?.code,
      playbackRate: audio.playbackRate,
      muted: audio.muted,
    }));
  }

  async play() {
    await this.waitUntilReady();
    await this.playButton.click();
    await expect.poll(() => this.currentTime(), { timeout: 15_000 }).toBeGreaterThan(0.3);
  }
}

let casesDir = '';
/** About 40 s of speech in Ogg Vorbis; the demo clips are too short to seek 15 s. */
const speech = () => join(casesDir, 'voice.ogg');

test.beforeAll(() => {
  casesDir = mkdtempSync(join(tmpdir(), 'player-cases-'));
  execFileSync('bash', [resolve('scripts/make-audio-cases.sh'), casesDir, '--short'], {
    stdio: 'ignore',
  });
});

test.afterAll(() => {
  rmSync(casesDir, { recursive: true, force: true });
});

const FORMATS = ['MP3', 'WAV_ULAW', 'WEBM', 'OGG_OPUS', 'OGG_VORBIS', 'WAV', 'NONE'];

for (const format of FORMATS) {
  test(`plays and seeks ${format}`, async ({ page, seed }) => {
    const recording = await seed({ name: `Format ${format}`, sourceFile: speech() });
    const player = new PlayerPage(page);
    await player.open(recording.id, { format });

    await player.play();
    await player.pauseButton.click();
    const before = await player.currentTime();
    await player.seekSlider.focus();
    await page.keyboard.press('ArrowRight');

    await expect.poll(() => player.currentTime()).toBeGreaterThan(before + 4);
    expect(Math.abs((await player.currentTime()) - (before + 5))).toBeLessThan(0.25);
  });
}

test('Play clicked once enabled plays', async ({ page, seed }) => {
  const recording = await seed({ name: 'Early click', sourceFile: speech() });
  // Clicks Play in the same task that enables it, before React runs any passive
  // effect, and records whether the audio element had its source by then.
  await page.addInitScript(() => {
    const observer = new MutationObserver(() => {
      const play = document.querySelector<HTMLButtonElement>('button.player-play');
      if (play === null || play.disabled) {
        return;
      }
      observer.disconnect();
      const audio = document.querySelector('audio');
      document.documentElement.dataset.srcAtClick = String(audio?.getAttribute('src') !== null);
      play.click();
    });
    observer.observe(document, { subtree: true, childList: true, attributes: true });
  });
  const player = new PlayerPage(page);
  await player.open(recording.id);

  await expect(page.locator('html')).toHaveAttribute('data-src-at-click', 'true', {
    timeout: 60_000,
  });
  await expect.poll(() => player.currentTime(), { timeout: 15_000 }).toBeGreaterThan(0.3);
  await expect(player.pauseButton).toBeVisible();
});

test('WebM without Duration plays with the stored duration', async ({ page, seed }) => {
  const recording = await seed({ name: 'Recorder WebM', sourceFile: join(casesDir, 'nodur.webm') });
  const player = new PlayerPage(page);
  await player.open(recording.id, { format: 'NONE' });

  await player.play();

  await expect(player.seekSlider).toHaveAttribute('aria-valuetext', /of 0:40$/);
});

test('µ-law WAV plays with the right duration', async ({ page, seed }) => {
  const recording = await seed({ name: 'Telephone', sourceFile: join(casesDir, 'ulaw8k.wav') });
  const player = new PlayerPage(page);
  await player.open(recording.id, { format: 'WAV_ULAW' });

  await player.play();

  await expect(player.seekSlider).toHaveAttribute('aria-valuetext', /of 0:40$/);
});

test('GSM original shows a message and another format', async ({ page, seed }) => {
  const recording = await seed({ name: 'GSM', sourceFile: join(casesDir, 'gsm8k.wav') });
  const player = new PlayerPage(page);
  await player.open(recording.id, { format: 'NONE' });

  await expect(page.getByRole('alert')).toContainText('cannot play the file in this format');
  await page.getByRole('button', { name: 'Switch to MP3' }).click();

  await player.play();
});

test('silent recording draws a flat waveform', async ({ page, seed }) => {
  const recording = await seed({ name: 'Silence', sourceFile: join(casesDir, 'silent60.wav') });
  const player = new PlayerPage(page);
  await player.open(recording.id);

  await expect(player.waveform).toHaveAttribute('data-peaks-status', 'complete', {
    timeout: 30_000,
  });
  await player.play();
});

test('hour-long recording plays and draws a full waveform', async ({ page, seed }) => {
  test.setTimeout(240_000);
  // The original (16 kHz Opus in Ogg, about 11 MB for 65 minutes) needs no transcoding.
  const recording = await seed({ name: 'Long call', durationSeconds: 3900 });
  const player = new PlayerPage(page);
  await player.open(recording.id, { format: 'NONE' });

  await player.play();
  await expect(player.seekSlider).toHaveAttribute('aria-valuetext', /of 1:05:00$/);
  await player.seekSlider.focus();
  await page.keyboard.press('End');
  await expect.poll(() => player.currentTime()).toBeGreaterThan(3800);
  await expect(player.waveform).toHaveAttribute('data-peaks-status', 'complete', {
    timeout: 180_000,
  });
});

test('split MP3 places its silence correctly', async ({ page, seed }) => {
  test.setTimeout(120_000);
  // Noise with silence from 300 s to 310 s. The MP3 is cut into many blocks that
  // decoders on two threads decode apart, so a gap in the right buckets shows that
  // each block's samples were placed on the timeline correctly.
  const source = join(casesDir, 'gap600.wav');
  execFileSync('ffmpeg', [
    '-hide_banner',
    '-nostdin',
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    'anoisesrc=d=600:c=pink:a=0.5:seed=3',
    '-af',
    "volume='if(between(t,300,310),0,1)':eval=frame",
    '-ar',
    '44100',
    '-ac',
    '2',
    source,
  ]);
  const recording = await seed({ name: 'Gap at five minutes', sourceFile: source });
  const player = new PlayerPage(page);
  await player.open(recording.id, { format: 'MP3' });
  await expect(player.waveform).toHaveAttribute('data-peaks-status', 'complete', {
    timeout: 90_000,
  });

  // The complete peaks are cached in IndexedDB, so the test reads them back from there.
  const peaks = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolvePromise, reject) => {
      const request = indexedDB.open('recordings-player');
      request.onsuccess = () => resolvePromise(request.result);
      request.onerror = () => reject(request.error ?? new Error('IndexedDB failed'));
    });
    const entries = await new Promise<unknown[]>((resolvePromise, reject) => {
      const request = db.transaction('peaks').objectStore('peaks').getAll();
      request.onsuccess = () => resolvePromise(request.result);
      request.onerror = () => reject(request.error ?? new Error('IndexedDB failed'));
    });
    const entry = entries[0] as { peaksPerSecond: number; max: Float32Array; min: Float32Array };
    return { peaksPerSecond: entry.peaksPerSecond, max: [...entry.max], min: [...entry.min] };
  });
  const loudest = (fromSecond: number, toSecond: number) => {
    const from = Math.round(fromSecond * peaks.peaksPerSecond);
    const to = Math.round(toSecond * peaks.peaksPerSecond);
    return Math.max(
      ...peaks.max.slice(from, to).map(Math.abs),
      ...peaks.min.slice(from, to).map(Math.abs),
    );
  };
  expect(peaks.max).toHaveLength(600 * peaks.peaksPerSecond);
  expect(loudest(300.1, 309.9)).toBeLessThan(0.01);
  expect(loudest(299.5, 299.9)).toBeGreaterThan(0.1);
  expect(loudest(310.1, 310.5)).toBeGreaterThan(0.1);
  expect(loudest(590, 599.9)).toBeGreaterThan(0.1);
});

test('second visit draws the waveform from the cache', async ({ page, seed }) => {
  const recording = await seed({ name: 'Cached', sourceFile: speech() });
  const player = new PlayerPage(page);
  await player.open(recording.id);
  await expect(player.waveform).toHaveAttribute('data-peaks-status', 'complete', {
    timeout: 30_000,
  });
  await expect(player.waveform).toHaveAttribute('data-peaks-cached', 'false');

  await page.reload();

  await expect(player.waveform).toHaveAttribute('data-peaks-cached', 'true', { timeout: 5_000 });
});

test('#t= starts at that time', async ({ page, seed }) => {
  const recording = await seed({ name: 'Deep link', sourceFile: speech() });
  const player = new PlayerPage(page);
  await player.open(recording.id, { hash: '#t=0:20' });

  await player.waitUntilReady();
  await expect.poll(() => player.currentTime()).toBeGreaterThanOrEqual(19.75);
  await player.playButton.click();
  await expect.poll(() => player.currentTime()).toBeGreaterThan(20.2);
});

test('position is resumed on the next visit', async ({ page, seed }) => {
  const recording = await seed({ name: 'Resume', sourceFile: speech() });
  const player = new PlayerPage(page);
  await player.open(recording.id);
  await player.waitUntilReady();
  await player.seekSlider.focus();
  await page.keyboard.press('Shift+ArrowRight');
  await expect.poll(() => player.currentTime()).toBeGreaterThan(14.5);
  await player.playButton.click();
  await player.pauseButton.click();

  await page.reload();
  await player.waitUntilReady();

  await expect.poll(() => player.currentTime()).toBeGreaterThan(14.5);
});

test('keyboard shortcuts control playback', async ({ page, seed }) => {
  const recording = await seed({ name: 'Keys', sourceFile: speech() });
  const player = new PlayerPage(page);
  await player.open(recording.id);
  await player.waitUntilReady();
  await page.locator('body').click({ position: { x: 5, y: 5 } });

  await page.keyboard.press('Space');
  await expect.poll(async () => (await player.audioState()).paused).toBe(false);
  await page.keyboard.press('Space');
  await expect.poll(async () => (await player.audioState()).paused).toBe(true);

  const start = await player.currentTime();
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => player.currentTime()).toBeCloseTo(start + 5, 0);
  await page.keyboard.press('Shift+ArrowLeft');
  await expect.poll(() => player.currentTime()).toBeCloseTo(0, 0);
  await page.keyboard.press('End');
  await expect.poll(() => player.currentTime()).toBeGreaterThan(30);
  await page.keyboard.press('Home');
  await expect.poll(() => player.currentTime()).toBeLessThan(0.25);

  await page.keyboard.press('>');
  await expect.poll(async () => (await player.audioState()).playbackRate).toBe(1.25);
  await page.keyboard.press('<');
  await page.keyboard.press('<');
  await expect.poll(async () => (await player.audioState()).playbackRate).toBe(0.75);

  await page.keyboard.press('m');
  await expect.poll(async () => (await player.audioState()).muted).toBe(true);

  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeHidden();
});

test('expired media URL recovers', async ({ page, startEmulatorWith }) => {
  test.setTimeout(60_000);
  const running = await startEmulatorWith({ mediaUrlTtlSeconds: 2 });
  const { addRecording } = await import('../server/demo/seed.ts');
  // Two minutes of WAV (about 11 MB) is far more than Chromium buffers ahead while
  // playing (2 MB or more), so a seek a minute ahead needs new bytes.
  const recording = await addRecording(running.emulator.context, {
    name: 'Short-lived link',
    sourceFile: speech(),
    durationSeconds: 120,
  });
  const urlRequests: string[] = [];
  page.on('request', (request) => {
    if (/\/userrecordings\/[^/]+\/(transcoding|media)\b/.test(request.url())) {
      urlRequests.push(request.url());
    }
  });
  const player = new PlayerPage(page);
  await player.open(recording.id, { baseUrl: running.apiUrl, format: 'WAV' });
  await player.play();
  const requestsBeforeExpiry = urlRequests.length;
  const firstSrc = (await player.audioState()).src;

  // Wall-clock time must pass for the signed URL to expire.
  await player.pauseButton.click();
  await expect
    .poll(
      async () => (await page.request.get(firstSrc, { headers: { Range: 'bytes=0-1' } })).status(),
      { timeout: 10_000 },
    )
    .toBe(403);
  await player.playButton.click();
  const seekFrom = await player.currentTime();
  await player.seekSlider.focus();
  for (let step = 0; step < 4; step += 1) {
    await page.keyboard.press('Shift+ArrowRight');
  }

  await expect
    .poll(() => player.currentTime(), { timeout: 30_000 })
    .toBeGreaterThan(seekFrom + 60 + 3);
  expect(urlRequests.length).toBeGreaterThan(requestsBeforeExpiry);
  expect((await player.audioState()).src).not.toBe(firstSrc);
  expect((await player.audioState()).paused).toBe(false);
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('refused renewed URL shows Retry', async ({ page, seed }) => {
  const recording = await seed({ name: 'Refused link', sourceFile: speech() });
  const player = new PlayerPage(page);
  await player.open(recording.id);
  await player.play();
  const mediaOrigin = new URL((await player.audioState()).src).origin;
  const appOrigin = new URL(page.url()).origin;

  const urlRequests: string[] = [];
  page.on('request', (request) => {
    if (/\/userrecordings\/[^/]+\/(transcoding|media)\b/.test(request.url())) {
      urlRequests.push(request.url());
    }
  });

  // From now on the media origin refuses every request, as S3 does for an expired link.
  await page.route(`${mediaOrigin}/**`, (route) =>
    route.fulfill({
      status: 403,
      contentType: 'application/xml',
      headers: { 'access-control-allow-origin': appOrigin },
      body: '<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>',
    }),
  );
  await player.seekSlider.focus();
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowRight');

  const alert = page.getByRole('alert');
  await expect(alert).toContainText('HTTP 403', { timeout: 20_000 });
  expect(urlRequests).toHaveLength(1);
  const position = await player.currentTime();
  expect(position).toBeGreaterThan(29);

  await page.unroute(`${mediaOrigin}/**`);
  await alert.getByRole('button', { name: 'Retry' }).click();

  await expect(alert).toHaveCount(0);
  await expect.poll(() => player.currentTime(), { timeout: 15_000 }).toBeGreaterThan(position + 1);
});

test('waveform survives a refused URL', async ({ page, seed }) => {
  const recording = await seed({ name: 'Waveform refused', sourceFile: speech() });
  // The media origin serves the player's first probe and then rejects every
  // request until the player has asked the API for a new URL, so the element and
  // the peaks worker both meet a 403. (A URL renewed within the same second has
  // the same signature, so the refusal cannot go by URL.)
  let urlRequests = 0;
  let urlRequestsAtProbe: number | undefined;
  let rejectedWorkerRequests = 0;
  page.on('request', (request) => {
    if (/\/userrecordings\/[^/]+\/transcoding\b/.test(request.url())) {
      urlRequests += 1;
    }
  });
  await page.route(/\/media\/.*signature=/, async (route) => {
    if (urlRequestsAtProbe === undefined || urlRequests > urlRequestsAtProbe) {
      urlRequestsAtProbe ??= urlRequests;
      return route.continue();
    }
    const headers = route.request().headers();
    // The peaks worker reads with fetch (no 'audio' destination) and ranges beyond the probe's.
    if (headers['sec-fetch-dest'] !== 'audio' && headers['range'] !== 'bytes=0-1') {
      rejectedWorkerRequests += 1;
    }
    return route.fulfill({
      status: 403,
      headers: { 'access-control-allow-origin': new URL(page.url()).origin },
      body: 'expired',
    });
  });
  const player = new PlayerPage(page);
  await player.open(recording.id, { format: 'WAV' });

  await expect(player.waveform).toHaveAttribute('data-peaks-status', 'complete', {
    timeout: 30_000,
  });
  await player.play();
  expect(rejectedWorkerRequests).toBeGreaterThan(0);
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('media origin without CORS still plays', async ({ page, startEmulatorWith }) => {
  const running = await startEmulatorWith({ switches: { mediaCors: false } });
  const { addRecording } = await import('../server/demo/seed.ts');
  const recording = await addRecording(running.emulator.context, {
    name: 'No CORS',
    sourceFile: speech(),
  });
  const player = new PlayerPage(page);
  await player.open(recording.id, { baseUrl: running.apiUrl });

  await player.play();

  await expect(page.getByText(/does not send CORS headers/)).toBeVisible();
});

test('fast switching ends on the last recording', async ({ page, seed }) => {
  const [first, second, third] = await Promise.all([
    seed({ name: 'Switch one', sourceFile: speech() }),
    seed({ name: 'Switch two', sourceFile: speech() }),
    seed({ name: 'Switch three', sourceFile: speech() }),
  ]);
  const player = new PlayerPage(page);
  await player.open(first.id);
  for (const recording of [second, third]) {
    await page.evaluate((path) => {
      window.history.pushState({}, '', path);
      window.dispatchEvent(new PopStateEvent('popstate'));
    }, `/recordings/${recording.id}`);
  }

  await expect(page.getByRole('region', { name: 'Player for Switch three' })).toBeVisible();
  await player.play();
  const state = await player.audioState();
  expect(state.src).toContain(third.id);
  await expect(page.getByRole('region', { name: /^Player for/ })).toHaveCount(1);
});

const MAGIC: Record<string, (bytes: Buffer) => boolean> = {
  MP3: (b) =>
    b.subarray(0, 3).toString('latin1') === 'ID3' || (b[0] === 0xff && (b[1]! & 0xe0) === 0xe0),
  WAV: (b) =>
    b.subarray(0, 4).toString('latin1') === 'RIFF' &&
    b.subarray(8, 12).toString('latin1') === 'WAVE',
  WEBM: (b) => b.readUInt32BE(0) === 0x1a45dfa3,
  OGG_OPUS: (b) => b.subarray(0, 4).toString('latin1') === 'OggS',
};

for (const [format, check] of Object.entries(MAGIC)) {
  test(`download saves ${format} bytes`, async ({ page, seed }) => {
    const recording = await seed({ name: `Download ${format}` });
    const player = new PlayerPage(page);
    await player.open(recording.id, { format });
    await player.waitUntilReady();

    const downloadPromise = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download' }).click();
    const download = await downloadPromise;
    const path = await download.path();
    const bytes = readFileSync(path);

    expect(download.suggestedFilename()).toMatch(/^Download /);
    expect(check(bytes)).toBe(true);
  });
}
