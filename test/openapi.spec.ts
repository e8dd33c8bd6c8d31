import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSpec } from '../src/openapi.generate';

interface Schema {
  type?: string;
  format?: string;
  example?: unknown;
  [key: string]: unknown;
}
interface Parameter {
  name: string;
  in: string;
  schema?: Schema;
}
interface Response {
  $ref?: string;
  content?: Record<string, { schema?: { $ref?: string } }>;
}
interface Operation {
  operationId: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  parameters?: Parameter[];
  responses: Record<string, Response>;
}
interface Spec {
  servers: { url: string }[];
  tags: { name: string; description?: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { responses: Record<string, Response>; schemas: Record<string, Schema>; securitySchemes: Record<string, { description: string; bearerFormat?: string }> };
}

const operations = (spec: Spec): [where: string, path: string, operation: Operation][] =>
  Object.entries(spec.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]): [string, string, Operation] => [`${method.toUpperCase()} ${path}`, path, op]));

/** Every schema object in the spec, with where it is. */
function schemasIn(value: unknown, where = ''): [string, Schema][] {
  if (Array.isArray(value)) return value.flatMap((item, i) => schemasIn(item, `${where}/${i}`));
  if (!value || typeof value !== 'object') return [];
  const own: [string, Schema][] = 'type' in value || 'format' in value || 'example' in value ? [[where, value as Schema]] : [];
  return [...own, ...Object.entries(value).flatMap(([key, item]) => schemasIn(item, `${where}/${key}`))];
}

describe('openapi/v1.json', () => {
  it('matches what the code generates (run `npm run openapi` after changing the API)', async () => {
    const committed = readFileSync(join(__dirname, '..', 'openapi', 'v1.json'), 'utf8');
    expect(await generateSpec()).toBe(committed);
  });

  it('documents every operation with a summary, a typed success response and its errors', async () => {
    const spec = JSON.parse(await generateSpec()) as { paths: Record<string, Record<string, { summary?: string; responses: Record<string, { content?: unknown }> }>> };
    const problems: string[] = [];
    for (const [path, ops] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const where = `${method.toUpperCase()} ${path}`;
        if (!op.summary) problems.push(`${where}: no summary`);
        const codes = Object.keys(op.responses);
        if (!codes.some((c) => c.startsWith('2'))) problems.push(`${where}: no success response`);
        if (path.startsWith('/v1') && !codes.some((c) => c.startsWith('4'))) problems.push(`${where}: no error responses`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('lists the 503 of an unreachable database, with Retry-After, under every operation that needs it', async () => {
    const spec = JSON.parse(await generateSpec()) as {
      paths: Record<string, Record<string, { responses: Record<string, { $ref?: string }> }>>;
      components: { responses: Record<string, { headers: Record<string, unknown> }> };
    };
    const missing = Object.entries(spec.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => path !== '/health/live' && !op.responses['503'])
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(missing).toEqual([]);
    expect(spec.paths['/v1/bodies/{body}/sessions'].get.responses['503']).toEqual({ $ref: '#/components/responses/DatabaseUnavailable' });
    expect(Object.keys(spec.components.responses.DatabaseUnavailable.headers)).toEqual(['Retry-After']);
  });

  it('types every path parameter of every operation', async () => {
    const spec = JSON.parse(await generateSpec()) as Spec;
    const problems: string[] = [];
    for (const [where, path, op] of operations(spec)) {
      const declared = new Map((op.parameters ?? []).filter((p) => p.in === 'path').map((p) => [p.name, p.schema]));
      for (const [, name] of path.matchAll(/\{([^}]+)\}/g)) {
        const schema = declared.get(name);
        if (schema?.type !== 'string') problems.push(`${where}: {${name}} is ${JSON.stringify(schema)}`);
      }
    }
    expect(problems).toEqual([]);
    const get = spec.paths['/v1/bodies/{body}/sessions/{id}'].get.parameters!;
    expect(get.find((p) => p.name === 'body')!.schema).toMatchObject({ type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,62}$' });
    expect(get.find((p) => p.name === 'id')!.schema).toEqual({ type: 'string', format: 'uuid' });
  });

  it('answers every error as application/problem+json (the readiness report aside)', async () => {
    const spec = JSON.parse(await generateSpec()) as Spec;
    const problems: string[] = [];
    for (const [where, , op] of operations(spec)) {
      for (const [status, ref] of Object.entries(op.responses)) {
        if (!/^[45]/.test(status) || (where === 'GET /health/ready' && status === '503')) continue;
        const response = ref.$ref ? spec.components.responses[ref.$ref.replace('#/components/responses/', '')] : ref;
        if (JSON.stringify(response.content) !== JSON.stringify({ 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } } })) {
          problems.push(`${where} ${status}: ${JSON.stringify(response.content)}`);
        }
      }
    }
    expect(problems).toEqual([]);
    const codes = (path: string, method: string) => Object.keys(spec.paths[path][method].responses);
    expect(codes('/v1/bodies/{body}/sessions', 'get')).toEqual(expect.arrayContaining(['400', '401', '404', '429', '503']));
    expect(codes('/v1/bodies/{body}/sessions', 'post')).toEqual(expect.arrayContaining(['400', '401', '403', '404', '429', '503']));
    expect(codes('/v1/me/notes', 'get')).toEqual(expect.arrayContaining(['400', '401', '403', '429', '503']));
  });

  it('declares who may call: optional credentials on public reads, required ones on writes and personal data, none where they change nothing', async () => {
    const spec = JSON.parse(await generateSpec()) as Spec;
    expect(operations(spec).filter(([, , op]) => !op.security?.length).map(([where]) => where)).toEqual([]);
    const security = (path: string, method: string) => spec.paths[path][method].security;
    const optional = [{}, { bearer: [] }, { account: [] }];
    expect(security('/v1/bodies/{body}/sessions', 'get')).toEqual(optional);
    expect(security('/v1/bodies/{body}/documents/{id}', 'get')).toEqual(optional);
    expect(security('/v1/bodies/{body}/search', 'get')).toEqual(optional);
    expect(security('/v1/bodies/{body}/sessions', 'post')).toEqual([{ bearer: [] }]);
    expect(security('/v1/me/notes', 'get')).toEqual([{ account: [] }]);
    expect(security('/v1/me/account', 'post')).toEqual([{}]);
    expect(security('/health/live', 'get')).toEqual([{}]);
    // Both schemes are opaque bearer tokens, not JWTs.
    for (const scheme of Object.values(spec.components.securitySchemes)) {
      expect(scheme.bearerFormat).toMatch(/^opaque /);
      expect(scheme.description).toMatch(/not a JWT/);
    }
  });

  it('types date-times and dates as strings with their format', async () => {
    const spec = JSON.parse(await generateSpec()) as Spec;
    const schemas = schemasIn(spec);
    const wrong = schemas.filter(([, schema]) => (schema.format === 'date-time' || schema.format === 'date') && schema.type !== 'string');
    expect(wrong).toEqual([]);
    // A field whose example is an instant is a date-time (filters that take a date or an instant aside).
    const unformatted = schemas.filter(
      ([where, schema]) => typeof schema.example === 'string' && /^\d{4}-\d\d-\d\dT/.test(schema.example) && schema.format !== 'date-time' && !where.includes('/parameters/'),
    );
    expect(unformatted.map(([where]) => where)).toEqual([]);
    expect(spec.components.schemas.SessionDto).toMatchObject({ properties: { start: { type: 'string', format: 'date-time' } } });
  });

  it('names its server, tags every operation with a described tag, and gives each operation its own id', async () => {
    const spec = JSON.parse(await generateSpec()) as Spec;
    expect(spec.servers.map((s) => s.url)).toEqual(['http://localhost:3000']);
    expect(JSON.parse(await generateSpec('https://rats.musterstadt.example')).servers[0].url).toBe('https://rats.musterstadt.example');
    const described = new Set(spec.tags.filter((tag) => tag.description).map((tag) => tag.name));
    expect(operations(spec).filter(([, , op]) => !op.tags?.length || !op.tags.every((tag) => described.has(tag))).map(([where]) => where)).toEqual([]);
    const ids = operations(spec).map(([, , op]) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('names a schema of its own in every $ref', async () => {
    const text = await generateSpec();
    const spec = JSON.parse(text) as { components: { schemas: Record<string, unknown> } };
    const refs = [...text.matchAll(/"\$ref": "#\/components\/schemas\/([^"]*)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(50);
    expect(refs.filter((name) => !(name in spec.components.schemas))).toEqual([]);
  });
});
