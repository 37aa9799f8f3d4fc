import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';

import type { EmulatorConfig } from './config.ts';
import { ApiProblem, sendFrameworkError, sendProblem } from './errors.ts';
import { loggerOptions } from './logger.ts';
import { createMediaServer } from './media/media-server.ts';
import { MediaService } from './media/media-service.ts';
import { registerDownloadRoutes } from './routes/download-routes.ts';
import { registerRecordingRoutes } from './routes/recording-routes.ts';
import { registerSwitches } from './routes/switches.ts';
import { registerTokenRoutes } from './routes/token-routes.ts';
import { openDatabase, type Db } from './store/database.ts';
import { RecordingsStore } from './store/recordings-store.ts';

/** Largest accepted request body, in bytes. */
export const BODY_LIMIT_BYTES = 64 * 1024;

/** State shared by the route modules: configuration, storage and the media service. */
export interface EmulatorContext {
  config: EmulatorConfig;
  db: Db;
  store: RecordingsStore;
  media: MediaService;
}

export interface Emulator {
  context: EmulatorContext;
  /** The API server: `/api/v2/`, the OAuth endpoints and the built app. */
  api: FastifyInstance;
  /** The media origin serving signed file URLs. */
  mediaServer: FastifyInstance;
  /** Starts both servers; returns their base URLs. */
  listen(): Promise<{ apiUrl: string; mediaUrl: string }>;
  /** Cancels transcoding jobs, stops both servers and closes the database. */
  close(): Promise<void>;
}

function mapFrameworkError(error: FastifyError): ApiProblem {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ApiProblem(
        413,
        'request.entity.too.large',
        `The request body is larger than ${BODY_LIMIT_BYTES} bytes.`,
      );
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ApiProblem(
        415,
        'unsupported.media.type',
        'The request body must be sent as application/json.',
      );
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new ApiProblem(400, 'bad.request', 'The request body is empty; send a JSON object.');
    default:
      break;
  }
  if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH') {
    return new ApiProblem(
      400,
      'bad.request',
      `The request body is not valid JSON: ${error.message}`,
    );
  }
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    return new ApiProblem(error.statusCode, 'bad.request', error.message);
  }
  return new ApiProblem(500, 'internal.server.error', 'The emulator failed to handle the request.');
}

/** Creates the emulator: opens the data folder and builds both servers without listening. */
export function createEmulator(config: EmulatorConfig): Emulator {
  const db = openDatabase(config.dataDir);
  const store = new RecordingsStore(db);

  const api = Fastify({
    logger: loggerOptions(config),
    genReqId: () => randomUUID(),
    bodyLimit: BODY_LIMIT_BYTES,
    // Ids are validated by the routes, so overlong ones get a 400 rather than a 404.
    // NOTE: Node rejects request heads over 16 KiB with 431 before they reach Fastify.
    routerOptions: { maxParamLength: 20_000 },
    frameworkErrors: sendFrameworkError,
  });

  // The official Genesys SDK sends `Content-Type: application/json` on every request,
  // a DELETE without a body included, so an empty JSON body parses as no body.
  // PUT then rejects the missing body with 400 itself.
  const parseJson = api.getDefaultJsonParser('error', 'error');
  api.removeContentTypeParser('application/json');
  api.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body === '') {
      done(null, undefined);
      return;
    }
    void parseJson(request, body as string, done);
  });

  const media = new MediaService({ config, store, log: api.log });
  const context: EmulatorContext = { config, db, store, media };
  const mediaServer = createMediaServer(context);

  api.addHook('onRequest', async (request, reply) => {
    reply.header('inin-correlation-id', request.id);
  });

  api.setErrorHandler((error: FastifyError, request, reply) => {
    const problem = error instanceof ApiProblem ? error : mapFrameworkError(error);
    if (problem.status >= 500) {
      request.log.error({ err: error, correlationId: request.id }, 'request failed');
    } else {
      request.log.info(
        { code: problem.code, correlationId: request.id },
        `request rejected: ${problem.message}`,
      );
    }
    return sendProblem(request, reply, problem);
  });

  const appServed = config.appDir !== undefined && existsSync(join(config.appDir, 'index.html'));

  api.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (path.startsWith('/api/') || path.startsWith('/oauth/') || !appServed) {
      return sendProblem(
        request,
        reply,
        new ApiProblem(404, 'not.found', `No resource at ${request.method} ${path}.`),
      );
    }
    // Any other path is a route of the single-page app.
    return reply.type('text/html').sendFile('index.html');
  });

  registerSwitches(api, context);
  registerTokenRoutes(api, context);
  registerRecordingRoutes(api, context);
  registerDownloadRoutes(api, context);

  if (appServed) {
    void api.register(fastifyStatic, { root: config.appDir, wildcard: false });
  }

  return {
    context,
    api,
    mediaServer,
    async listen() {
      const mediaUrl = await mediaServer.listen({ host: config.host, port: config.mediaPort });
      media.setMediaBaseUrl(mediaUrl);
      const apiUrl = await api.listen({ host: config.host, port: config.port });
      media.setAllowedOrigin(apiUrl);
      return { apiUrl, mediaUrl };
    },
    async close() {
      // Jobs stop first, so requests waiting on a legacy `/media` download return at once.
      await media.close();
      await api.close();
      await mediaServer.close();
      db.close();
    },
  };
}
