import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { makeAudioCases, type AudioCases } from '../media/testing/audio-cases.ts';
import { openDatabase } from '../store/database.ts';
import { RecordingsStore, type RecordingRow } from '../store/recordings-store.ts';
import { callApi, startTestEmulator } from '../test-support/index.ts';

const execFileAsync = promisify(execFile);
const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = fileURLToPath(new URL('./import.ts', import.meta.url));

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the import command in a separate Node process, as `npm run import` does. */
async function runImport(dataDir: string, args: string[]): Promise<CliResult> {
  try {
    const { stdout, stderr } = await execFileAsync(
      process.execPath,
      ['--import', 'tsx', CLI, ...args],
      {
        cwd: PROJECT_ROOT,
        env: { ...process.env, RECORDINGS_DATA_DIR: dataDir },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

function readRows(dataDir: string): RecordingRow[] {
  const db = openDatabase(dataDir);
  try {
    return new RecordingsStore(db).all();
  } finally {
    db.close();
  }
}

async function filesIn(folder: string): Promise<string[]> {
  return readdir(folder).catch(() => []);
}

let audio: AudioCases;
let scratch: string;

beforeAll(async () => {
  audio = await makeAudioCases();
  scratch = await mkdtemp(join(tmpdir(), 'import-cli-test-'));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
  await rm(audio.folder, { recursive: true, force: true });
});

describe('import command', () => {
  it('imports every case with its decoded length', async () => {
    const dataDir = join(scratch, 'all-cases');
    const names = Object.keys(audio.cases);
    // voice.ogg and voice.opus share a base name, so each file is named after its whole file name.
    const args = names.flatMap((name) => ['--name', name, audio.cases[name]?.file ?? '']);
    const result = await runImport(dataDir, args);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);

    const rows = readRows(dataDir);
    expect(rows).toHaveLength(names.length);
    for (const name of names) {
      const audioCase = audio.cases[name];
      const row = rows.find((candidate) => candidate.name === name);
      expect(row, name).toBeDefined();
      expect(
        Math.abs((row?.duration_ms ?? 0) / 1000 - (audioCase?.expectedSeconds ?? 0)),
        name,
      ).toBeLessThan(0.1);
      expect(result.stdout).toContain(row?.id);

      const stored = join(dataDir, 'media', row?.media_file ?? '');
      expect((await stat(stored)).size, name).toBe(row?.content_length);
      expect((await stat(stored)).size, name).toBe((await stat(audioCase?.file ?? '')).size);
    }
  });

  it('--name names the next file', async () => {
    const dataDir = join(scratch, 'named');
    const result = await runImport(dataDir, [
      '--name',
      'Voicemail from Dana',
      audio.cases['voice.opus']?.file ?? '',
      audio.cases['ulaw8k.wav']?.file ?? '',
    ]);
    expect(result.code).toBe(0);
    const names = readRows(dataDir)
      .map((row) => row.name)
      .sort();
    expect(names).toEqual(['Voicemail from Dana', 'ulaw8k']);
    expect(result.stdout).toContain('"Voicemail from Dana"');
  });

  it.each([
    ['text', () => audio.notAudio.text],
    ['random bytes', () => audio.notAudio.random],
  ])('rejects %s and stores nothing', async (_label, file) => {
    const dataDir = join(scratch, `rejected-${_label.replace(' ', '-')}`);
    const result = await runImport(dataDir, [file()]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(file());
    expect(result.stderr).toContain('cannot be decoded as audio');
    expect(await filesIn(join(dataDir, 'media'))).toEqual([]);
    expect(await filesIn(dataDir)).not.toContain('recordings.sqlite');
  });

  it('one bad file among good ones imports nothing', async () => {
    const dataDir = join(scratch, 'mixed');
    const first = await runImport(dataDir, [audio.cases['pcm8k.wav']?.file ?? '']);
    expect(first.code).toBe(0);

    const result = await runImport(dataDir, [
      audio.cases['voice.ogg']?.file ?? '',
      audio.notAudio.text,
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(audio.notAudio.text);
    expect(readRows(dataDir)).toHaveLength(1);
    expect(await filesIn(join(dataDir, 'media'))).toHaveLength(1);
  });

  it('overlong --name is rejected', async () => {
    const dataDir = join(scratch, 'long-name');
    const result = await runImport(dataDir, [
      '--name',
      'n'.repeat(256),
      audio.cases['pcm8k.wav']?.file ?? '',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--name is 256 characters long');
    expect(await filesIn(join(dataDir, 'media'))).toHaveLength(0);
  });

  it('imports while the emulator runs', async () => {
    const emulator = await startTestEmulator();
    try {
      const result = await runImport(emulator.dataDir, [
        '--name',
        'Live import',
        audio.cases['voice.opus']?.file ?? '',
      ]);
      expect(result.code).toBe(0);

      const listing = await callApi(emulator, 'getUserrecordings', '/api/v2/userrecordings');
      const entities = (listing.body as { entities: { id: string; name: string }[] }).entities;
      const imported = entities.find((entity) => entity.name === 'Live import');
      expect(imported).toBeDefined();
      const download = await callApi(
        emulator,
        'getUserrecordingTranscoding',
        `/api/v2/userrecordings/${imported?.id}/transcoding?formatId=NONE`,
      );
      const media = await fetch(
        (download.body as { contentLocationUri: string }).contentLocationUri,
      );
      expect(media.status).toBe(200);
      expect(Buffer.from(await media.arrayBuffer()).length).toBe(
        (await stat(audio.cases['voice.opus']?.file ?? '')).size,
      );
    } finally {
      await emulator.close();
    }
  });

  it('missing file is reported by name', async () => {
    const missing = join(scratch, 'no-such-file.wav');
    const result = await runImport(join(scratch, 'missing'), [missing]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(missing);
  });
});
