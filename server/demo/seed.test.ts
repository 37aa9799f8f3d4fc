import { existsSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { describe, expect, it } from 'vitest';

import { openDatabase } from '../store/database.ts';
import { RecordingsStore } from '../store/recordings-store.ts';
import { callApi, startTestEmulator } from '../test-support/index.ts';
import type { Conversation } from '../types.ts';
import { addRecording, seedDemoIfEmpty } from './seed.ts';

const DAY_MS = 24 * 3600 * 1000;

async function filesIn(folder: string): Promise<string[]> {
  return readdir(folder).catch(() => []);
}

describe('seedDemoIfEmpty', () => {
  it('seeds varied clips quickly, then the long one', async () => {
    const emulator = await startTestEmulator({ seed: 'demo' });
    try {
      const { store } = emulator.emulator.context;
      const started = Date.now();
      await seedDemoIfEmpty(emulator.emulator.context, { longRecordingSeconds: 30 });
      expect(Date.now() - started).toBeLessThan(5000);

      const rows = store.all();
      expect(rows.length).toBeGreaterThanOrEqual(4);
      expect(rows.length).toBeLessThanOrEqual(6);
      expect(new Set(rows.map((row) => row.name)).size).toBe(rows.length);
      expect(rows.some((row) => row.read === 1)).toBe(true);
      expect(rows.some((row) => row.read === 0)).toBe(true);
      expect(rows.some((row) => row.conversation === null)).toBe(true);
      const dates = rows.map((row) => Date.parse(row.date_created));
      expect(Math.max(...dates) - Math.min(...dates)).toBeGreaterThan(7 * DAY_MS);
      expect(Math.max(...dates)).toBeLessThanOrEqual(Date.now());
      for (const row of rows) {
        expect(row.duration_ms, row.name).toBeGreaterThan(1000);
        expect(existsSync(join(emulator.dataDir, 'media', row.media_file)), row.name).toBe(true);
      }

      // The stored conversation is returned by the API and matches the OpenAPI document.
      const withConversation = rows.find((row) => row.conversation !== null);
      const answer = await callApi(
        emulator,
        'getUserrecording',
        `/api/v2/userrecordings/${withConversation?.id}?expand=conversation`,
      );
      const conversation = (answer.body as { conversation?: Conversation }).conversation;
      expect(conversation?.participants.length).toBeGreaterThanOrEqual(2);

      const deadline = Date.now() + 60_000;
      while (store.count() === rows.length) {
        expect(Date.now()).toBeLessThan(deadline);
        await sleep(200);
      }
      const long = store.all().find((row) => !rows.some((seeded) => seeded.id === row.id));
      expect(Math.abs((long?.duration_ms ?? 0) - 30_000)).toBeLessThan(100);
      expect(long?.media_codec).toBe('opus');
    } finally {
      await emulator.close();
    }
  });

  it('close cancels the long generation, restart resumes it', async () => {
    const emulator = await startTestEmulator({ seed: 'demo' });
    const { store } = emulator.emulator.context;
    await seedDemoIfEmpty(emulator.emulator.context);
    const seeded = store.count();
    // Wait until ffmpeg is writing the long recording's temporary file.
    const cache = join(emulator.dataDir, 'cache');
    const deadline = Date.now() + 10_000;
    while (!(await filesIn(cache)).some((name) => name.includes('.tmp-'))) {
      expect(Date.now()).toBeLessThan(deadline);
      await sleep(20);
    }
    const closing = Date.now();
    await emulator.emulator.close();
    expect(Date.now() - closing).toBeLessThan(5000);

    // emulator.emulator.close() stops the emulator but keeps the data folder to inspect.
    const reopened = openDatabase(emulator.dataDir);
    expect(new RecordingsStore(reopened).count()).toBe(seeded);
    reopened.close();
    const media = await filesIn(join(emulator.dataDir, 'media'));
    expect(media).toHaveLength(seeded);
    expect(await filesIn(cache)).toEqual([]);

    // The next start on the same data folder makes the long recording after all.
    const restarted = await startTestEmulator({ seed: 'demo', dataDir: emulator.dataDir });
    try {
      await seedDemoIfEmpty(restarted.emulator.context, { longRecordingSeconds: 20 });
      const restartedStore = restarted.emulator.context.store;
      const longDeadline = Date.now() + 60_000;
      while (restartedStore.count() === seeded) {
        expect(Date.now()).toBeLessThan(longDeadline);
        await sleep(200);
      }
      expect(restartedStore.count()).toBe(seeded + 1);
      expect(existsSync(join(emulator.dataDir, 'long-demo-pending'))).toBe(false);
    } finally {
      await restarted.close();
      await rm(emulator.dataDir, { recursive: true, force: true });
    }
  });

  it('does nothing unless the store is empty and seed is demo', async () => {
    const withRows = await startTestEmulator({ seed: 'demo' });
    const plain = await startTestEmulator({ seed: 'none' });
    try {
      await addRecording(withRows.emulator.context, { name: 'existing' });
      await seedDemoIfEmpty(withRows.emulator.context);
      expect(withRows.emulator.context.store.count()).toBe(1);

      await seedDemoIfEmpty(plain.emulator.context);
      expect(plain.emulator.context.store.count()).toBe(0);
    } finally {
      await withRows.close();
      await plain.close();
    }
  });
});

describe('addRecording', () => {
  it('gives each recording its own file', async () => {
    const emulator = await startTestEmulator();
    try {
      const context = emulator.emulator.context;
      const rows = await Promise.all(
        Array.from({ length: 20 }, (_, index) =>
          addRecording(context, { name: `Fixture ${index}`, read: index % 2 === 0 }),
        ),
      );
      expect(new Set(rows.map((row) => row.media_file)).size).toBe(20);
      expect(context.store.count()).toBe(20);

      const [first, second] = rows;
      const deleted = await callApi(
        emulator,
        'deleteUserrecording',
        `/api/v2/userrecordings/${first?.id}`,
        {
          method: 'DELETE',
        },
      );
      expect(deleted.status).toBe(202);
      expect(existsSync(join(emulator.dataDir, 'media', first?.media_file ?? ''))).toBe(false);
      expect(existsSync(join(emulator.dataDir, 'media', second?.media_file ?? ''))).toBe(true);
      const download = await callApi(
        emulator,
        'getUserrecordingTranscoding',
        `/api/v2/userrecordings/${second?.id}/transcoding?formatId=NONE`,
      );
      expect(download.status).toBe(200);
    } finally {
      await emulator.close();
    }
  });

  it('durationSeconds makes a recording that long', async () => {
    const emulator = await startTestEmulator();
    try {
      const row = await addRecording(emulator.emulator.context, {
        name: 'Long',
        durationSeconds: 45,
      });
      expect(Math.abs(row.duration_ms - 45_000)).toBeLessThan(100);
      const again = await addRecording(emulator.emulator.context, {
        name: 'Long 2',
        durationSeconds: 45,
      });
      expect(again.media_file).not.toBe(row.media_file);
      expect(again.duration_ms).toBe(row.duration_ms);
    } finally {
      await emulator.close();
    }
  });
});
