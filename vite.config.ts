import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const emulator = process.env.EMULATOR_URL ?? 'http://127.0.0.1:8787';

export default defineConfig({
  plugins: [react()],
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: true,
    proxy: {
      '/api': emulator,
      '/oauth': emulator,
      '/logout': emulator,
    },
  },
  preview: { host: '127.0.0.1' },
  build: {
    target: 'es2022',
    sourcemap: true,
  },
  worker: { format: 'es' },
});
