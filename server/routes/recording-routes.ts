import type { FastifyInstance, FastifyRequest } from 'fastify';

import type { EmulatorContext } from '../app.ts';
import { ApiProblem, badRequest, notFound } from '../errors.ts';
import { RECORDINGS_PATH, toUserRecording } from '../store/recordings-store.ts';
import type { UserRecordingEntityListing } from '../types.ts';
import {
  INT32_MAX,
  parseExpand,
  parsePositiveInt,
  validateRecordingId,
  type ExpandValue,
  type RawQuery,
} from './query.ts';

/** Maximum `pageSize`. Larger values are rejected with 400 `response.entity.too.large`. */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 25;
/** Maximum length of a recording name after trimming, in characters (Unicode code points). */
export const MAX_NAME_LENGTH = 255;

interface RecordingParams {
  recordingId: string;
}

function pageUri(pageSize: number, pageNumber: number, expand: Set<ExpandValue>): string {
  const query = new URLSearchParams({ pageSize: String(pageSize), pageNumber: String(pageNumber) });
  if (expand.size > 0) {
    query.set('expand', [...expand].join(','));
  }
  return `${RECORDINGS_PATH}?${query.toString()}`;
}

/**
 * Builds the paging links as paths relative to the API host. `firstUri`, `lastUri`
 * and `selfUri` are always present (an empty list has one empty page). `previousUri`
 * is omitted on page 1 and, past the end, points at the last page. `nextUri` is
 * omitted on the last page and past the end.
 */
function pageLinks(
  pageSize: number,
  pageNumber: number,
  pageCount: number,
  expand: Set<ExpandValue>,
): Pick<
  UserRecordingEntityListing,
  'firstUri' | 'previousUri' | 'nextUri' | 'lastUri' | 'selfUri'
> {
  const lastPage = Math.max(pageCount, 1);
  const links: ReturnType<typeof pageLinks> = { firstUri: pageUri(pageSize, 1, expand) };
  if (pageNumber > 1) {
    links.previousUri = pageUri(pageSize, Math.min(pageNumber - 1, lastPage), expand);
  }
  if (pageNumber < pageCount) {
    links.nextUri = pageUri(pageSize, pageNumber + 1, expand);
  }
  links.lastUri = pageUri(pageSize, lastPage, expand);
  links.selfUri = pageUri(pageSize, pageNumber, expand);
  return links;
}

/** Rejects a body that is not sent as `application/json` with 415. */
function assertJsonContentType(request: FastifyRequest): void {
  const mediaType = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/json') {
    throw new ApiProblem(
      415,
      'unsupported.media.type',
      `The request body must be sent as application/json, not ${JSON.stringify(mediaType || 'no content type')}.`,
    );
  }
}

function invalidField(fieldName: string, message: string): ApiProblem {
  return badRequest('invalid.value', message, {
    details: [{ errorCode: 'invalid.value', fieldName }],
  });
}

/**
 * Reads the changes a PUT may make: `name` (trimmed, 1 to 255 characters) and
 * `read` (a boolean). Every other field is server-managed and ignored, and a
 * field left out keeps its value.
 */
export function parseRecordingChanges(body: unknown): { name?: string; read?: boolean } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest('bad.request', 'The request body must be a JSON object.');
  }
  const fields = body as Record<string, unknown>;
  const changes: { name?: string; read?: boolean } = {};

  if ('name' in fields) {
    if (typeof fields.name !== 'string') {
      throw invalidField('name', 'The name is invalid: expected a string.');
    }
    const name = fields.name.trim();
    const length = [...name].length;
    if (length < 1 || length > MAX_NAME_LENGTH) {
      throw invalidField(
        'name',
        `The name is invalid: expected 1 to ${MAX_NAME_LENGTH} characters after trimming, got ${length}.`,
      );
    }
    changes.name = name;
  }

  if ('read' in fields) {
    if (typeof fields.read !== 'boolean') {
      throw invalidField('read', 'The read flag is invalid: expected true or false.');
    }
    changes.read = fields.read;
  }
  return changes;
}

/** Registers list, summary, get, update and delete of user recordings. */
export function registerRecordingRoutes(api: FastifyInstance, context: EmulatorContext): void {
  const { store, media } = context;

  api.get<{ Querystring: RawQuery }>(RECORDINGS_PATH, (request) => {
    const pageSize = parsePositiveInt(request.query.pageSize, 'pageSize', {
      fallback: DEFAULT_PAGE_SIZE,
      max: MAX_PAGE_SIZE,
      aboveMaxCode: 'response.entity.too.large',
    });
    const pageNumber = parsePositiveInt(request.query.pageNumber, 'pageNumber', {
      fallback: 1,
      max: INT32_MAX,
    });
    const expand = parseExpand(request.query.expand);

    const { rows, total } = store.page(pageSize, pageNumber);
    const pageCount = Math.ceil(total / pageSize);
    const listing: UserRecordingEntityListing = {
      entities: rows.map((row) => toUserRecording(row, expand.has('conversation'))),
      pageSize,
      pageNumber,
      total,
      pageCount,
      ...pageLinks(pageSize, pageNumber, pageCount, expand),
    };
    return listing;
  });

  // A static path wins over the parametric one in Fastify's router, whatever the order.
  api.get(`${RECORDINGS_PATH}/summary`, () => store.summary());

  api.get<{ Params: RecordingParams; Querystring: RawQuery }>(
    `${RECORDINGS_PATH}/:recordingId`,
    (request) => {
      const id = validateRecordingId(request.params.recordingId);
      const expand = parseExpand(request.query.expand);
      const row = store.get(id);
      if (row === undefined) {
        throw notFound(id);
      }
      return toUserRecording(row, expand.has('conversation'));
    },
  );

  api.put<{ Params: RecordingParams; Querystring: RawQuery }>(
    `${RECORDINGS_PATH}/:recordingId`,
    (request) => {
      const id = validateRecordingId(request.params.recordingId);
      const expand = parseExpand(request.query.expand);
      assertJsonContentType(request);
      const changes = parseRecordingChanges(request.body);
      const row = store.update(id, changes);
      if (row === undefined) {
        throw notFound(id);
      }
      request.log.info(
        { recordingId: id, changed: Object.keys(changes), correlationId: request.id },
        'recording updated',
      );
      return toUserRecording(row, expand.has('conversation'));
    },
  );

  api.delete<{ Params: RecordingParams }>(
    `${RECORDINGS_PATH}/:recordingId`,
    async (request, reply) => {
      const id = validateRecordingId(request.params.recordingId);
      const row = store.remove(id);
      if (row === undefined) {
        throw notFound(id);
      }
      request.log.info({ recordingId: id, correlationId: request.id }, 'recording deleted');
      try {
        await media.deleteRecordingFiles(row);
      } catch (error) {
        // The row is gone, so the delete has happened, and a file left behind only costs disk space.
        request.log.error(
          { err: error, recordingId: id, mediaFile: row.media_file, correlationId: request.id },
          'deleting the recording files failed',
        );
      }
      return reply.code(202).send();
    },
  );
}
