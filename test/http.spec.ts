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
    expect(res.body).toMatchObject({ status: 404, title: 'Not Found' });
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
