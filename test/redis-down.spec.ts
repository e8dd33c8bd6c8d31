import { bearer, startWithBody } from './support/app';

type Ctx = Awaited<ReturnType<typeof startWithBody>>;

describe('with Redis unreachable', () => {
  let t: Ctx;

  beforeAll(async () => {
    t = await startWithBody({ REDIS_URL: 'redis://127.0.0.1:1' });
  });
  afterAll(async () => t.close());

  it('still accepts writes and records their change events for later relay', async () => {
    const res = await t.http().post('/v1/bodies/musterstadt/sessions').set(...bearer(t.keys.editor)).send({ name: 'Trotz Ausfall', start: '2025-09-01T18:00:00+02:00' }).expect(201);
    const events = await t.ds.query(`SELECT relayed_at FROM change_event WHERE resource_id = $1`, [res.body.id]);
    expect(events).toEqual([{ relayed_at: null }]);
  });

  it('reports not ready', async () => {
    const ready = await t.http().get('/health/ready').expect(503);
    expect(ready.body).toEqual({ status: 'unavailable', checks: { database: 'ok', redis: 'down' } });
    await t.http().get('/health/live').expect(200);
  });
});
