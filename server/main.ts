import { createEmulator } from './app.ts';
import { readConfig, type EmulatorConfig } from './config.ts';
import { seedDemoIfEmpty } from './demo/seed.ts';

function loadConfig(): EmulatorConfig {
  try {
    return readConfig();
  } catch (error) {
    console.error(`The emulator did not start: ${(error as Error).message}`);
    process.exit(2);
  }
}

const config = loadConfig();
const emulator = createEmulator(config);
const log = emulator.api.log;

log.info(
  {
    dataDir: config.dataDir,
    appDir: config.appDir ?? null,
    seed: config.seed,
    requireAuth: config.requireAuth,
    switches: config.switches,
  },
  'emulator starting',
);

try {
  await seedDemoIfEmpty(emulator.context);
} catch (error) {
  // The API works without the demo recordings, so the emulator starts empty.
  log.error({ err: error, dataDir: config.dataDir }, 'seeding the demo recordings failed');
}

try {
  const { apiUrl, mediaUrl } = await emulator.listen();
  log.info({ apiUrl, mediaUrl }, `emulator started: API ${apiUrl}, media ${mediaUrl}`);
  if (config.appDir !== undefined) {
    log.info(`open ${apiUrl}/ in a browser for the app`);
  }
} catch (error) {
  log.error(
    { err: error, host: config.host, apiPort: config.port, mediaPort: config.mediaPort },
    'the emulator failed to listen: set PORT and MEDIA_PORT to free ports',
  );
  await emulator.close();
  process.exit(1);
}

let stopping = false;

async function stop(signal: NodeJS.Signals): Promise<void> {
  if (stopping) {
    log.warn({ signal }, 'second stop signal: exiting without waiting for jobs');
    process.exit(1);
  }
  stopping = true;
  log.info({ signal }, 'emulator stopping');
  try {
    await emulator.close();
    log.info('emulator stopped');
    process.exit(0);
  } catch (error) {
    log.error({ err: error }, 'the emulator failed to stop cleanly');
    process.exit(1);
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void stop(signal));
}
