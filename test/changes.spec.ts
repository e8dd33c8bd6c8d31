import { bearer, startWithBody } from './support/app';

type Ctx = Awaited<ReturnType<typeof startWithBody>>;

describe('change feed', () => {
  let t: Ctx;
  const sessions = '/v1/bodies/musterstadt/sessions';
  const feed = '/v1/bodies/musterstadt/changes';

  beforeAll(async () => {
    t = await startWithBody();
  });
  afterAll(async () => t.close());

  async function actions(key?: string): Promise<string[]> {
    const req = t.http().get(`${feed}?limit=200`);
    const res = await (key ? req.set(...bearer(key)) : req).expect(200);
    return res.body.data.map((c: { action: string; resource: string }) => `${c.resource}:${c.action}`);
  }

  it('shows each audience only what it could see, de-publication as deletion', async () => {
    const editor = bearer(t.keys.editor);
    const created = await t.http().post(sessions).set(...editor).send({ name: 'Sitzung', start: '2025-09-01T18:00:00+02:00' }).expect(201);
    const id = created.body.id as string;
    expect(await actions()).toEqual([]);
    await t.http().post(`${sessions}/${id}/publish`).set(...editor).expect(200);
    await t.http().patch(`${sessions}/${id}`).set(...editor).send({ name: 'Sitzung (neu)' }).expect(200);
    await t.http().post(`${sessions}/${id}/unpublish`).set(...editor).expect(200);
    await t.http().delete(`${sessions}/${id}`).set(...editor).expect(204);

    expect(await actions()).toEqual(['session:created', 'session:updated', 'session:deleted']);
    expect(await actions(t.keys.member)).toEqual(['session:created', 'session:updated', 'session:deleted']);
    expect(await actions(t.keys.editor)).toEqual(['session:created', 'session:updated', 'session:updated', 'session:updated', 'session:deleted']);

    const page = await t.http().get(`${feed}?limit=200`).expect(200);
    expect(page.body.data[0].url).toBe(`http://api.test/v1/bodies/musterstadt/sessions/${id}`);
    expect(page.body.data[2].url).toBeUndefined();
  });

  it('pages with a cursor that can be polled after the last change', async () => {
    const first = await t.http().get(`${feed}?limit=2`).expect(200);
    expect(first.body.data).toHaveLength(2);
    const next = new URL(first.body.links.next as string);
    const second = await t.http().get(next.pathname + next.search).expect(200);
    expect(second.body.data).toHaveLength(1);
    const tail = new URL(second.body.links.next as string);
    const empty = await t.http().get(tail.pathname + tail.search).expect(200);
    expect(empty.body.data).toEqual([]);

    await t.http().post(sessions).set(...bearer(t.keys.editor)).send({ name: 'Neu', start: '2025-10-01T18:00:00+02:00', publish: true }).expect(201);
    const polled = await t.http().get(tail.pathname + tail.search).expect(200);
    expect(polled.body.data.map((c: { action: string }) => c.action)).toEqual(['created']);
  });

  it('is scoped to its body', async () => {
    const res = await t.http().get('/v1/bodies/andersdorf/changes').expect(200);
    expect(res.body.data).toEqual([]);
  });
});
