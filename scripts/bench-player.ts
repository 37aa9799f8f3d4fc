// Benchmark of the recording player against wavesurfer.js's default loading, on a
// 65-minute MP3 served by the emulator. It prints figures and asserts nothing.
// Usage: npm run bench:player [-- --runs 3 --timeout 120 --source FILE --players app,wavesurfer]
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify, parseArgs } from 'node:util';

import { chromium, type Browser } from '@playwright/test';

import { createEmulator, type Emulator } from '../server/app.ts';
import { readConfig } from '../server/config.ts';
import { addRecording, DEMO_CLIPS_DIR } from '../server/demo/seed.ts';
import { RECORDINGS_PATH } from '../server/store/recordings-store.ts';
import { buildAppIfStale } from './app-build.mjs';
import { HeapSampler } from './bench/heap-sampler.ts';
import { installPageMarks, type MarkedWindow, type PageMarks } from './bench/page-marks.ts';
import { findChildPids, readTreeMemory, TreeMemorySampler } from './bench/proc-memory.ts';
import { formatSummary, summarize } from './bench/stats.ts';

const execFileAsync = promisify(execFile);

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--autoplay-policy=no-user-gesture-required',
  '--enable-precise-memory-info',
];
const FORMAT_ID = 'MP3';
/** Length of the benchmarked recording: 65 minutes. */
const RECORDING_SECONDS = 3900;
const MEMORY_INTERVAL_MS = 150;
const HEAP_INTERVAL_MS = 200;
/** Time the browser idles on about:blank before the baseline memory sample. */
const BASELINE_SETTLE_MS = 1000;
/** Sampling continues this long after both marks are reached, to catch a late peak. */
const AFTER_COMPLETE_MS = 2000;
const TRANSCODING_TIMEOUT_MS = 10 * 60_000;
const MB = 1_000_000;

type Variant = 'app' | 'wavesurfer';

const VARIANT_LABELS: Record<Variant, string> = {
  app: 'app player (streaming + peaks worker)',
  wavesurfer: 'wavesurfer.js default (fetch + decodeAudioData)',
};

interface RunResult {
  variant: Variant;
  run: number;
  marks: PageMarks | undefined;
  baselineRssBytes: number;
  baselinePssBytes: number;
  peakRssBytes: number;
  peakPssBytes: number;
  baselinePssBytesByType: Map<string, number>;
  pssBytesByTypeAtPeak: Map<string, number>;
  maxProcessCount: number;
  peakPageHeapBytes: number;
  peakWorkerHeapBytes: number | null;
  error: string | undefined;
}

// ---------------------------------------------------------------------------
// Build and source audio

/** Builds the app into dist/ when it is missing or older than its sources, as `npm start` does. */
function ensureBuild(): void {
  if (!buildAppIfStale()) {
    throw new Error('The app build failed; see the messages above.');
  }
}

/**
 * Makes a 65-minute 44.1 kHz stereo 128 kb/s MP3 of speech, the shape of the long
 * recordings this benchmark is about, by looping a demo clip.
 */
async function makeSourceAudio(folder: string): Promise<string> {
  const output = join(folder, 'long65.mp3');
  const clip = join(DEMO_CLIPS_DIR, 'support-ticket.opus');
  await execFileAsync('ffmpeg', [
    '-hide_banner',
    '-nostdin',
    '-v',
    'error',
    '-stream_loop',
    '-1',
    '-i',
    clip,
    '-t',
    String(RECORDING_SECONDS),
    '-ar',
    '44100',
    '-ac',
    '2',
    '-c:a',
    'libmp3lame',
    '-b:a',
    '128k',
    output,
  ]);
  return output;
}

interface MediaFacts {
  codec: string;
  sampleRate: string;
  channels: string;
  bitRate: string;
  sizeBytes: number;
  durationSeconds: number;
}

async function probeUrl(url: string): Promise<MediaFacts> {
  const { stdout } = await execFileAsync('ffprobe', [
    '-v',
    'error',
    '-show_entries',
    'format=size,bit_rate,duration:stream=codec_name,sample_rate,channels',
    '-of',
    'json',
    url,
  ]);
  const parsed = JSON.parse(stdout) as {
    format: { size?: string; bit_rate?: string; duration?: string };
    streams: { codec_name?: string; sample_rate?: string; channels?: number }[];
  };
  const stream = parsed.streams[0] ?? {};
  return {
    codec: stream.codec_name ?? '?',
    sampleRate: stream.sample_rate ?? '?',
    channels: String(stream.channels ?? '?'),
    bitRate: parsed.format.bit_rate ?? '?',
    sizeBytes: Number(parsed.format.size ?? 0),
    durationSeconds: Number(parsed.format.duration ?? 0),
  };
}

/**
 * Returns the seconds ffmpeg takes to decode the whole file on one thread, a
 * reference for how fast any full decode of it can be on this machine.
 */
async function timeFfmpegDecode(url: string): Promise<number> {
  const started = performance.now();
  await execFileAsync('ffmpeg', [
    '-hide_banner',
    '-nostdin',
    '-v',
    'error',
    '-threads',
    '1',
    '-i',
    url,
    '-f',
    'null',
    '-',
  ]);
  return (performance.now() - started) / 1000;
}

// ---------------------------------------------------------------------------
// Emulator

const WAVESURFER_PAGE = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>wavesurfer.js default loading</title></head>
  <body>
    <div id="waveform"></div>
    <script type="module">
      import WaveSurfer from '/bench/wavesurfer.esm.js';

      const marks = window.__benchMarks;
      const url = new URL(location.href).searchParams.get('url');
      marks.urlReadyAt = performance.now();
      const ws = WaveSurfer.create({ container: '#waveform', url });
      const media = ws.getMediaElement();
      window.__benchWatchMedia(media);
      // Play as early as the element allows: the first canplay, after the whole file is fetched.
      media.addEventListener('canplay', () => {
        if (marks.controlReadyAt !== null) return;
        marks.controlReadyAt = performance.now();
        ws.play().catch((error) => { marks.error ??= 'play() failed: ' + error; });
      });
      ws.on('decode', () => { marks.decodedAt ??= performance.now(); });
      ws.on('ready', () => { marks.waveformCompleteAt ??= performance.now(); });
      ws.on('error', (error) => { marks.error ??= 'wavesurfer error: ' + error; });
    </script>
  </body>
</html>
`;

/**
 * Starts the emulator in this process on free loopback ports with the built app,
 * plus two routes for the standalone wavesurfer.js page. They share the app's
 * origin, so the media origin's CORS headers allow the page's fetch.
 */
async function startEmulator(
  dataDir: string,
  appDir: string,
): Promise<{ emulator: Emulator; apiUrl: string }> {
  const defaults = readConfig({ LOG_LEVEL: 'warn' });
  const emulator = createEmulator({
    ...defaults,
    host: '127.0.0.1',
    port: 0,
    mediaPort: 0,
    dataDir,
    seed: 'none',
    appDir,
    mediaUrlTtlSeconds: 3600,
  });
  const wavesurferModule = await readFile(
    resolve('node_modules/wavesurfer.js/dist/wavesurfer.esm.js'),
    'utf8',
  );
  emulator.api.get('/bench/wavesurfer-default.html', (_request, reply) =>
    reply.type('text/html').send(WAVESURFER_PAGE),
  );
  emulator.api.get('/bench/wavesurfer.esm.js', (_request, reply) =>
    reply.type('text/javascript').send(wavesurferModule),
  );
  const { apiUrl } = await emulator.listen();
  return { emulator, apiUrl: apiUrl.replace(/\/$/, '') };
}

/** Requests the MP3 through `/transcoding` until it is ready and returns its signed URL. */
async function waitForTranscoding(apiUrl: string, recordingId: string): Promise<string> {
  const url = `${apiUrl}${RECORDINGS_PATH}/${recordingId}/transcoding?formatId=${FORMAT_ID}`;
  const deadline = Date.now() + TRANSCODING_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const response = await fetch(url);
    if (response.status === 200) {
      const body = (await response.json()) as { contentLocationUri?: string };
      if (body.contentLocationUri === undefined) {
        throw new Error(`The 200 from ${url} has no contentLocationUri.`);
      }
      return body.contentLocationUri;
    }
    if (response.status !== 202) {
      throw new Error(`GET ${url} failed with ${response.status}: ${await response.text()}`);
    }
    await response.body?.cancel();
    await sleep(1000);
  }
  throw new Error(`Transcoding to ${FORMAT_ID} timed out after ${TRANSCODING_TIMEOUT_MS} ms.`);
}

// ---------------------------------------------------------------------------
// One measured page load

/**
 * Returns `installPageMarks` as a script with its options. tsx compiles with
 * esbuild's `keepNames`, which wraps named functions in a `__name` helper that
 * does not exist in the page, so the script defines a stand-in.
 */
function pageMarksScript(options: Parameters<typeof installPageMarks>[0]): string {
  return `var __name = (target) => target;\n(${installPageMarks.toString()})(${JSON.stringify(options)});`;
}

/** Launches Chromium and returns it with the pid of its browser process. */
async function launchBrowser(): Promise<{ browser: Browser; pid: number }> {
  const before = new Set(findChildPids(process.pid, /chrom/));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: 30_000,
  });
  const pid = findChildPids(process.pid, /chrom/).find((candidate) => !before.has(candidate));
  if (pid === undefined) {
    await browser.close();
    throw new Error('The Chromium browser process was not found among this process’s children.');
  }
  return { browser, pid };
}

async function measureRun(
  variant: Variant,
  run: number,
  pageUrl: string,
  timeoutMs: number,
): Promise<RunResult> {
  const deadline = Date.now() + timeoutMs;
  const { browser, pid } = await launchBrowser();
  const result: RunResult = {
    variant,
    run,
    marks: undefined,
    baselineRssBytes: 0,
    baselinePssBytes: 0,
    peakRssBytes: 0,
    peakPssBytes: 0,
    baselinePssBytesByType: new Map(),
    pssBytesByTypeAtPeak: new Map(),
    maxProcessCount: 0,
    peakPageHeapBytes: 0,
    peakWorkerHeapBytes: null,
    error: undefined,
  };
  const memory = new TreeMemorySampler(pid, MEMORY_INTERVAL_MS);
  let heap: HeapSampler | undefined;
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('response', (response) => {
      if (response.status() >= 400 && response.request().resourceType() !== 'media') {
        pageErrors.push(`${response.status()} from ${response.url()}`);
      }
    });
    await page.goto('about:blank');
    await sleep(BASELINE_SETTLE_MS);
    const baseline = readTreeMemory(pid);
    result.baselineRssBytes = baseline.rssBytes;
    result.baselinePssBytes = baseline.pssBytes;
    result.baselinePssBytesByType = baseline.pssBytesByType;

    await page.addInitScript({
      content: pageMarksScript({ clickPlay: variant === 'app', formatId: FORMAT_ID }),
    });
    heap = new HeapSampler(browser, page, HEAP_INTERVAL_MS);
    await heap.start();
    memory.start();

    await page.goto(pageUrl, { waitUntil: 'commit' });
    try {
      await page.waitForFunction(
        () => {
          const marks = (window as unknown as MarkedWindow).__benchMarks;
          return (
            marks.error !== null ||
            (marks.advancingAt !== null && marks.waveformCompleteAt !== null)
          );
        },
        undefined,
        { polling: 100, timeout: Math.max(1, deadline - Date.now()) },
      );
      await sleep(AFTER_COMPLETE_MS);
    } catch (error) {
      const seen = pageErrors.length === 0 ? 'no page errors' : pageErrors.slice(0, 3).join('; ');
      result.error = `timed out after ${timeoutMs / 1000} s (${String(error).split('\n')[0]}; ${seen})`;
    }
    await heap.sample();
    memory.sample();
    result.marks = await page.evaluate(() => (window as unknown as MarkedWindow).__benchMarks);
    if (result.marks.error !== null) {
      result.error = result.marks.error;
    } else if (result.marks.waveformFromCache === true) {
      result.error = 'the waveform came from the IndexedDB cache, so the run measured no decoding';
    }
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
  } finally {
    memory.stop();
    await heap?.stop();
    result.peakRssBytes = memory.peakRssBytes;
    result.peakPssBytes = memory.peakPssBytes;
    result.pssBytesByTypeAtPeak = memory.pssBytesByTypeAtPeak;
    result.maxProcessCount = memory.maxProcessCount;
    result.peakPageHeapBytes = heap?.peakPageHeapBytes ?? 0;
    result.peakWorkerHeapBytes = heap?.peakWorkerHeapBytes ?? null;
    await browser.close();
  }
  return result;
}

// ---------------------------------------------------------------------------
// Report

function elapsed(from: number | null | undefined, to: number | null | undefined): number | null {
  return from === null || from === undefined || to === null || to === undefined ? null : to - from;
}

interface Metric {
  label: string;
  value: (result: RunResult) => number | null;
  scale: number;
  decimals: number;
  unit: string;
  target: string;
}

const METRICS: readonly Metric[] = [
  {
    label: 'navigation → audio playing',
    value: (r) => r.marks?.advancingAt ?? null,
    scale: 1000,
    decimals: 2,
    unit: 's',
    target: '',
  },
  {
    label: 'URL ready → audio playing',
    value: (r) => elapsed(r.marks?.urlReadyAt, r.marks?.advancingAt),
    scale: 1000,
    decimals: 2,
    unit: 's',
    target: '≤ 1 s',
  },
  {
    label: 'click or play() → audio playing',
    value: (r) => elapsed(r.marks?.clickedAt ?? r.marks?.controlReadyAt, r.marks?.advancingAt),
    scale: 1000,
    decimals: 2,
    unit: 's',
    target: '',
  },
  {
    label: 'navigation → complete waveform',
    value: (r) => r.marks?.waveformCompleteAt ?? null,
    scale: 1000,
    decimals: 2,
    unit: 's',
    target: '≤ 5 s',
  },
  {
    label: 'URL ready → complete waveform',
    value: (r) => elapsed(r.marks?.urlReadyAt, r.marks?.waveformCompleteAt),
    scale: 1000,
    decimals: 2,
    unit: 's',
    target: '',
  },
  {
    label: 'peak RSS, all Chromium processes',
    value: (r) => r.peakRssBytes,
    scale: MB,
    decimals: 0,
    unit: 'MB',
    target: '',
  },
  {
    label: 'RSS growth over about:blank',
    value: (r) => r.peakRssBytes - r.baselineRssBytes,
    scale: MB,
    decimals: 0,
    unit: 'MB',
    target: '< 150 MB',
  },
  {
    label: 'peak PSS, all Chromium processes',
    value: (r) => r.peakPssBytes,
    scale: MB,
    decimals: 0,
    unit: 'MB',
    target: '',
  },
  {
    label: 'PSS growth over about:blank',
    value: (r) => r.peakPssBytes - r.baselinePssBytes,
    scale: MB,
    decimals: 0,
    unit: 'MB',
    target: '< 150 MB',
  },
  {
    label: 'peak JS heap, page',
    value: (r) => r.peakPageHeapBytes,
    scale: MB,
    decimals: 1,
    unit: 'MB',
    target: '',
  },
  {
    label: 'peak JS heap, workers',
    value: (r) => r.peakWorkerHeapBytes,
    scale: MB,
    decimals: 1,
    unit: 'MB',
    target: '',
  },
];

function printRun(result: RunResult): void {
  const marks = result.marks;
  const seconds = (value: number | null | undefined) =>
    value === null || value === undefined ? '-' : (value / 1000).toFixed(2);
  console.log(
    `  run ${result.run} ${result.variant.padEnd(10)} ` +
      `url ${seconds(marks?.urlReadyAt)} s, control ${seconds(marks?.controlReadyAt)} s, ` +
      `playing ${seconds(marks?.advancingAt)} s, waveform ${seconds(marks?.waveformCompleteAt)} s, ` +
      `RSS ${(result.baselineRssBytes / MB).toFixed(0)} → ${(result.peakRssBytes / MB).toFixed(0)} MB ` +
      `(${result.maxProcessCount} processes)` +
      (marks?.sourceSetAtControlReady === false ? ', no src when Play was enabled' : '') +
      (result.error === undefined ? '' : `  FAILED: ${result.error}`),
  );
  console.log(`        PSS growth at the peak by process type: ${describeGrowthByType(result)}`);
}

/** Lists the process types whose PSS grew most between the baseline and the peak. */
function describeGrowthByType(result: RunResult): string {
  const growth = [...result.pssBytesByTypeAtPeak].map(
    ([type, bytes]) => [type, bytes - (result.baselinePssBytesByType.get(type) ?? 0)] as const,
  );
  return growth
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([type, bytes]) => `${type} ${(bytes / MB).toFixed(0)} MB`)
    .join(', ');
}

function printTable(results: readonly RunResult[]): void {
  const succeeded = results.filter((result) => result.error === undefined);
  const header = ['', VARIANT_LABELS.app, VARIANT_LABELS.wavesurfer, 'target'];
  const rows = METRICS.map((metric) => [
    metric.label,
    ...(['app', 'wavesurfer'] as const).map((variant) =>
      formatSummary(
        summarize(succeeded.filter((r) => r.variant === variant).map(metric.value)),
        metric.scale,
        metric.decimals,
        metric.unit,
      ),
    ),
    metric.target,
  ]);
  const widths = header.map((_, column) =>
    Math.max(...[header, ...rows].map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
  for (const row of rows) {
    console.log(line(row));
  }
  for (const variant of ['app', 'wavesurfer'] as const) {
    const failed = results.filter((r) => r.variant === variant && r.error !== undefined).length;
    if (failed > 0) {
      console.log(`${VARIANT_LABELS[variant]}: ${failed} run(s) failed and are left out above.`);
    }
  }
}

// ---------------------------------------------------------------------------
// Main

function readOptions() {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '3' },
      timeout: { type: 'string', default: '120' },
      source: { type: 'string' },
      players: { type: 'string', default: 'app,wavesurfer' },
    },
  });
  const players = values.players.split(',').map((name) => name.trim());
  for (const name of players) {
    if (name !== 'app' && name !== 'wavesurfer') {
      throw new Error(
        `--players ${values.players} is invalid: expected a comma-separated list of app and wavesurfer.`,
      );
    }
  }
  const runs = Number(values.runs);
  const timeoutSeconds = Number(values.timeout);
  if (!Number.isInteger(runs) || runs < 1) {
    throw new Error(
      `--runs ${values.runs} is invalid: expected a whole number of runs, 1 or more.`,
    );
  }
  if (!(timeoutSeconds > 0)) {
    throw new Error(`--timeout ${values.timeout} is invalid: expected seconds per run, above 0.`);
  }
  return {
    runs,
    timeoutMs: timeoutSeconds * 1000,
    source: values.source,
    players: players as Variant[],
  };
}

async function main(): Promise<void> {
  const options = readOptions();
  console.log(
    `Command: npm run bench:player${process.argv.length > 2 ? ' -- ' : ''}${process.argv.slice(2).join(' ')}`,
  );
  const cpuList = cpus();
  console.log(
    `Machine: ${cpuList[0]?.model ?? 'unknown CPU'} × ${cpuList.length}, ` +
      `${(totalmem() / 2 ** 30).toFixed(1)} GiB memory, Node ${process.version}`,
  );
  console.log(
    `Load average before: ${loadavg()
      .map((load) => load.toFixed(2))
      .join(' ')}`,
  );

  ensureBuild();
  const folder = await mkdtemp(join(tmpdir(), 'bench-player-'));
  let emulator: Emulator | undefined;
  const stop = () => {
    void (async () => {
      await emulator?.close();
      await rm(folder, { recursive: true, force: true });
      process.exit(130);
    })();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    let source = options.source;
    if (source === undefined) {
      console.log(`Encoding a ${RECORDING_SECONDS} s 44.1 kHz stereo 128 kb/s MP3 ...`);
      source = await makeSourceAudio(folder);
    }
    // A copy, because another build into dist/ during the runs would empty it for a moment.
    const appDir = join(folder, 'app');
    await cp(resolve('dist'), appDir, { recursive: true });
    const started = await startEmulator(join(folder, 'data'), appDir);
    emulator = started.emulator;
    const { apiUrl } = started;
    console.log(`Importing ${source} into the emulator at ${apiUrl} ...`);
    const row = await addRecording(emulator.context, {
      name: 'Benchmark recording',
      sourceFile: source,
    });
    console.log(`Recording ${row.id}: ${(row.duration_ms / 1000).toFixed(1)} s.`);

    const warmStart = Date.now();
    const mediaUrl = await waitForTranscoding(apiUrl, row.id);
    const facts = await probeUrl(mediaUrl);
    console.log(
      `Transcoding to ${FORMAT_ID} pre-warmed in ${((Date.now() - warmStart) / 1000).toFixed(1)} s; ` +
        'every run starts with the file ready (the first /transcoding request returns 200).',
    );
    console.log(
      `Served file: ${facts.codec}, ${facts.sampleRate} Hz, ${facts.channels} channel(s), ` +
        `${(Number(facts.bitRate) / 1000).toFixed(0)} kb/s, ${(facts.sizeBytes / MB).toFixed(1)} MB, ` +
        `${facts.durationSeconds.toFixed(1)} s.`,
    );

    const decodeSeconds = await timeFfmpegDecode(mediaUrl);
    console.log(
      `ffmpeg decodes the served file on one thread in ${decodeSeconds.toFixed(1)} s ` +
        '(a reference for the speed of any full decode of it on this machine).',
    );

    const browserInfo = await launchBrowser();
    console.log(
      `Chromium: ${browserInfo.browser.version()} (${CHROMIUM}), headless, ${CHROMIUM_ARGS.join(' ')}`,
    );
    await browserInfo.browser.close();

    const results: RunResult[] = [];
    for (let run = 1; run <= options.runs; run += 1) {
      for (const variant of options.players) {
        const pageUrl =
          variant === 'app'
            ? `${apiUrl}/recordings/${row.id}`
            : `${apiUrl}/bench/wavesurfer-default.html?url=${encodeURIComponent(
                await waitForTranscoding(apiUrl, row.id),
              )}`;
        const result = await measureRun(variant, run, pageUrl, options.timeoutMs);
        printRun(result);
        results.push(result);
      }
    }

    console.log('');
    console.log(`Median (min–max) of ${options.runs} runs per player, a fresh browser each:`);
    printTable(results);
    console.log(
      `Load average after: ${loadavg()
        .map((load) => load.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    await emulator?.close();
    await rm(folder, { recursive: true, force: true });
  }
}

try {
  await main();
} catch (error) {
  console.error(`The benchmark failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
