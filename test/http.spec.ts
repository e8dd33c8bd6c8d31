import { bearer, startWithBody } from './support/app';
import { createSession } from './support/factories';

type Ctx = Awaited<ReturnType<typeof startWithBody>>;

describe('HTTP conventions', () => {
  let t: Ctx;
  const sessions = '/v1/bodies/musterstadt/sessions';

  beforeAll(async () => {
    t = await startWithBody({ RATE_LIMIT_WRITES_PER_MINUTE: '3' });
    for (let i = 0; i < 30; i++) {
      await createSession(t.ds, { bodyId: t.body.id, name: `Sitzung Nummer ${i} mit einem längeren Namen für die Kompression`, start: new Date(Date.UTC(2025, 0, i + 1, 17)) });
    }
  });
  afterAll(async () => t.close());

  it('sends security headers, CORS for public GETs and a request id', async () => {
    const res = await t.http().get(sessions).set('Origin', 'https://www.musterstadt.example').expect(200);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toBeDefined();
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const preflight = await t.http().options(sessions).set('Origin', 'https://app.example').set('Access-Control-Request-Method', 'GET').expect(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('*');
  });

  it('allows scripts only on the API docs: a strict Content-Security-Policy everywhere else', async () => {
    const csp = (res: { headers: Record<string, string> }): string[] => res.headers['content-security-policy'].split(/;\s*/);
    for (const res of [await t.http().get(sessions).expect(200), await t.http().get('/v2/anything').expect(404), await t.http().get('/oparl/v1.1/system').expect(200)]) {
      expect(csp(res)).toEqual(expect.arrayContaining(["default-src 'none'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'self'"]));
      expect(res.headers['content-security-policy']).not.toMatch(/script-src|unsafe-inline/);
    }
    for (const path of ['/docs', '/docs/', '/docs/swagger-ui-init.js']) {
      const docs = await t.http().get(path).expect(200);
      expect(csp(docs)).toEqual(expect.arrayContaining(["script-src 'self' 'unsafe-inline'", "object-src 'none'"]));
    }
  });

  it('echoes a well-formed client request id, also in problems', async () => {
    const res = await t.http().get('/v1/bodies/musterstadt/sessions?limit=0').set('X-Request-Id', 'abc-123').expect(400);
    expect(res.headers['x-request-id']).toBe('abc-123');
    expect(res.body.requestId).toBe('abc-123');
  });

  it('compresses on request', async () => {
    // supertest inflates the body; the header shows what went over the wire.
    const res = await t.http().get(`${sessions}?limit=30`).set('Accept-Encoding', 'gzip').expect(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.body.data).toHaveLength(30);
    const plain = await t.http().get(`${sessions}?limit=30`).set('Accept-Encoding', 'identity').expect(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
  });

  it('answers unknown routes with a problem', async () => {
    const res = await t.http().get('/v2/anything').expect(404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 404, code: 'not_found', title: 'Nicht gefunden', detail: 'Die Route GET /v2/anything gibt es nicht.' });
  });

  it('refuses a forged cursor of the right length but wrong types with 400, not 500', async () => {
    const cursor = (values: unknown[]): string => Buffer.from(JSON.stringify(values)).toString('base64url');
    const uuid = '00000000-0000-4000-8000-000000000000';
    const forged: [string, unknown[]][] = [
      ['locations', ['x']],
      ['sessions', ['x', 'y']],
      ['sessions', ['2025-02-30 18:00:00+01', uuid]],
      ['sessions', ['2025-01-01 18:00:00+01', 'x']],
      ['committees', ['a\u0000b', uuid]],
      ['legislative-terms', ['31.12.2025', uuid]],
      ['agenda-items', [uuid, '1.5', uuid]],
      ['agenda-items', [uuid, 99999999999, uuid]],
      ['documents', ['2025-13-01', uuid]],
      ['changes', ['x']],
      ['changes', ['99999999999999999999']],
    ];
    for (const [list, values] of forged) {
      const res = await t.http().get(`/v1/bodies/musterstadt/${list}?cursor=${cursor(values)}`);
      expect({ list, values, status: res.status }).toEqual({ list, values, status: 400 });
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.errors).toEqual([{ field: 'cursor', code: 'invalid_cursor', message: expect.any(String) }]);
    }
  });

  it('follows the cursors it issued through every page, an open-ended term included', async () => {
    const walk = async (path: string): Promise<string[]> => {
      const ids: string[] = [];
      for (let url: string | undefined = path; url; ) {
        const res = await t.http().get(url.replace('http://api.test', '')).expect(200);
        ids.push(...(res.body.data as { id: string }[]).map((r) => r.id));
        url = res.body.links.next as string | undefined;
      }
      return ids;
    };
    const sessionIds = await walk(`${sessions}?limit=7`);
    expect(sessionIds.length).toBeGreaterThanOrEqual(30);
    expect(new Set(sessionIds).size).toBe(sessionIds.length);
    for (const name of ['Wahlperiode ohne Beginn A', 'Wahlperiode ohne Beginn B']) {
      await t.ds.query(`INSERT INTO legislative_term (body_id, name, published_at) VALUES ($1, $2, now())`, [t.body.id, name]);
    }
    const termIds = await walk('/v1/bodies/musterstadt/legislative-terms?limit=1');
    expect(termIds).toHaveLength(2);
    expect(new Set(termIds).size).toBe(2);
  });

  it('reports liveness and readiness', async () => {
    await t.http().get('/health/live').expect(200, { status: 'ok', checks: {} });
    const ready = await t.http().get('/health/ready').expect(200);
    expect(ready.body).toEqual({ status: 'ok', checks: { database: 'ok', redis: 'ok' } });
  });

  it('rate-limits writes per key but not reads', async () => {
    const send = () => t.http().post(sessions).set(...bearer(t.keys.editor)).send({ name: 'x', start: '2025-09-01T18:00:00+02:00' });
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) codes.push((await send()).status);
    expect(codes.slice(0, 3)).toEqual([201, 201, 201]);
    const limited = await send().expect(429);
    expect(limited.headers['content-type']).toMatch(/problem\+json/);
    expect(limited.headers['retry-after']).toBeDefined();
    await t.http().get(sessions).set(...bearer(t.keys.editor)).expect(200);
    // Another key has its own budget.
    await t.http().post(sessions).set(...bearer(t.keys.admin)).send({ name: 'y', start: '2025-09-01T18:00:00+02:00' }).expect(201);
  });

  it('serves the API docs', async () => {
    await t.http().get('/docs').expect(200);
    const spec = await t.http().get('/docs/openapi.json').expect(200);
    expect(spec.body.info.title).toBe('Ratsinfo API');
  });
});
