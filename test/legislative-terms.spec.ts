import { bearer, startWithBody } from './support/app';
import { createLegislativeTerm } from './support/factories';

type Ctx = Awaited<ReturnType<typeof startWithBody>>;

describe('legislative terms', () => {
  let t: Ctx;
  const path = '/v1/bodies/musterstadt/legislative-terms';
  const names = (res: { body: { data: { name: string }[] } }): string[] => res.body.data.map((x) => x.name);

  beforeAll(async () => {
    t = await startWithBody();
  });
  afterAll(async () => t.close());

  describe('reading', () => {
    let currentId: string;
    let draftId: string;
    let foreignId: string;

    beforeAll(async () => {
      const b = t.body.id;
      currentId = (await createLegislativeTerm(t.ds, { bodyId: b, name: 'Wahlperiode 2025–2030', startDate: '2025-11-01', endDate: '2030-10-31' })).id;
      await createLegislativeTerm(t.ds, { bodyId: b, name: 'Wahlperiode 2014–2020', startDate: '2014-06-01', endDate: '2020-10-31' });
      await createLegislativeTerm(t.ds, { bodyId: b, name: 'Wahlperiode 2020–2025', startDate: '2020-11-01', endDate: '2025-10-31' });
      await createLegislativeTerm(t.ds, { bodyId: b, name: 'Altbestand', startDate: null, endDate: null });
      draftId = (await createLegislativeTerm(t.ds, { bodyId: b, name: 'Entwurf 2030–2035', startDate: '2030-11-01', endDate: null, publishedAt: null })).id;
      foreignId = (await createLegislativeTerm(t.ds, { bodyId: t.other.id, name: 'Fremde Wahlperiode' })).id;
    });

    it('lists terms by start date, undated first, with stable keyset pages', async () => {
      const first = await t.http().get(`${path}?limit=2`).expect(200);
      expect(first.headers['content-type']).toMatch(/application\/json/);
      expect(names(first)).toEqual(['Altbestand', 'Wahlperiode 2014–2020']);
      expect(first.body.data[1]).toEqual({
        id: expect.any(String),
        name: 'Wahlperiode 2014–2020',
        startDate: '2014-06-01',
        endDate: '2020-10-31',
        published: true,
        created: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/),
        modified: expect.any(String),
      });
      const next = new URL(first.body.links.next as string);
      const second = await t.http().get(`${next.pathname}${next.search}`).expect(200);
      expect(names(second)).toEqual(['Wahlperiode 2020–2025', 'Wahlperiode 2025–2030']);
      expect(second.body.links.next).toBeUndefined();
    });

    it('rejects unknown and malformed query parameters', async () => {
      const res = await t.http().get(`${path}?colour=red&limit=0`).expect(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['colour', 'limit']);
      await t.http().get(`${path}?cursor=WyJ4Il0`).expect(400);
    });

    it('shows a term, but never drafts to anonymous callers, members or keys of another body', async () => {
      const detail = await t.http().get(`${path}/${currentId}`).expect(200);
      expect(detail.body).toMatchObject({ id: currentId, name: 'Wahlperiode 2025–2030', startDate: '2025-11-01', endDate: '2030-10-31', published: true });
      for (const key of [null, t.keys.member, t.keys.otherEditor]) {
        const req = t.http().get(`${path}/${draftId}`);
        await (key ? req.set(...bearer(key)) : req).expect(404);
        const list = key ? await t.http().get(`${path}?limit=200`).set(...bearer(key)) : await t.http().get(`${path}?limit=200`);
        expect(names(list)).not.toContain('Entwurf 2030–2035');
      }
    });

    it('shows drafts to editors and admins', async () => {
      await t.http().get(`${path}/${draftId}`).set(...bearer(t.keys.editor)).expect(200);
      const list = await t.http().get(`${path}?limit=200`).set(...bearer(t.keys.admin)).expect(200);
      expect(names(list)).toContain('Entwurf 2030–2035');
      expect(list.body.data.find((x: { name: string }) => x.name === 'Entwurf 2030–2035').published).toBe(false);
    });

    it('keeps the bodies apart', async () => {
      const list = await t.http().get(`${path}?limit=200`).set(...bearer(t.keys.admin)).expect(200);
      expect(names(list)).not.toContain('Fremde Wahlperiode');
      await t.http().get(`${path}/${foreignId}`).set(...bearer(t.keys.admin)).expect(404);
      await t.http().get(`/v1/bodies/andersdorf/legislative-terms/${foreignId}`).expect(200);
      await t.http().get(`${path}/not-a-uuid`).expect(400);
    });
  });

  describe('writing', () => {
    const keyId = async (key: string): Promise<string> => (await t.ds.query('SELECT id FROM api_key WHERE key_prefix = $1', [key.slice(0, 10)]))[0].id;

    it('refuses anonymous, member and foreign editor keys', async () => {
      const body = { name: 'Wahlperiode 2030–2035' };
      await t.http().post(path).send(body).expect(401);
      await t.http().post(path).set(...bearer(t.keys.member)).send(body).expect(403);
      await t.http().post(path).set(...bearer(t.keys.otherEditor)).send(body).expect(403);
      const id = (await createLegislativeTerm(t.ds, { bodyId: t.body.id, name: 'Schreibschutz' })).id;
      await t.http().patch(`${path}/${id}`).set(...bearer(t.keys.member)).send({ name: 'x' }).expect(403);
      await t.http().delete(`${path}/${id}`).set(...bearer(t.keys.otherEditor)).expect(403);
      await t.http().post(`${path}/${id}/unpublish`).expect(401);
      const row = await t.ds.query('SELECT name, published_at IS NOT NULL AS published, deleted_at FROM legislative_term WHERE id = $1', [id]);
      expect(row[0]).toEqual({ name: 'Schreibschutz', published: true, deleted_at: null });
    });

    it('creates a draft, publishes, updates, unpublishes and deletes it, recording change events', async () => {
      const created = await t.http().post(path).set(...bearer(t.keys.editor)).send({ name: 'Wahlperiode 2030–2035', startDate: '2030-11-01' }).expect(201);
      const id = created.body.id as string;
      expect(created.body).toMatchObject({ name: 'Wahlperiode 2030–2035', startDate: '2030-11-01', endDate: null, published: false });
      await t.http().get(`${path}/${id}`).expect(404);

      await t.http().post(`${path}/${id}/publish`).set(...bearer(t.keys.editor)).expect(200);
      await t.http().get(`${path}/${id}`).expect(200);

      const updated = await t.http().patch(`${path}/${id}`).set(...bearer(t.keys.admin)).send({ endDate: '2035-10-31' }).expect(200);
      expect(updated.body).toMatchObject({ startDate: '2030-11-01', endDate: '2035-10-31', published: true });

      const withdrawn = await t.http().post(`${path}/${id}/unpublish`).set(...bearer(t.keys.editor)).expect(200);
      expect(withdrawn.body.published).toBe(false);
      await t.http().get(`${path}/${id}`).expect(404);

      await t.http().delete(`${path}/${id}`).set(...bearer(t.keys.editor)).expect(204);
      await t.http().get(`${path}/${id}`).set(...bearer(t.keys.editor)).expect(404);
      await t.http().delete(`${path}/${id}`).set(...bearer(t.keys.editor)).expect(404);

      const events = await t.ds.query(`SELECT resource, action, audience_before, audience_after, api_key_id FROM change_event WHERE resource_id = $1 ORDER BY id`, [id]);
      expect(events.map((e: { action: string }) => e.action)).toEqual(['created', 'published', 'updated', 'unpublished', 'deleted']);
      expect(events.every((e: { resource: string }) => e.resource === 'legislative-term')).toBe(true);
      expect(events[1]).toMatchObject({ audience_before: 0, audience_after: 2 });
      expect(events[3]).toMatchObject({ audience_before: 2, audience_after: 0 });
      expect(events[0].api_key_id).toBe(await keyId(t.keys.editor));
      expect(events[2].api_key_id).toBe(await keyId(t.keys.admin));
    });

    it('rejects bad input with field errors and changes nothing', async () => {
      const count = async (): Promise<number> => (await t.ds.query('SELECT count(*)::int AS n FROM legislative_term'))[0].n;
      const before = await count();
      const cases: [Record<string, unknown>, string[]][] = [
        [{}, ['name']],
        [{ name: '' }, ['name']],
        [{ name: 42 }, ['name']],
        [{ name: 'x', startDate: '2025-13-01' }, ['startDate']],
        [{ name: 'x', startDate: '2025-11-01T00:00:00+01:00' }, ['startDate']],
        [{ name: 'x', startDate: '2025-11-01', endDate: '2025-10-31' }, ['endDate']],
        [{ name: 'x', publish: 'yes' }, ['publish']],
        [{ name: 'x', colour: 'red' }, ['colour']],
        [{ name: 'x', bodyId: t.other.id }, ['bodyId']],
      ];
      for (const [body, fields] of cases) {
        const res = await t.http().post(path).set(...bearer(t.keys.editor)).send(body).expect(400);
        expect(res.headers['content-type']).toMatch(/problem\+json/);
        expect([...new Set(res.body.errors.map((e: { field: string }) => e.field))].sort()).toEqual(fields);
      }
      expect(await count()).toBe(before);

      const term = await createLegislativeTerm(t.ds, { bodyId: t.body.id, name: 'Prüfstand', startDate: '2025-11-01', endDate: '2030-10-31' });
      const patchCases: [Record<string, unknown>, string[]][] = [
        [{ endDate: '2025-01-01' }, ['endDate']],
        [{ startDate: '2031-01-01' }, ['endDate']],
        [{ name: null }, ['name']],
        [{ published: true }, ['published']],
      ];
      for (const [body, fields] of patchCases) {
        const res = await t.http().patch(`${path}/${term.id}`).set(...bearer(t.keys.editor)).send(body).expect(400);
        expect([...new Set(res.body.errors.map((e: { field: string }) => e.field))].sort()).toEqual(fields);
      }
      const row = await t.ds.query('SELECT name, start_date::text AS s, end_date::text AS e FROM legislative_term WHERE id = $1', [term.id]);
      expect(row[0]).toEqual({ name: 'Prüfstand', s: '2025-11-01', e: '2030-10-31' });
      const events = await t.ds.query('SELECT 1 FROM change_event WHERE resource_id = $1', [term.id]);
      expect(events).toHaveLength(0);
    });

    it('answers writes to records of another body with 404', async () => {
      const foreign = await createLegislativeTerm(t.ds, { bodyId: t.other.id, name: 'Fremd' });
      await t.http().patch(`${path}/${foreign.id}`).set(...bearer(t.keys.editor)).send({ name: 'Gekapert' }).expect(404);
      await t.http().delete(`${path}/${foreign.id}`).set(...bearer(t.keys.editor)).expect(404);
      await t.http().post(`${path}/${foreign.id}/unpublish`).set(...bearer(t.keys.admin)).expect(404);
      const row = await t.ds.query('SELECT name, deleted_at, published_at IS NOT NULL AS published FROM legislative_term WHERE id = $1', [foreign.id]);
      expect(row[0]).toEqual({ name: 'Fremd', deleted_at: null, published: true });
    });
  });
});
