import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';

import type { FastifyBaseLogger } from 'fastify';

import type { EmulatorConfig } from '../config.ts';
import { ApiProblem, notFound } from '../errors.ts';
import type { RecordingRow, RecordingsStore } from '../store/recordings-store.ts';
import type { FormatId } from '../types.ts';
import { commitTempFile, TEMP_MARKER, tempPathFor } from './atomic-file.ts';
import { locateMediaTools, runTool, type MediaTools } from './ffmpeg.ts';
import { FORMATS, originalMimeType, transcodeArgs, type TranscodedFormat } from './formats.ts';
import { importRecording, mediaFolder, type ImportSpec } from './import-recording.ts';
import { JobLimiter } from './job-limiter.ts';
import { buildSignedUrl, checkSignedPath, type SignatureCheck } from './signed-url.ts';

export type DownloadState =
  { state: 'Completed'; contentLocationUri: string } | { state: 'Running' };

/** A file the media origin may serve. */
export interface MediaFile {
  path: string;
  mimeType: string;
  /** File name offered to the browser in Content-Disposition. */
  downloadName: string;
}

interface Job {
  controller: AbortController;
  done: Promise<void>;
}

export interface MediaServiceOptions {
  config: EmulatorConfig;
  store: RecordingsStore;
  log: FastifyBaseLogger;
  tools?: MediaTools;
}

/** URL path of a recording's file on the media origin. */
export function mediaPath(recordingId: string, fileName: string): string {
  return `/media/${recordingId}/${fileName}`;
}

/** Age after which a temporary file in `media/` is taken to be left by a crashed import. */
const STALE_IMPORT_MS = 60 * 60 * 1000;

const FILE_NAME_PATTERN = /^([A-Z0-9_]+)\.([a-z0-9]{1,5})$/;

/** Characters kept in a download file name; anything else becomes `_`. */
function safeFileName(name: string): string {
  const cleaned = name.replace(/[^\p{L}\p{N} ._()-]+/gu, '_').trim();
  return cleaned === '' ? 'recording' : cleaned.slice(0, 120);
}

/**
 * Transcodes recordings on demand and stores the results. One job runs per
 * (recording, format) however many requests arrive, at most one job per CPU core
 * at a time, and each finished file is kept in `<dataDir>/transcoded/<id>/`.
 */
export class MediaService {
  readonly tools: MediaTools;
  readonly transcodedDir: string;
  readonly mediaDir: string;
  private readonly config: EmulatorConfig;
  private readonly store: RecordingsStore;
  private readonly log: FastifyBaseLogger;
  private readonly limiter = new JobLimiter(Math.max(1, availableParallelism()));
  private readonly jobs = new Map<string, Job>();
  private readonly failures = new Map<string, string>();
  private readonly background = new Set<{ controller: AbortController; done: Promise<void> }>();
  private mediaBaseUrl = '';
  private allowedOrigin: string | undefined;
  private closed = false;
  private startedJobs = 0;

  constructor({ config, store, log, tools }: MediaServiceOptions) {
    this.config = config;
    this.store = store;
    this.log = log;
    this.tools = tools ?? locateMediaTools();
    this.mediaDir = mediaFolder(config.dataDir);
    this.transcodedDir = join(config.dataDir, 'transcoded');
    this.removeLeftoverTempFiles();
  }

  /** Number of transcoding jobs started since creation, for tests. */
  get jobsStarted(): number {
    return this.startedJobs;
  }

  /** Sets the origin of the media server, for example `http://127.0.0.1:8788`. */
  setMediaBaseUrl(url: string): void {
    this.mediaBaseUrl = url.replace(/\/$/, '');
  }

  /** Sets the origin of the app, which the media server names in its CORS headers. */
  setAllowedOrigin(origin: string): void {
    this.allowedOrigin = new URL(origin).origin;
  }

  getAllowedOrigin(): string | undefined {
    return this.allowedOrigin;
  }

  /**
   * Returns the download state of a recording in a format, starting its job when
   * the file is neither stored nor being made. Throws 404 for an unknown recording,
   * and 500 once after a job failed (the next call starts a new job).
   */
  getDownload(recordingId: string, formatId: FormatId): DownloadState {
    const row = this.store.get(recordingId);
    if (row === undefined) {
      throw notFound(recordingId);
    }
    if (formatId === 'NONE') {
      return this.completed(recordingId, `NONE.${extensionOf(row.media_file)}`);
    }

    const fileName = `${formatId}.${FORMATS[formatId].extension}`;
    const key = jobKey(recordingId, formatId);
    if (this.jobs.has(key)) {
      return { state: 'Running' };
    }

    // A failure is reported once; the next request starts a new job.
    const failure = this.failures.get(key);
    if (failure !== undefined) {
      this.failures.delete(key);
      throw new ApiProblem(
        500,
        'internal.server.error',
        `Transcoding recording ${recordingId} to ${formatId} failed: ${failure}`,
        { entityId: recordingId },
      );
    }

    if (existsSync(this.transcodedPath(recordingId, fileName))) {
      return this.completed(recordingId, fileName);
    }
    if (this.closed) {
      throw new ApiProblem(503, 'service.unavailable', 'The emulator is shutting down.');
    }
    this.startJob(row, formatId, fileName);
    return { state: 'Running' };
  }

  /** Like getDownload, but waits up to `timeoutMs` for a running job to finish. */
  async waitForDownload(
    recordingId: string,
    formatId: FormatId,
    timeoutMs: number,
  ): Promise<DownloadState> {
    const deadline = Date.now() + timeoutMs;
    let state = this.getDownload(recordingId, formatId);
    while (state.state === 'Running') {
      const remaining = deadline - Date.now();
      const job = this.jobs.get(jobKey(recordingId, formatId));
      if (remaining <= 0 || job === undefined) {
        return state;
      }
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        job.done,
        new Promise((resolve) => {
          timer = setTimeout(resolve, remaining);
        }),
      ]);
      clearTimeout(timer);
      state = this.getDownload(recordingId, formatId);
    }
    return state;
  }

  /** Checks a media URL's signature for `path`, the URL path without the query. */
  checkSignature(path: string, expires: unknown, signature: unknown): SignatureCheck {
    return checkSignedPath(this.config.mediaSigningKey, path, expires, signature);
  }

  /**
   * Returns the file behind a media path's last two segments, or undefined when the
   * recording or the file no longer exists.
   */
  findFile(recordingId: string, fileName: string): MediaFile | undefined {
    const match = FILE_NAME_PATTERN.exec(fileName);
    const row = this.store.get(recordingId);
    if (match === null || row === undefined) {
      return undefined;
    }
    const [, formatId, extension] = match as unknown as [string, string, string];
    const downloadName = `${safeFileName(row.name)}.${extension}`;
    if (formatId === 'NONE') {
      if (extension !== extensionOf(row.media_file)) {
        return undefined;
      }
      return {
        path: join(this.mediaDir, row.media_file),
        mimeType: originalMimeType(row.media_file),
        downloadName,
      };
    }
    const spec = (FORMATS as Partial<Record<string, (typeof FORMATS)[TranscodedFormat]>>)[formatId];
    if (spec === undefined || spec.extension !== extension) {
      return undefined;
    }
    return {
      path: this.transcodedPath(recordingId, fileName),
      mimeType: spec.mimeType,
      downloadName,
    };
  }

  /**
   * Removes a deleted recording's original and transcoded files, after cancelling
   * its running jobs and waiting for them to stop.
   */
  async deleteRecordingFiles(row: RecordingRow): Promise<void> {
    const prefix = `${row.id}/`;
    const stopping: Promise<void>[] = [];
    for (const [key, job] of this.jobs) {
      if (key.startsWith(prefix)) {
        job.controller.abort(new Error(`Recording ${row.id} was deleted.`));
        stopping.push(job.done);
      }
    }
    for (const key of this.failures.keys()) {
      if (key.startsWith(prefix)) {
        this.failures.delete(key);
      }
    }
    await Promise.all(stopping);
    await rm(join(this.transcodedDir, row.id), { recursive: true, force: true });
    await rm(join(this.mediaDir, row.media_file), { force: true });
  }

  /** Imports an audio file as a new recording; see importRecording. */
  importFile(source: string, spec: ImportSpec = {}, signal?: AbortSignal): Promise<RecordingRow> {
    return importRecording(
      { dataDir: this.config.dataDir, store: this.store, tools: this.tools, signal },
      source,
      spec,
    );
  }

  /**
   * Runs a task that close() cancels and waits for, such as generating a demo
   * recording. Its end is logged with the details it returns, and its errors are
   * logged too, except the cancellation itself.
   */
  runInBackground(
    name: string,
    task: (signal: AbortSignal) => Promise<Record<string, unknown> | void>,
  ): void {
    const controller = new AbortController();
    const entry = {
      controller,
      done: task(controller.signal).then(
        (details) => {
          this.log.info({ task: name, ...details }, 'background task finished');
        },
        (error: unknown) => {
          if (controller.signal.aborted) {
            this.log.info({ task: name }, 'background task cancelled');
          } else {
            this.log.error({ err: error, task: name }, 'background task failed');
          }
        },
      ),
    };
    this.background.add(entry);
    void entry.done.finally(() => this.background.delete(entry));
  }

  /** Runs ffmpeg with the service's concurrency limit. */
  runFfmpeg(args: readonly string[], signal?: AbortSignal): Promise<void> {
    return this.limiter.run(async () => {
      await runTool(this.tools.ffmpeg, args, { signal });
    }, signal);
  }

  /** Cancels running jobs and background tasks, and waits until they have stopped. */
  async close(): Promise<void> {
    this.closed = true;
    const stopping: Promise<void>[] = [];
    for (const job of this.jobs.values()) {
      job.controller.abort(new Error('The emulator is shutting down.'));
      stopping.push(job.done);
    }
    for (const task of this.background) {
      task.controller.abort(new Error('The emulator is shutting down.'));
      stopping.push(task.done);
    }
    await Promise.all(stopping);
  }

  private completed(recordingId: string, fileName: string): DownloadState {
    if (this.mediaBaseUrl === '') {
      throw new ApiProblem(503, 'service.unavailable', 'The media server is not listening yet.');
    }
    return {
      state: 'Completed',
      contentLocationUri: buildSignedUrl(
        this.mediaBaseUrl,
        mediaPath(recordingId, fileName),
        this.config.mediaSigningKey,
        this.config.mediaUrlTtlSeconds,
      ),
    };
  }

  private transcodedPath(recordingId: string, fileName: string): string {
    return join(this.transcodedDir, recordingId, fileName);
  }

  private startJob(row: RecordingRow, formatId: TranscodedFormat, fileName: string): void {
    const key = jobKey(row.id, formatId);
    const controller = new AbortController();
    const job: Job = {
      controller,
      done: this.runJob(row, formatId, fileName, controller.signal).finally(() => {
        this.jobs.delete(key);
      }),
    };
    this.jobs.set(key, job);
  }

  private async runJob(
    row: RecordingRow,
    formatId: TranscodedFormat,
    fileName: string,
    signal: AbortSignal,
  ): Promise<void> {
    const ids = { recordingId: row.id, formatId };
    const finalPath = this.transcodedPath(row.id, fileName);
    const tempPath = tempPathFor(finalPath);
    try {
      await this.limiter.run(async () => {
        this.startedJobs += 1;
        const started = Date.now();
        this.log.info(ids, 'transcoding started');
        await mkdir(join(this.transcodedDir, row.id), { recursive: true });
        const input = join(this.mediaDir, row.media_file);
        const args = await transcodeArgs(this.tools.ffmpeg, formatId, input, tempPath);
        await runTool(this.tools.ffmpeg, args, { signal });
        signal.throwIfAborted();
        await commitTempFile(tempPath, finalPath);
        this.log.info({ ...ids, elapsedMs: Date.now() - started }, 'transcoding finished');
      }, signal);
    } catch (error) {
      await rm(tempPath, { force: true });
      if (signal.aborted) {
        this.log.info({ ...ids, reason: String(signal.reason) }, 'transcoding cancelled');
        return;
      }
      const reason = error instanceof Error ? error.message : String(error);
      this.log.error({ ...ids, err: error }, 'transcoding failed');
      this.failures.set(jobKey(row.id, formatId), reason);
    }
  }

  /**
   * Removes temporary files a crash left behind. Only the emulator writes to
   * `transcoded/` and `cache/`, so every temporary file there is stale. The import
   * command also writes to `media/` and may be running now, so there only files
   * older than an hour are removed.
   */
  private removeLeftoverTempFiles(): void {
    const now = Date.now();
    const folders: [string, number][] = [
      [this.transcodedDir, 0],
      [join(this.config.dataDir, 'cache'), 0],
      [this.mediaDir, STALE_IMPORT_MS],
    ];
    for (const [folder, minimumAgeMs] of folders) {
      if (!existsSync(folder)) {
        continue;
      }
      for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
        if (!entry.isFile() || !entry.name.includes(TEMP_MARKER)) {
          continue;
        }
        const path = join(entry.parentPath, entry.name);
        if (now - statSync(path).mtimeMs >= minimumAgeMs) {
          rmSync(path, { force: true });
          this.log.warn({ path }, 'removed a temporary file left by an interrupted write');
        }
      }
    }
  }
}

function jobKey(recordingId: string, formatId: FormatId): string {
  return `${recordingId}/${formatId}`;
}

function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot === -1 ? '' : fileName.slice(dot + 1);
}
