// Builds the app when its sources are newer than dist/, then starts the emulator,
// which serves the app, the API and the media on loopback.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const inputs = ['src', 'public', 'index.html', 'vite.config.ts', 'package-lock.json'];

function newestMtime(path) {
  if (!existsSync(path)) {
    return 0;
  }
  const stat = statSync(path);
  if (!stat.isDirectory()) {
    return stat.mtimeMs;
  }
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

const builtAt = existsSync('dist/index.html') ? statSync('dist/index.html').mtimeMs : 0;
const sourcesAt = Math.max(...inputs.map(newestMtime));
if (builtAt < sourcesAt) {
  console.log('Building the app into dist/ ...');
  const build = spawnSync('npx', ['--no-install', 'vite', 'build', '--logLevel', 'warn'], {
    stdio: 'inherit',
  });
  if (build.status !== 0) {
    console.error('The app build failed; see the messages above.');
    process.exit(build.status ?? 1);
  }
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
