// Builds the app when its sources are newer than dist/, then starts the emulator,
// which serves the app, the API and the media on loopback.
import { spawn } from 'node:child_process';

import { buildAppIfStale } from './app-build.mjs';

if (!buildAppIfStale()) {
  console.error('The app build failed; see the messages above.');
  process.exit(1);
}

const emulator = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
  stdio: 'inherit',
  env: { RECORDINGS_APP_DIR: 'dist', ...process.env },
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => emulator.kill(signal));
}
emulator.on('exit', (code, signal) => {
  process.exit(code ?? (signal ? 1 : 0));
});
