import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        plugins: [react()],
        test: {
          name: 'unit',
          environment: 'jsdom',
          include: ['src/**/*.test.{ts,tsx}'],
          setupFiles: ['src/test/setup.ts'],
          globalSetup: ['scripts/test/mp3-fixtures.ts'],
          restoreMocks: true,
        },
      },
      {
        test: {
          name: 'emulator',
          environment: 'node',
          include: ['server/**/*.test.ts'],
          // Transcoding tests run real ffmpeg; two cores are shared by the suite.
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
