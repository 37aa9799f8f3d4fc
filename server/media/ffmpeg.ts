import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, join } from 'node:path';

/** Paths of the media tools the emulator runs. */
export interface MediaTools {
  ffmpeg: string;
  /** Undefined when only the bundled ffmpeg is available, which comes without ffprobe. */
  ffprobe: string | undefined;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Returns the first executable named `name` in the folders of `PATH`, or undefined. */
export function findOnPath(
  name: string,
  pathVariable = process.env.PATH ?? '',
): string | undefined {
  for (const folder of pathVariable.split(delimiter)) {
    if (folder === '') {
      continue;
    }
    const candidate = join(folder, name);
    if (isExecutable(candidate)) {
      return candidate;
    }
  }
  return undefined;
}

/** Returns the ffmpeg binary of the `@ffmpeg-installer/ffmpeg` package (a 2018 static build). */
export function bundledFfmpegPath(): string {
  const require = createRequire(import.meta.url);
  const installer = require('@ffmpeg-installer/ffmpeg') as { path: string };
  return installer.path;
}

let located: MediaTools | undefined;

/**
 * Locates ffmpeg and ffprobe: the system ones when on `PATH`, else the bundled ffmpeg
 * without ffprobe. The result is cached for the life of the process.
 */
export function locateMediaTools(): MediaTools {
  if (located === undefined) {
    const systemFfmpeg = findOnPath('ffmpeg');
    located =
      systemFfmpeg === undefined
        ? { ffmpeg: bundledFfmpegPath(), ffprobe: undefined }
        : { ffmpeg: systemFfmpeg, ffprobe: findOnPath('ffprobe') };
  }
  return located;
}

/** A media tool exited with an error; `stderr` contains its diagnostics. */
export class ToolError extends Error {
  constructor(
    message: string,
    readonly stderr: string,
    readonly exitCode: number | null,
  ) {
    super(message);
  }
}

export interface RunOptions {
  signal?: AbortSignal;
  /** Largest stdout or stderr kept, in bytes; more fails the run. */
  maxBuffer?: number;
}

export interface RunResult {
  stdout: string;
  stderr: string;
}

/** Returns the last non-empty lines of a tool's stderr, for an error message. */
export function lastLines(text: string, count = 3): string {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .slice(-count)
    .join(' ');
}

/**
 * Runs a tool without a shell and resolves with its output. Rejects with a ToolError
 * when it exits non-zero, and with an AbortError when `signal` aborts (the child is
 * killed with SIGKILL).
 */
export function runTool(
  path: string,
  args: readonly string[],
  options: RunOptions = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    execFile(
      path,
      args,
      {
        signal: options.signal,
        killSignal: 'SIGKILL',
        maxBuffer: options.maxBuffer ?? 16 * 1024 * 1024,
        windowsHide: true,
      },
      (error, stdout, stderr) => {
        if (error === null) {
          resolve({ stdout, stderr });
          return;
        }
        if (error.name === 'AbortError') {
          // ExecFileException is built with Omit<>, so lint does not see it as an Error without this.
          const aborted: Error = error;
          reject(aborted);
          return;
        }
        const code = typeof error.code === 'number' ? error.code : null;
        const reason = lastLines(stderr) || error.message;
        reject(new ToolError(reason, stderr, code));
      },
    );
  });
}
