import type { FastifyServerOptions } from 'fastify';

import type { EmulatorConfig } from './config.ts';

/** Fastify logger options of both emulator servers; the bearer token is never logged. */
export function loggerOptions(config: EmulatorConfig): FastifyServerOptions['logger'] {
  return {
    level: config.logLevel,
    redact: ['req.headers.authorization'],
    ...(config.logFormat === 'pretty'
      ? { transport: { target: 'pino-pretty', options: { ignore: 'pid,hostname' } } }
      : {}),
  };
}
