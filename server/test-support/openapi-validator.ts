import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

/** The OpenAPI document the emulator implements. */
export const OPENAPI_PATH = fileURLToPath(
  new URL('../../openapi/user-recordings.yaml', import.meta.url),
);

const DOCUMENT_ID = 'https://recordings-web.local/openapi.json';
const CORRELATION_HEADER = 'inin-correlation-id';

interface Reference {
  $ref: string;
}

interface HeaderObject {
  required?: boolean;
  schema?: object;
}

interface ResponseObject {
  headers?: Record<string, HeaderObject | Reference>;
  content?: Record<string, { schema?: object }>;
}

interface OperationObject {
  operationId?: string;
  responses?: Record<string, ResponseObject | Reference>;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, unknown>>;
  components: Record<string, Record<string, unknown>>;
}

export type ResponseHeaders = Headers | Record<string, string | string[] | number | undefined>;

function describeErrors(validate: ValidateFunction): string {
  return (validate.errors ?? [])
    .map(
      (error) =>
        `${error.instancePath || '(root)'} ${error.message ?? ''} ${JSON.stringify(error.params)}`,
    )
    .join('; ');
}

function isReference(value: unknown): value is Reference {
  return typeof value === 'object' && value !== null && '$ref' in value;
}

function headerValue(headers: ResponseHeaders, name: string): string | undefined {
  if (headers instanceof Headers) {
    return headers.get(name) ?? undefined;
  }
  const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === name);
  const value = entry?.[1];
  if (value === undefined) {
    return undefined;
  }
  return Array.isArray(value) ? value.join(', ') : String(value);
}

/**
 * Returns a copy of the document in which every component schema with `properties`
 * rejects properties it does not list, so a response cannot carry undocumented fields.
 */
function closeSchemas(document: OpenApiDocument): OpenApiDocument {
  const schemas = (document.components.schemas ?? {}) as Record<string, object>;
  const closed = Object.fromEntries(
    Object.entries(schemas).map(([name, schema]) => [
      name,
      'properties' in schema ? { ...schema, unevaluatedProperties: false } : schema,
    ]),
  );
  return { ...document, components: { ...document.components, schemas: closed } };
}

/** Validates responses against the operations of an OpenAPI 3.1 document. */
export class OpenApiValidator {
  private readonly ajv: Ajv2020;
  private readonly operations = new Map<string, OperationObject>();
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(private readonly document: OpenApiDocument) {
    this.ajv = new Ajv2020({ strict: true, allErrors: true });
    addFormats(this.ajv);
    // OpenAPI integer formats, which JSON Schema does not define.
    this.ajv.addFormat('int32', {
      type: 'number',
      validate: (value: number) => Number.isInteger(value) && Math.abs(value) <= 2 ** 31,
    });
    this.ajv.addFormat('int64', { type: 'number', validate: Number.isSafeInteger });
    // The document is registered whole so that `#/components/...` references resolve.
    this.ajv.addVocabulary([
      'openapi',
      'info',
      'servers',
      'security',
      'tags',
      'paths',
      'components',
    ]);
    this.ajv.addSchema({ ...closeSchemas(document), $id: DOCUMENT_ID });

    for (const pathItem of Object.values(document.paths)) {
      for (const operation of Object.values(pathItem)) {
        const candidate = operation as OperationObject;
        if (typeof candidate === 'object' && candidate.operationId !== undefined) {
          this.operations.set(candidate.operationId, candidate);
        }
      }
    }
  }

  /** Loads the project's OpenAPI document. */
  static fromFile(path: string = OPENAPI_PATH): OpenApiValidator {
    return new OpenApiValidator(parse(readFileSync(path, 'utf8')) as OpenApiDocument);
  }

  private resolve<T>(value: T | Reference): T {
    if (!isReference(value)) {
      return value;
    }
    const segments = value.$ref.replace(/^#\//, '').split('/');
    let target: unknown = this.document;
    for (const segment of segments) {
      target = (target as Record<string, unknown> | undefined)?.[segment];
    }
    if (target === undefined) {
      throw new Error(`The OpenAPI reference ${value.$ref} does not resolve.`);
    }
    return this.resolve(target as T | Reference);
  }

  private schemaValidator(schema: object): ValidateFunction {
    const key = JSON.stringify(schema);
    let validate = this.validators.get(key);
    if (validate === undefined) {
      const rebased = JSON.parse(
        key.replaceAll('"$ref":"#/', `"$ref":"${DOCUMENT_ID}#/`),
      ) as object;
      validate = this.ajv.compile(rebased);
      this.validators.set(key, validate);
    }
    return validate;
  }

  /**
   * Returns the problems of a response to `operationId`, or an empty list when it
   * matches the document. A matching response has a documented status and every
   * required header, with values of their schemas. Its body is JSON of the
   * documented schema, or empty where no body is documented. An error body's
   * `contextId` equals the correlation header.
   */
  problems(operationId: string, status: number, body: unknown, headers: ResponseHeaders): string[] {
    const operation = this.operations.get(operationId);
    if (operation === undefined) {
      return [`The document has no operation ${operationId}.`];
    }
    const responseEntry = operation.responses?.[String(status)];
    if (responseEntry === undefined) {
      return [`${operationId} documents no ${status} response.`];
    }
    const response = this.resolve(responseEntry);
    const problems: string[] = [];

    for (const [name, entry] of Object.entries(response.headers ?? {})) {
      const header = this.resolve(entry);
      const value = headerValue(headers, name.toLowerCase());
      if (value === undefined) {
        if (header.required === true) {
          problems.push(`The required header ${name} is missing.`);
        }
        continue;
      }
      if (header.schema !== undefined) {
        const schema = this.resolve(header.schema) as { type?: string };
        const parsed = schema.type === 'integer' && /^-?\d+$/.test(value) ? Number(value) : value;
        const validate = this.schemaValidator(schema);
        if (!validate(parsed)) {
          problems.push(`The header ${name}: ${value} is invalid: ${describeErrors(validate)}.`);
        }
      }
    }

    const content = response.content?.['application/json'];
    if (content === undefined) {
      if (body !== undefined && body !== '') {
        problems.push(`${operationId} ${status} documents no body, but one was sent.`);
      }
      return problems;
    }
    const contentType = headerValue(headers, 'content-type');
    if (contentType !== undefined && !contentType.toLowerCase().startsWith('application/json')) {
      problems.push(`The content type is ${contentType}, expected application/json.`);
    }
    if (content.schema !== undefined) {
      const validate = this.schemaValidator(content.schema);
      if (!validate(body)) {
        problems.push(`The body does not match the schema: ${describeErrors(validate)}.`);
      }
    }
    const correlationId = headerValue(headers, CORRELATION_HEADER);
    if (status >= 400 && typeof body === 'object' && body !== null) {
      const contextId = (body as { contextId?: unknown }).contextId;
      if (contextId !== correlationId) {
        problems.push(
          `The error body's contextId ${String(contextId)} differs from the ${CORRELATION_HEADER} header ${String(correlationId)}.`,
        );
      }
    }
    return problems;
  }

  /** Throws an error listing every way the response differs from the document. */
  expectMatchesOperation(
    operationId: string,
    status: number,
    body: unknown,
    headers: ResponseHeaders,
  ): void {
    const problems = this.problems(operationId, status, body, headers);
    if (problems.length > 0) {
      throw new Error(
        `The ${status} response of ${operationId} does not match the OpenAPI document:\n- ${problems.join('\n- ')}\nBody: ${JSON.stringify(body)?.slice(0, 2000)}`,
      );
    }
  }
}

let sharedValidator: OpenApiValidator | undefined;

/** Returns a validator of the project's document, loaded once per test file. */
export function openApiValidator(): OpenApiValidator {
  sharedValidator ??= OpenApiValidator.fromFile();
  return sharedValidator;
}

/** Throws when a response does not match the operation `operationId` of the project's document. */
export function expectMatchesOperation(
  operationId: string,
  status: number,
  body: unknown,
  headers: ResponseHeaders,
): void {
  openApiValidator().expectMatchesOperation(operationId, status, body, headers);
}
