import type { FastifyInstance, FastifyRequest } from 'fastify';

import type { EmulatorContext } from '../app.ts';
import { ApiProblem, badRequest } from '../errors.ts';
import type { DownloadState } from '../media/media-service.ts';
import { RECORDINGS_PATH } from '../store/recordings-store.ts';
import { FORMAT_IDS, type DownloadResponse, type FormatId } from '../types.ts';
import { parseBooleanParam, validateRecordingId, type RawQuery } from './query.ts';

/** Maximum time the legacy `/media` route waits for a file without `async=true`, in milliseconds. */
export const MEDIA_WAIT_MS = 50_000;

const DEFAULT_FORMAT: FormatId = 'WEBM';

/** Parses `formatId`: absent or empty means WEBM; anything outside the enum is a 400. */
export function parseFormatId(value: RawQuery[string]): FormatId {
  if (Array.isArray(value)) {
    throw badRequest(
      'invalid.query.param.value',
      'The query parameter formatId must be given at most once.',
      {
        details: [{ errorCode: 'invalid.query.param.value', fieldName: 'formatId' }],
      },
    );
  }
  if (value === undefined || value === '') {
    return DEFAULT_FORMAT;
  }
  if (!(FORMAT_IDS as readonly string[]).includes(value)) {
    const quoted = JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
    throw badRequest(
      'invalid.query.param.value',
      `The formatId ${quoted} is invalid: expected one of ${FORMAT_IDS.join(', ')}.`,
      { details: [{ errorCode: 'invalid.query.param.value', fieldName: 'formatId' }] },
    );
  }
  return value as FormatId;
}

function toDownloadResponse(
  recordingId: string,
  route: 'transcoding' | 'media',
  formatId: FormatId,
  state: DownloadState,
): DownloadResponse {
  const response: DownloadResponse = {
    id: recordingId,
    state: state.state,
    selfUri: `${RECORDINGS_PATH}/${recordingId}/${route}?formatId=${formatId}`,
  };
  if (state.state === 'Completed') {
    response.contentLocationUri = state.contentLocationUri;
  }
  return response;
}

/** Returns the 404 of a server without the route: the same body as for any unknown path. */
function routeNotFound(request: FastifyRequest): ApiProblem {
  const path = request.url.split('?')[0] ?? '';
  return new ApiProblem(404, 'not.found', `No resource at ${request.method} ${path}.`);
}

interface DownloadRequest {
  Params: { recordingId: string };
  Querystring: RawQuery;
}

/**
 * Registers the download operations: `/transcoding` (202 while the file is being
 * made, 200 with a signed `contentLocationUri` when ready) and the legacy `/media`.
 * The `mediaRoutes` switch is read on every request, so a test can change it while
 * the emulator runs. A switched-off route returns the same 404 as a path that does not exist.
 */
export function registerDownloadRoutes(api: FastifyInstance, context: EmulatorContext): void {
  const { config, media } = context;

  api.get<DownloadRequest>(
    `${RECORDINGS_PATH}/:recordingId/transcoding`,
    async (request, reply) => {
      if (config.switches.mediaRoutes === 'no-transcoding') {
        throw routeNotFound(request);
      }
      const recordingId = validateRecordingId(request.params.recordingId);
      const formatId = parseFormatId(request.query.formatId);
      const state = media.getDownload(recordingId, formatId);
      return reply
        .code(state.state === 'Completed' ? 200 : 202)
        .send(toDownloadResponse(recordingId, 'transcoding', formatId, state));
    },
  );

  api.get<DownloadRequest>(`${RECORDINGS_PATH}/:recordingId/media`, async (request, reply) => {
    if (config.switches.mediaRoutes === 'no-media') {
      throw routeNotFound(request);
    }
    const recordingId = validateRecordingId(request.params.recordingId);
    const formatId = parseFormatId(request.query.formatId);
    const returnAtOnce = parseBooleanParam(request.query.async, 'async');
    const state = returnAtOnce
      ? media.getDownload(recordingId, formatId)
      : await media.waitForDownload(recordingId, formatId, MEDIA_WAIT_MS);
    return reply
      .code(state.state === 'Completed' ? 200 : 202)
      .send(toDownloadResponse(recordingId, 'media', formatId, state));
  });
}
