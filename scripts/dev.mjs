// Starts the emulator (API and media, no built app) and Vite with hot reload,
// which proxies /api and /oauth to it. Ctrl-C stops both.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const port = process.env.PORT ?? '8787';
const children = [
  spawn(process.execPath, ['--import', 'tsx', '--watch', 'server/main.ts'], {
    stdio: 'inherit',
    env: { ...process.env, PORT: port, RECORDINGS_APP_DIR: '' },
  }),
  // Vite runs as a direct child, not under npx, so that stopping this script stops it too.
  spawn(
    process.execPath,
    [fileURLToPath(new URL('bin/vite.js', import.meta.resolve('vite/package.json')))],
    {
      stdio: 'inherit',
      env: { ...process.env, EMULATOR_URL: `http://127.0.0.1:${port}` },
    },
  ),
];

function stopAll(signal) {
  for (const child of children) {
    if (child.exitCode === null) {
      child.kill(signal);
    }
  }
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => stopAll(signal));
}
for (const child of children) {
  child.on('exit', (code) => {
    stopAll('SIGTERM');
    process.exitCode = code ?? 0;
  });
}
