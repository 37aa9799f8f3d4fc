import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';

/** Download routes the emulator serves. The legacy modes drop one of them. */
export type MediaRoutes = 'both' | 'no-media' | 'no-transcoding';

export interface EmulatorConfig {
  host: string;
  /** Port of the API and the app. */
  port: number;
  /** Port of the media origin; 0 picks a free one. */
  mediaPort: number;
  dataDir: string;
  /** `demo` seeds the demo recordings into an empty data folder; `none` starts empty. */
  seed: 'demo' | 'none';
  /** Folder of the built app served at `/`, or undefined to serve no app. */
  appDir: string | undefined;
  /** Secret for the HMAC on media URLs. */
  mediaSigningKey: string;
  /** Lifetime of a media URL, in seconds. */
  mediaUrlTtlSeconds: number;
  /** Test switches, all off by default. */
  switches: {
    mediaRoutes: MediaRoutes;
    /** Milliseconds added before every API response. */
    latencyMs: number;
    /** API requests allowed per minute before 429; 0 turns the limit off. */
    rateLimitPerMinute: number;
    /** Share of API requests, 0 to 1, rejected with 500 or 503. */
    errorRate: number;
    /** When false, the media origin sends no CORS headers. */
    mediaCors: boolean;
  };
  /** When true, API calls need a bearer token from the emulator's OAuth endpoints. */
  requireAuth: boolean;
  logLevel: string;
  /** `pretty` prints readable lines for a terminal; `json` prints one JSON object per line. */
  logFormat: 'json' | 'pretty';
}

function readNumber(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  min: number,
  max: number,
) {
  const raw = env[name];
  if (raw === undefined || raw === '') {
    return fallback;
  }
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new Error(`${name}=${raw} is invalid: expected a number from ${min} to ${max}.`);
  }
  return value;
}

function readChoice<T extends string>(
  env: NodeJS.ProcessEnv,
  name: string,
  choices: readonly T[],
  fallback: T,
): T {
  const raw = env[name];
  if (raw === undefined || raw === '') {
    return fallback;
  }
  if (!(choices as readonly string[]).includes(raw)) {
    throw new Error(`${name}=${raw} is invalid: expected one of ${choices.join(', ')}.`);
  }
  return raw as T;
}

/** Reads the emulator's configuration from environment variables, rejecting invalid values. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): EmulatorConfig {
  const port = readNumber(env, 'PORT', 8787, 0, 65535);
  return {
    host: env.HOST || '127.0.0.1',
    port,
    mediaPort: readNumber(env, 'MEDIA_PORT', port === 0 ? 0 : port + 1, 0, 65535),
    dataDir: resolve(env.RECORDINGS_DATA_DIR || '.data'),
    seed: readChoice(env, 'RECORDINGS_SEED', ['demo', 'none'], 'demo'),
    appDir: env.RECORDINGS_APP_DIR === '' ? undefined : resolve(env.RECORDINGS_APP_DIR ?? 'dist'),
    mediaSigningKey: env.MEDIA_SIGNING_KEY || randomBytes(32).toString('hex'),
    mediaUrlTtlSeconds: readNumber(env, 'MEDIA_URL_TTL_SECONDS', 600, 1, 7 * 24 * 3600),
    switches: {
      mediaRoutes: readChoice(
        env,
        'EMULATOR_MEDIA_ROUTES',
        ['both', 'no-media', 'no-transcoding'],
        'both',
      ),
      latencyMs: readNumber(env, 'EMULATOR_LATENCY_MS', 0, 0, 60_000),
      rateLimitPerMinute: readNumber(env, 'EMULATOR_RATE_LIMIT', 0, 0, 1_000_000),
      errorRate: readNumber(env, 'EMULATOR_ERROR_RATE', 0, 0, 1),
      mediaCors: readChoice(env, 'EMULATOR_MEDIA_CORS', ['on', 'off'], 'on') === 'on',
    },
    requireAuth: readChoice(env, 'EMULATOR_AUTH', ['off', 'required'], 'off') === 'required',
    logLevel: env.LOG_LEVEL || 'info',
    logFormat: readChoice(
      env,
      'LOG_FORMAT',
      ['json', 'pretty'],
      process.stdout.isTTY && !env.CI ? 'pretty' : 'json',
    ),
  };
}
