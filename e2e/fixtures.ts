import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { test as base, expect } from '@playwright/test';

import { createEmulator, type Emulator } from '../server/app.ts';
import { readConfig, type EmulatorConfig } from '../server/config.ts';
import { addRecording, type RecordingSpec } from '../server/demo/seed.ts';
import type { RecordingRow } from '../server/store/recordings-store.ts';

/** Config changes for an emulator a test starts for itself, such as test switches. */
export type EmulatorOverrides = Partial<Omit<EmulatorConfig, 'switches'>> & {
  switches?: Partial<EmulatorConfig['switches']>;
};

export interface RunningEmulator {
  emulator: Emulator;
  /** Base URL of the API and the app, without a trailing slash. */
  apiUrl: string;
  close(): Promise<void>;
}

/**
 * Starts an emulator in this process on free loopback ports, with an empty
 * temporary data folder and the built app from `dist/` (run `npm run build` first).
 */
export async function startEmulator(overrides: EmulatorOverrides = {}): Promise<RunningEmulator> {
  const dataDir = await mkdtemp(join(tmpdir(), 'recordings-e2e-'));
  const defaults = readConfig({ LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn' });
  const { switches, ...rest } = overrides;
  const emulator = createEmulator({
    ...defaults,
    host: '127.0.0.1',
    port: 0,
    mediaPort: 0,
    dataDir,
    seed: 'none',
    appDir: resolve('dist'),
    ...rest,
    switches: { ...defaults.switches, ...switches },
  });
  try {
    const { apiUrl } = await emulator.listen();
    return {
      emulator,
      apiUrl: apiUrl.replace(/\/$/, ''),
      async close() {
        await emulator.close();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await emulator.close();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/** Adds recordings to the test's emulator; everything in it is deleted after the test. */
export interface Seeder {
  (spec: RecordingSpec): Promise<RecordingRow>;
  /** Adds `count` recordings named `${prefix} 1` (newest) to `${prefix} ${count}` (oldest). */
  many(count: number, prefix?: string): Promise<RecordingRow[]>;
}

interface TestFixtures {
  seed: Seeder;
  /** Starts an extra emulator with other settings for one test; it is closed after the test. */
  startEmulatorWith: (overrides: EmulatorOverrides) => Promise<RunningEmulator>;
}

interface WorkerFixtures {
  emulator: RunningEmulator;
}

const HOUR_MS = 3600 * 1000;

export const test = base.extend<TestFixtures, WorkerFixtures>({
  emulator: [
    async ({}, use) => {
      const running = await startEmulator();
      await use(running);
      await running.close();
    },
    { scope: 'worker' },
  ],

  baseURL: async ({ emulator }, use) => {
    await use(emulator.apiUrl);
  },

  seed: async ({ emulator }, use) => {
    const { context } = emulator.emulator;
    const seed = ((spec: RecordingSpec) => addRecording(context, spec)) as Seeder;
    seed.many = async (count, prefix = 'Recording') => {
      const start = Date.now();
      const rows: RecordingRow[] = [];
      // One at a time: imports share the data folder and the two cores.
      for (let index = 1; index <= count; index += 1) {
        rows.push(
          await addRecording(context, {
            name: `${prefix} ${index}`,
            dateCreated: new Date(start - index * HOUR_MS).toISOString(),
          }),
        );
      }
      return rows;
    };

    await use(seed);

    // Tests in a worker share its emulator, so each one leaves it empty.
    for (const row of context.store.all()) {
      context.store.remove(row.id);
      await context.media.deleteRecordingFiles(row);
    }
  },

  startEmulatorWith: async ({}, use) => {
    const started: RunningEmulator[] = [];
    await use(async (overrides) => {
      const running = await startEmulator(overrides);
      started.push(running);
      return running;
    });
    await Promise.all(started.map((running) => running.close()));
  },
});

export { expect };
