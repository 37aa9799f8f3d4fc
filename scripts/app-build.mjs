// Builds the app into dist/ when it is missing or older than its sources.
// Shared by `npm start` and the player benchmark.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const INPUTS = ['src', 'public', 'index.html', 'vite.config.ts', 'package-lock.json'];

/** Returns the newest modification time under `path` in milliseconds, or 0 when it does not exist. */
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

/**
 * Runs `vite build` when dist/ is older than the app's sources.
 * Returns false when the build failed, after Vite printed why.
 */
export function buildAppIfStale() {
  const builtAt = existsSync('dist/index.html') ? statSync('dist/index.html').mtimeMs : 0;
  if (builtAt >= Math.max(...INPUTS.map(newestMtime))) {
    return true;
  }
  console.log('Building the app into dist/ ...');
  const build = spawnSync('npx', ['--no-install', 'vite', 'build', '--logLevel', 'warn'], {
    stdio: 'inherit',
  });
  return build.status === 0;
}
