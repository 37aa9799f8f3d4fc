import { badRequest, type ApiProblem } from '../errors.ts';

/** A query parameter as Fastify parses it: absent, once, or repeated. */
export type QueryValue = string | string[] | undefined;

/** Query string of the API routes, before validation. */
export type RawQuery = Record<string, QueryValue>;

/** Values the `expand` parameter accepts. */
export const EXPAND_VALUES = ['conversation'] as const;
export type ExpandValue = (typeof EXPAND_VALUES)[number];

/** Maximum value of an int32 parameter such as `pageNumber`. */
export const INT32_MAX = 2 ** 31 - 1;

const RECORDING_ID_PATTERN = /^[A-Za-z0-9-]{1,64}$/;
const DIGITS_PATTERN = /^[0-9]+$/;

function invalidQueryParam(name: string, message: string): ApiProblem {
  return badRequest('invalid.query.param.value', message, {
    details: [{ errorCode: 'invalid.query.param.value', fieldName: name }],
  });
}

/** Shortens a client-supplied value before it goes into an error message. */
function quote(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}

/**
 * Returns the single value of a parameter, or undefined when it is absent or empty.
 * Genesys SDKs with the legacy parameter filter (the default up to v230, an option
 * in v262) send `false` and `0` as empty values, so `name=` counts as absent.
 */
function singleValue(value: QueryValue, name: string): string | undefined {
  if (Array.isArray(value)) {
    throw invalidQueryParam(name, `The query parameter ${name} must be given at most once.`);
  }
  return value === undefined || value === '' ? undefined : value;
}

/**
 * Parses `expand`, given repeated (`expand=a&expand=b`), comma-joined (`expand=a,b`)
 * or both. Empty values are ignored, and an unknown value is rejected with 400.
 */
export function parseExpand(value: QueryValue): Set<ExpandValue> {
  const parts = (Array.isArray(value) ? value : [value ?? ''])
    .flatMap((item) => item.split(','))
    .map((item) => item.trim())
    .filter((item) => item !== '');
  const expand = new Set<ExpandValue>();
  for (const part of parts) {
    if (!(EXPAND_VALUES as readonly string[]).includes(part)) {
      throw invalidQueryParam(
        'expand',
        `The expand value ${quote(part)} is invalid: expected ${EXPAND_VALUES.join(', ')}.`,
      );
    }
    expand.add(part as ExpandValue);
  }
  return expand;
}

/**
 * Parses a boolean query parameter. `true` and `1` are true; `false`, `0`, an empty
 * value (how older SDKs send false) and an absent parameter are false. Anything
 * else is rejected with 400 `invalid.query.param.value`.
 */
export function parseBooleanParam(value: QueryValue, name: string): boolean {
  const text = singleValue(value, name);
  if (text === undefined) {
    return false;
  }
  switch (text.toLowerCase()) {
    case 'true':
    case '1':
      return true;
    case 'false':
    case '0':
      return false;
    default:
      throw invalidQueryParam(
        name,
        `The query parameter ${name}=${quote(text)} is invalid: expected true or false.`,
      );
  }
}

export interface PositiveIntOptions {
  /** Value used when the parameter is absent or empty. */
  fallback: number;
  /** Largest accepted value. */
  max: number;
  /** Error code for a value above `max`; `invalid.query.param.value` unless given. */
  aboveMaxCode?: string;
}

/**
 * Parses a positive integer query parameter written in decimal digits. Zero,
 * negative, fractional and non-numeric values are rejected with 400
 * `invalid.query.param.value`, values above `options.max` with `options.aboveMaxCode`.
 */
export function parsePositiveInt(
  value: QueryValue,
  name: string,
  options: PositiveIntOptions,
): number {
  const text = singleValue(value, name);
  if (text === undefined) {
    return options.fallback;
  }
  const number = DIGITS_PATTERN.test(text) ? Number(text) : Number.NaN;
  if (!(number >= 1)) {
    throw invalidQueryParam(
      name,
      `The query parameter ${name}=${quote(text)} is invalid: expected an integer from 1 to ${options.max}.`,
    );
  }
  if (number > options.max) {
    const code = options.aboveMaxCode ?? 'invalid.query.param.value';
    throw badRequest(
      code,
      `The query parameter ${name}=${quote(text)} is too large: the maximum is ${options.max}.`,
      { details: [{ errorCode: code, fieldName: name }] },
    );
  }
  return number;
}

/**
 * Returns the id when it is 1 to 64 characters from `A-Z a-z 0-9 -`, and otherwise
 * throws 400 `invalid.value`, before any lookup. This also rejects ids that would
 * escape a folder, such as `..` or a decoded `%2F`.
 */
export function validateRecordingId(id: string | undefined): string {
  if (id === undefined || !RECORDING_ID_PATTERN.test(id)) {
    throw badRequest(
      'invalid.value',
      `The recording id ${quote(id ?? '')} is invalid: expected 1 to 64 characters from A-Z, a-z, 0-9 and -.`,
      { details: [{ errorCode: 'invalid.value', fieldName: 'recordingId' }] },
    );
  }
  return id;
}
