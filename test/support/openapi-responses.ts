import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * Checks API answers against the committed OpenAPI document (`openapi/v1.json`), so that the SQL
 * that renders JSON and the spec that clients generate code from cannot drift apart. Every request
 * of the test agent (`http()` in ./app.ts) goes through `checkDocumentedResponse`.
 *
 * OpenAPI 3.0 schemas are turned into JSON Schema for ajv: `nullable` becomes "or null", `$ref`s
 * point into the spec's components, and objects that list their properties allow no others (an
 * answer with a field the spec does not name is drift too).
 */

type SchemaObject = Record<string, unknown>;

interface Operation {
  operationId?: string;
  responses?: Record<string, { content?: Record<string, { schema?: SchemaObject }> }>;
}
interface Spec {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, SchemaObject> };
}

export const SPEC_FILE = join(__dirname, '..', '..', 'openapi', 'v1.json');
const SPEC_ID = 'openapi-v1';
/** Paths the spec is meant to describe in full; anything else (OParl, /metrics, /admin, /docs) is not checked. */
const DOCUMENTED_PREFIXES = ['/v1/', '/health'];

/** OpenAPI 3.0 schema → JSON Schema (draft 7) as ajv reads it. */
export function toJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (!schema || typeof schema !== 'object') return schema;
  const out: SchemaObject = {};
  for (const [key, value] of Object.entries(schema as SchemaObject)) {
    if (key === 'nullable' || key === 'example') continue;
    if (key === '$ref' && typeof value === 'string') out.$ref = value.replace(/^#\/components\/schemas\//, `${SPEC_ID}#/definitions/`);
    else if (key === 'properties' && value && typeof value === 'object') out.properties = Object.fromEntries(Object.entries(value as SchemaObject).map(([name, s]) => [name, toJsonSchema(s)]));
    else if (key === 'enum' || key === 'required' || key === 'default') out[key] = value;
    else out[key] = toJsonSchema(value);
  }
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  if ((schema as SchemaObject).nullable === true) return { anyOf: [out, { type: 'null' }] };
  return out;
}

interface Compiled {
  validate: ValidateFunction;
  where: string;
}

let loaded: { spec: Spec; ajv: Ajv; templates: { template: string; pattern: RegExp }[] } | undefined;
const cache = new Map<string, Compiled>();

function load() {
  if (loaded) return loaded;
  const spec = JSON.parse(readFileSync(SPEC_FILE, 'utf8')) as Spec;
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, unicodeRegExp: false });
  addFormats(ajv);
  ajv.addSchema({ $id: SPEC_ID, definitions: toJsonSchema(spec.components.schemas) });
  // Literal segments win over parameters: `/v1/me/notes/{id}` never takes `/v1/me/notes/export`.
  const templates = Object.keys(spec.paths)
    .map((template) => ({
      template,
      params: (template.match(/\{[^}]+\}/g) ?? []).length,
      pattern: new RegExp(`^${template.split(/\{[^}]+\}/).map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')).join('[^/]+')}$`),
    }))
    .sort((a, b) => a.params - b.params);
  loaded = { spec, ajv, templates };
  return loaded;
}

/** The path template of the spec that `path` (no query) falls under, if any. */
export function findTemplate(path: string): string | undefined {
  return load().templates.find((t) => t.pattern.test(path))?.template;
}

/** Whether the spec means to describe this path (the API's own routes, not OParl, metrics or pages). */
export const isDocumentedPath = (path: string): boolean => DOCUMENTED_PREFIXES.some((prefix) => path === prefix.replace(/\/$/, '') || path.startsWith(prefix));

export class UndocumentedResponseError extends Error {}

/**
 * Validates one answer against the spec's schema for its operation, status and media type. Throws
 * with the operation, the JSON pointer, what the schema expects and the value found.
 */
export function validateResponse(method: string, path: string, status: number, mediaType: string, body: unknown): void {
  const { spec, ajv } = load();
  const template = findTemplate(path);
  const where = `${method.toUpperCase()} ${template ?? path} → ${status} ${mediaType}`;
  if (!template) throw new UndocumentedResponseError(`${where}: ${path} is not in openapi/v1.json (undocumented route)`);
  const operation = spec.paths[template][method.toLowerCase()];
  if (!operation) throw new UndocumentedResponseError(`${where}: the spec has no ${method.toUpperCase()} for ${template} (undocumented operation)`);
  const key = `${method.toLowerCase()} ${template} ${status} ${mediaType}`;
  let compiled = cache.get(key);
  if (!compiled) {
    const response = operation.responses?.[String(status)];
    if (!response) throw new UndocumentedResponseError(`${where}: status ${status} is not documented for ${operation.operationId ?? template}`);
    const schema = response.content?.[mediaType]?.schema;
    if (!schema) throw new UndocumentedResponseError(`${where}: ${operation.operationId ?? template} documents no ${mediaType} body for ${status} (has: ${Object.keys(response.content ?? {}).join(', ') || 'none'})`);
    compiled = { validate: ajv.compile(toJsonSchema(schema) as SchemaObject), where: `${where} (${operation.operationId ?? '?'})` };
    cache.set(key, compiled);
  }
  if (compiled.validate(body)) return;
  throw new Error(`Response does not match openapi/v1.json: ${compiled.where}\n${describeErrors(compiled.validate.errors ?? [], body)}`);
}

const MAX_ERRORS = 8;

function describeErrors(errors: ErrorObject[], body: unknown): string {
  // Under `anyOf` (nullable) ajv reports the branch that failed and "must be null"; the latter says nothing.
  const useful = errors.filter((e) => !(e.keyword === 'type' && (e.params as { type?: string }).type === 'null') && e.keyword !== 'anyOf');
  const shown = (useful.length ? useful : errors).slice(0, MAX_ERRORS);
  const lines = shown.map((e) => {
    const pointer = e.instancePath || '/';
    const value = valueAt(body, e.instancePath);
    const found =
      e.keyword === 'additionalProperties'
        ? `field ${JSON.stringify((e.params as { additionalProperty: string }).additionalProperty)}`
        : e.keyword === 'required' && value && typeof value === 'object'
          ? `an object with ${truncate(Object.keys(value))}`
          : truncate(value);
    return `  at ${pointer}: ${e.message ?? e.keyword}${describeParams(e)} (schema ${e.schemaPath}); found ${found}`;
  });
  if (errors.length > shown.length) lines.push(`  … and ${errors.length - shown.length} more`);
  return lines.join('\n');
}

function describeParams(e: ErrorObject): string {
  if (e.keyword === 'enum') return `: ${JSON.stringify((e.params as { allowedValues: unknown }).allowedValues)}`;
  return '';
}

function valueAt(body: unknown, pointer: string): unknown {
  let value = body;
  for (const raw of pointer.split('/').slice(1)) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (value && typeof value === 'object') value = (value as Record<string, unknown>)[part];
    else return undefined;
  }
  return value;
}

export function truncate(value: unknown, max = 200): string {
  const text: string | undefined = JSON.stringify(value);
  if (text === undefined) return String(value);
  return text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text;
}

/** The answer as the test agent sees it (a supertest response). */
export interface ResponseLike {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

const isJson = (mediaType: string) => mediaType === 'application/json' || mediaType.endsWith('+json');

/**
 * What the test agent runs after every answer: a 2xx JSON answer on a path the spec describes must
 * be documented and match. Problems (4xx/5xx), non-JSON answers and paths outside the API's own are
 * left to the tests themselves (OParl has its own conformance check).
 */
export function checkDocumentedResponse(method: string, url: string, res: ResponseLike): void {
  if (res.status < 200 || res.status > 299 || method.toUpperCase() === 'HEAD') return;
  const contentType = res.headers['content-type'];
  const mediaType = (Array.isArray(contentType) ? contentType[0] : contentType ?? '').split(';')[0].trim().toLowerCase();
  if (!isJson(mediaType)) return;
  const path = new URL(url, 'http://localhost').pathname;
  if (!isDocumentedPath(path)) return;
  validateResponse(method, path, res.status, mediaType, res.body);
}
