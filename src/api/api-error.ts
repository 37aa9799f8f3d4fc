import type { components } from './generated/schema';

export type ErrorBody = components['schemas']['ErrorBody'];

/** An API call that failed: HTTP status, Genesys error code, message and correlation id. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly code: string;
  /** The `inin-correlation-id` of the failed response, which Genesys support asks for. */
  readonly correlationId: string | undefined;
  readonly body: ErrorBody | undefined;

  constructor(options: {
    status: number;
    code: string;
    message: string;
    correlationId?: string | undefined;
    body?: ErrorBody | undefined;
  }) {
    super(options.message);
    this.status = options.status;
    this.code = options.code;
    this.correlationId = options.correlationId;
    this.body = options.body;
  }
}

/** Builds an ApiError from a failed response and its parsed body, if the body was an ErrorBody. */
export function toApiError(response: Response, body: unknown): ApiError {
  const errorBody = isErrorBody(body) ? body : undefined;
  const correlationId =
    response.headers.get('inin-correlation-id') ?? errorBody?.contextId ?? undefined;
  return new ApiError({
    status: response.status,
    code: errorBody?.code ?? `http.${response.status}`,
    message:
      errorBody?.message ??
      `The server answered ${response.status} ${response.statusText || ''}`.trim(),
    correlationId,
    body: errorBody,
  });
}

/** Wraps a network failure (no response at all) in an ApiError with status 0. */
export function networkError(cause: unknown): ApiError {
  const error = new ApiError({
    status: 0,
    code: 'network.error',
    message: 'The server could not be reached. Check the connection and try again.',
  });
  error.cause = cause;
  return error;
}

function isErrorBody(value: unknown): value is ErrorBody {
  return typeof value === 'object' && value !== null && ('message' in value || 'code' in value);
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}
