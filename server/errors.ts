import type { FastifyReply, FastifyRequest } from 'fastify';

import type { ErrorBody } from './types.ts';

/** An error the API returns with its status and a Genesys ErrorBody. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Partial<ErrorBody> = {},
  ) {
    super(message);
  }
}

export const badRequest = (code: string, message: string, extra?: Partial<ErrorBody>) =>
  new ApiProblem(400, code, message, extra);

export const notFound = (id: string) =>
  new ApiProblem(404, 'not.found', `No recording has the id ${id}.`, {
    entityId: id,
    entityName: 'UserRecording',
  });

/** Builds the ErrorBody for a problem; `contextId` is the request's correlation id. */
export function errorBody(request: FastifyRequest, problem: ApiProblem): ErrorBody {
  return {
    message: problem.message,
    code: problem.code,
    status: problem.status,
    contextId: request.id,
    details: [],
    errors: [],
    ...problem.extra,
  };
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: ApiProblem) {
  return reply.code(problem.status).type('application/json').send(errorBody(request, problem));
}

/**
 * Responds to errors Fastify raises before routing, such as a malformed percent
 * escape in the path, with an ErrorBody and the correlation id header.
 */
export function sendFrameworkError(
  error: { code?: string; message: string },
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  request.log.info(
    { code: error.code, correlationId: request.id },
    'request rejected before routing',
  );
  reply.header('inin-correlation-id', request.id);
  void sendProblem(
    request,
    reply,
    new ApiProblem(400, 'bad.request', `The request path is invalid: ${error.message}`),
  );
}
