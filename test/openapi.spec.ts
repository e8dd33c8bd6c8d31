import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSpec } from '../src/openapi.generate';

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

  it('names a schema of its own in every $ref', async () => {
    const text = await generateSpec();
    const spec = JSON.parse(text) as { components: { schemas: Record<string, unknown> } };
    const refs = [...text.matchAll(/"\$ref": "#\/components\/schemas\/([^"]*)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(50);
    expect(refs.filter((name) => !(name in spec.components.schemas))).toEqual([]);
  });
});
