// Fails when src/api/generated/ differs from a fresh generation from openapi/.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const committed = 'src/api/generated/schema.ts';
const scratch = mkdtempSync(join(tmpdir(), 'api-drift-'));
const fresh = join(scratch, 'schema.ts');

try {
  execFileSync(
    'npx',
    ['--no-install', 'openapi-typescript', 'openapi/user-recordings.yaml', '-o', fresh],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  if (readFileSync(fresh, 'utf8') !== readFileSync(committed, 'utf8')) {
    console.error(
      `${committed} differs from a fresh generation of openapi/user-recordings.yaml.\n` +
        'Run `npm run generate:api` and commit the result.',
    );
    process.exitCode = 1;
  } else {
    console.log(`${committed} matches openapi/user-recordings.yaml.`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
