import { randomUUID } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';

import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';

import type { EmulatorContext } from '../app.ts';
import { ApiProblem, sendFrameworkError, sendProblem } from '../errors.ts';
import { loggerOptions } from '../logger.ts';
import type { MediaFile } from './media-service.ts';
import { parseRangeHeader } from './range.ts';

/** Response headers a page on the app's origin may read from a media response. */
const EXPOSED_HEADERS = 'Content-Length, Content-Range, Accept-Ranges, ETag, inin-correlation-id';
/** Request headers a player sends for partial and conditional requests. */
const ALLOWED_HEADERS = 'Range, If-Range, If-None-Match, If-Modified-Since';
/** How long a browser may cache a preflight response, in seconds. */
const PREFLIGHT_MAX_AGE = 600;

/** Origins on this machine: the emulator listens on loopback only, so these are local pages. */
const LOOPBACK_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;

function isAllowedOrigin(origin: string, appOrigin: string | undefined): boolean {
  return origin === appOrigin || LOOPBACK_ORIGIN.test(origin);
}

function entityTag(size: number, mtimeMs: number): string {
  return `"${size.toString(16)}-${Math.floor(mtimeMs).toString(16)}"`;
}

/** Content-Disposition with an ASCII fallback name and the UTF-8 name (RFC 6266). */
function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** True when an If-None-Match header lists `etag` or `*`. */
function matchesEntityTag(header: string | undefined, etag: string): boolean {
  if (header === undefined) {
    return false;
  }
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag);
}

/**
 * Returns whether a Range header may be applied: without If-Range always, with it only
 * when it names the current ETag or Last-Modified date.
 */
function rangeStillValid(ifRange: string | undefined, etag: string, lastModified: string): boolean {
  return ifRange === undefined || ifRange === etag || ifRange === lastModified;
}

async function serveFile(
  request: FastifyRequest,
  reply: FastifyReply,
  file: MediaFile,
  expiresAt: number,
): Promise<FastifyReply> {
  let handle: FileHandle;
  try {
    handle = await open(file.path, 'r');
  } catch {
    throw new ApiProblem(404, 'not.found', 'The media file no longer exists.');
  }
  try {
    const stats = await handle.stat();
    const size = stats.size;
    const etag = entityTag(size, stats.mtimeMs);
    const lastModified = stats.mtime.toUTCString();
    const maxAge = Math.max(0, expiresAt - Math.floor(Date.now() / 1000));

    reply
      .header('Accept-Ranges', 'bytes')
      .header('ETag', etag)
      .header('Last-Modified', lastModified)
      .header('Cache-Control', `private, max-age=${maxAge}`)
      .header('Content-Type', file.mimeType)
      .header('Content-Disposition', contentDisposition(file.downloadName));

    if (matchesEntityTag(request.headers['if-none-match'], etag)) {
      await handle.close();
      return reply.code(304).send();
    }

    const rangeHeader = request.headers.range;
    const ifRangeHeader = request.headers['if-range'];
    const ifRange = Array.isArray(ifRangeHeader) ? ifRangeHeader[0] : ifRangeHeader;
    const range =
      rangeHeader !== undefined && rangeStillValid(ifRange, etag, lastModified)
        ? parseRangeHeader(rangeHeader, size)
        : undefined;

    if (range === 'unsatisfiable') {
      await handle.close();
      reply.header('Content-Range', `bytes */${size}`);
      throw new ApiProblem(
        416,
        'bad.request',
        `The requested range is outside the file of ${size} bytes.`,
      );
    }

    const start = range?.start ?? 0;
    const end = range?.end ?? size - 1;
    const length = size === 0 ? 0 : end - start + 1;
    if (range !== undefined) {
      reply.code(206).header('Content-Range', `bytes ${start}-${end}/${size}`);
    }
    reply.header('Content-Length', String(length));

    if (request.method === 'HEAD' || length === 0) {
      await handle.close();
      return reply.send();
    }
    // The stream closes the handle when it ends or is destroyed.
    return reply.send(handle.createReadStream({ start, end }));
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw error;
  }
}

/**
 * Creates the media origin: a separate Fastify server that serves recordings'
 * files under signed, expiring URLs (see MediaService.getDownload), with byte
 * ranges, entity tags and CORS headers for the app.
 */
export function createMediaServer(context: EmulatorContext): FastifyInstance {
  const { config, media } = context;
  const server = Fastify({
    logger: loggerOptions(config),
    genReqId: () => randomUUID(),
    frameworkErrors: sendFrameworkError,
  });

  server.addHook('onRequest', async (request, reply) => {
    reply.header('inin-correlation-id', request.id);
    const origin = request.headers.origin;
    if (!config.switches.mediaCors) {
      return;
    }
    reply.header('Vary', 'Origin');
    if (origin !== undefined && isAllowedOrigin(origin, media.getAllowedOrigin())) {
      reply
        .header('Access-Control-Allow-Origin', origin)
        .header('Access-Control-Expose-Headers', EXPOSED_HEADERS);
    }
  });

  server.setErrorHandler((error: FastifyError, request, reply) => {
    const problem =
      error instanceof ApiProblem
        ? error
        : new ApiProblem(500, 'internal.server.error', 'The media server failed to send the file.');
    if (problem.status >= 500) {
      request.log.error({ err: error }, 'media request failed');
    }
    return sendProblem(request, reply, problem);
  });

  server.setNotFoundHandler((request, reply) =>
    sendProblem(
      request,
      reply,
      new ApiProblem(
        404,
        'not.found',
        `No resource at ${request.method} ${request.url.split('?')[0]}.`,
      ),
    ),
  );

  server.options('/media/*', async (_request, reply) => {
    if (config.switches.mediaCors) {
      reply
        .header('Access-Control-Allow-Methods', 'GET, HEAD, OPTIONS')
        .header('Access-Control-Allow-Headers', ALLOWED_HEADERS)
        .header('Access-Control-Max-Age', String(PREFLIGHT_MAX_AGE));
    }
    return reply.code(204).send();
  });

  server.route<{
    Params: { recordingId: string; fileName: string };
    Querystring: Record<string, unknown>;
  }>({
    method: ['GET', 'HEAD'],
    url: '/media/:recordingId/:fileName',
    exposeHeadRoute: false,
    handler: async (request, reply) => {
      const { recordingId, fileName } = request.params;
      const path = request.url.split('?')[0] ?? '';
      const { expires, signature } = request.query;
      const check = media.checkSignature(path, expires, signature);
      if (check === 'invalid') {
        throw new ApiProblem(403, 'not.authorized', 'The media URL signature is invalid.');
      }
      if (check === 'expired') {
        throw new ApiProblem(
          403,
          'not.authorized',
          'The media URL has expired; request a new one from the download endpoint.',
        );
      }
      const file = media.findFile(recordingId, fileName);
      if (file === undefined) {
        throw new ApiProblem(
          404,
          'not.found',
          `The media file of recording ${recordingId} no longer exists.`,
          {
            entityId: recordingId,
          },
        );
      }
      return serveFile(request, reply, file, Number(expires));
    },
  });

  return server;
}
