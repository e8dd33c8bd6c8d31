import { Db } from '../src/infra/database/db.service';
import { bearer, startWithBody } from './support/app';
import { createSession } from './support/factories';

type Ctx = Awaited<ReturnType<typeof startWithBody>>;

describe('read cache of public pages', () => {
  let t: Ctx;
  const path = '/v1/bodies/musterstadt/sessions';
  const names = (res: { body: { data: { name: string }[] } }) => res.body.data.map((s) => s.name);

  beforeAll(async () => {
    t = await startWithBody({ READ_CACHE_MS: '60000' });
    await createSession(t.ds, { bodyId: t.body.id, name: 'Erste', start: new Date('2025-03-04T17:00:00Z') });
  });
  afterAll(async () => t.close());

  it('serves repeated anonymous reads from memory, with the same ETag', async () => {
    const first = await t.http().get(path).expect(200);
    // A row written behind the API's back is not seen while the page is cached …
    await createSession(t.ds, { bodyId: t.body.id, name: 'Heimlich', start: new Date('2025-03-05T17:00:00Z') });
    const second = await t.http().get(path).expect(200);
    expect(names(second)).toEqual(['Erste']);
    expect(second.headers.etag).toBe(first.headers.etag);
    await t.http().get(path).set('If-None-Match', first.headers.etag).expect(304);
    // … while keyed readers always get fresh pages.
    const member = await t.http().get(path).set(...bearer(t.keys.member)).expect(200);
    expect(names(member)).toEqual(['Erste', 'Heimlich']);
  });

  it('drops the pages of a body on every write through the API', async () => {
    await t.http().post(path).set(...bearer(t.keys.editor)).send({ name: 'Neu', start: '2025-03-06T18:00:00+01:00', publish: true }).expect(201);
    const res = await t.http().get(path).expect(200);
    expect(names(res)).toEqual(['Erste', 'Heimlich', 'Neu']);
  });

  it('lets concurrent misses share one query', async () => {
    const db = t.app.get(Db);
    const spy = jest.spyOn(db, 'rows');
    const url = `${path}?limit=7`;
    const results = await Promise.all(Array.from({ length: 10 }, () => t.http().get(url).expect(200)));
    const listQueries = spy.mock.calls.filter(([sql]) => String(sql).includes('FROM session s')).length;
    spy.mockRestore();
    expect(listQueries).toBe(1);
    expect(new Set(results.map((r) => r.text)).size).toBe(1);
  });

  it('does not cache errors', async () => {
    await t.http().get(`${path}/00000000-0000-4000-8000-000000000000`).expect(404);
    await t.http().get(`${path}?limit=0`).expect(400);
  });
});
