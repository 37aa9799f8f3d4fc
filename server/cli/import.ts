import { access, constants } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { readConfig } from '../config.ts';
import { importRecording } from '../media/import-recording.ts';
import { JobLimiter } from '../media/job-limiter.ts';
import { probeMedia, type ProbeResult } from '../media/probe.ts';
import { openDatabase } from '../store/database.ts';
import { RecordingsStore } from '../store/recordings-store.ts';

const USAGE = `Usage: npm run import -- [--name NAME] FILE...

Imports audio files that ffmpeg can decode as recordings into the emulator's
data folder (RECORDINGS_DATA_DIR, default .data). Works while the emulator runs.

  --name NAME   name of the recording made from the next FILE
                (default: the file name without its extension)
  --help        show this help

Every file is decoded first; if any cannot be, nothing is imported and the
exit status is 1.`;

interface ImportRequest {
  file: string;
  name: string | undefined;
}

/** Pairs each FILE with the `--name` given just before it. */
function parseRequests(args: string[]): ImportRequest[] | 'help' {
  const { tokens } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    tokens: true,
    options: { name: { type: 'string' }, help: { type: 'boolean' } },
  });
  const requests: ImportRequest[] = [];
  let pendingName: string | undefined;
  for (const token of tokens) {
    if (token.kind === 'option' && token.name === 'help') {
      return 'help';
    }
    if (token.kind === 'option' && token.name === 'name') {
      if (pendingName !== undefined) {
        throw new Error(`--name ${pendingName} is not followed by a FILE.`);
      }
      const name = token.value?.trim() ?? '';
      if (name === '') {
        throw new Error('--name needs a non-empty value.');
      }
      if ([...name].length > 255) {
        throw new Error(
          `--name is ${[...name].length} characters long; the API accepts at most 255.`,
        );
      }
      pendingName = name;
    } else if (token.kind === 'positional') {
      requests.push({ file: resolve(token.value), name: pendingName });
      pendingName = undefined;
    }
  }
  if (pendingName !== undefined) {
    throw new Error(`--name ${pendingName} is not followed by a FILE.`);
  }
  return requests;
}

function formatDuration(ms: number): string {
  const totalSeconds = ms / 1000;
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = (totalSeconds - minutes * 60).toFixed(1).padStart(4, '0');
  return `${minutes}:${seconds}`;
}

async function measure(file: string): Promise<ProbeResult> {
  try {
    await access(file, constants.R_OK);
  } catch {
    throw new Error(`${file} cannot be imported: the file does not exist or cannot be read.`);
  }
  return probeMedia(file);
}

async function main(args: string[]): Promise<number> {
  let requests: ImportRequest[] | 'help';
  try {
    requests = parseRequests(args);
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  if (requests === 'help') {
    console.log(USAGE);
    return 0;
  }
  if (requests.length === 0) {
    console.error(`No FILE given.\n\n${USAGE}`);
    return 2;
  }

  // Decode everything before storing anything, so one bad file leaves no partial import.
  const limiter = new JobLimiter(Math.max(1, availableParallelism()));
  const results = await Promise.allSettled(
    requests.map((request) => limiter.run(() => measure(request.file))),
  );
  const failures = results.filter((result) => result.status === 'rejected');
  if (failures.length > 0) {
    for (const failure of failures) {
      const reason: unknown = failure.reason;
      console.error(reason instanceof Error ? reason.message : String(reason));
    }
    console.error('Nothing was imported.');
    return 1;
  }

  const { dataDir } = readConfig(process.env);
  const db = openDatabase(dataDir);
  try {
    const store = new RecordingsStore(db);
    for (const [index, request] of requests.entries()) {
      const result = results[index];
      const probe = result?.status === 'fulfilled' ? result.value : undefined;
      const row = await importRecording({ dataDir, store }, request.file, {
        name: request.name,
        probe,
      });
      console.log(
        `Imported ${row.id}  ${JSON.stringify(row.name)}  ${formatDuration(row.duration_ms)} (${row.media_codec} in ${row.media_container}) from ${request.file}`,
      );
    }
  } finally {
    db.close();
  }
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
