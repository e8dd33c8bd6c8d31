import { bearer, startWithBody } from './support/app';
import { createCommittee, createLocation, createMembership, createPerson } from './support/factories';

type Ctx = Awaited<ReturnType<typeof startWithBody>>;

describe('committees', () => {
  let t: Ctx;
  const path = '/v1/bodies/musterstadt/committees';
  const names = (res: { body: { data: { name: string }[] } }): string[] => res.body.data.map((x) => x.name);

  beforeAll(async () => {
    t = await startWithBody();
  });
  afterAll(async () => t.close());

  describe('reading', () => {
    let councilId: string;
    let uvaId: string;
    let factionId: string;
    let draftId: string;
    let foreignId: string;
    let locationId: string;

    beforeAll(async () => {
      const b = t.body.id;
      councilId = (await createCommittee(t.ds, { bodyId: b, name: 'Rat der Stadt', kind: 'council', shortName: 'Rat' })).id;
      locationId = (await createLocation(t.ds, { bodyId: b, description: 'Rathaus, Raum 101' })).id;
      uvaId = (
        await createCommittee(t.ds, {
          bodyId: b,
          name: 'Ausschuss für Umwelt und Verkehr',
          shortName: 'UVA',
          classification: 'Ausschuss',
          startDate: '2025-11-01',
          parentId: councilId,
          locationId,
          website: 'https://www.musterstadt.example/rat/uva',
        })
      ).id;
      await createCommittee(t.ds, { bodyId: b, name: 'Bauausschuss', kind: 'committee' });
      factionId = (await createCommittee(t.ds, { bodyId: b, name: 'Fraktion Grüne Mitte', kind: 'faction' })).id;
      await createCommittee(t.ds, { bodyId: b, name: 'Alter Werksausschuss', kind: 'committee', startDate: '2014-06-01', endDate: '2020-10-31' });
      draftId = (await createCommittee(t.ds, { bodyId: b, name: 'Entwurf Beirat', kind: 'other', publishedAt: null })).id;
      foreignId = (await createCommittee(t.ds, { bodyId: t.other.id, name: 'Fremder Ausschuss' })).id;

      const erika = await createPerson(t.ds, { bodyId: b, name: 'Erika Mustermann' });
      const max = await createPerson(t.ds, { bodyId: b, name: 'Max Beispiel', givenName: 'Max', familyName: 'Beispiel' });
      const hidden = await createPerson(t.ds, { bodyId: b, name: 'Hans Verborgen', publishedAt: null });
      const zoe = await createPerson(t.ds, { bodyId: b, name: 'Zoe Altmann' });
      await createMembership(t.ds, { bodyId: b, personId: erika.id, committeeId: uvaId, role: 'Vorsitzende', onBehalfOfId: factionId, startDate: '2025-11-01' });
      await createMembership(t.ds, { bodyId: b, personId: max.id, committeeId: uvaId, role: 'Mitglied', votingRight: false, startDate: '2025-11-01', endDate: '2099-12-31' });
      await createMembership(t.ds, { bodyId: b, personId: zoe.id, committeeId: uvaId, startDate: '2020-11-01', endDate: '2021-01-31' });
      await createMembership(t.ds, { bodyId: b, personId: hidden.id, committeeId: uvaId });
      await createMembership(t.ds, { bodyId: b, personId: zoe.id, committeeId: uvaId, role: 'Nachrückerin', startDate: '2025-12-01', publishedAt: null });
    });

    it('lists committees by name with stable keyset pages', async () => {
      const first = await t.http().get(`${path}?limit=2`).expect(200);
      expect(names(first)).toEqual(['Alter Werksausschuss', 'Ausschuss für Umwelt und Verkehr']);
      expect(first.body.data[1]).toEqual({
        id: uvaId,
        name: 'Ausschuss für Umwelt und Verkehr',
        shortName: 'UVA',
        kind: 'committee',
        classification: 'Ausschuss',
        startDate: '2025-11-01',
        endDate: null,
        parent: { id: councilId, name: 'Rat der Stadt', shortName: 'Rat' },
        location: expect.objectContaining({ id: locationId, description: 'Rathaus, Raum 101' }),
        website: 'https://www.musterstadt.example/rat/uva',
        published: true,
        created: expect.any(String),
        modified: expect.any(String),
      });
      expect(first.body.data[1].members).toBeUndefined();
      const seen = [...names(first)];
      let next = first.body.links.next as string | undefined;
      while (next) {
        const url = new URL(next);
        const page = await t.http().get(`${url.pathname}${url.search}`).expect(200);
        seen.push(...names(page));
        next = page.body.links.next;
      }
      expect(seen).toEqual(['Alter Werksausschuss', 'Ausschuss für Umwelt und Verkehr', 'Bauausschuss', 'Fraktion Grüne Mitte', 'Rat der Stadt']);
    });

    it('filters by kind and by whether the committee still exists', async () => {
      expect(names(await t.http().get(`${path}?kind=faction`).expect(200))).toEqual(['Fraktion Grüne Mitte']);
      expect(names(await t.http().get(`${path}?kind=council`).expect(200))).toEqual(['Rat der Stadt']);
      expect(names(await t.http().get(`${path}?current=false`).expect(200))).toEqual(['Alter Werksausschuss']);
      const current = names(await t.http().get(`${path}?current=true&kind=committee`).expect(200));
      expect(current).toEqual(['Ausschuss für Umwelt und Verkehr', 'Bauausschuss']);
      const bad = await t.http().get(`${path}?kind=club&current=maybe&parent=x`).expect(400);
      expect(bad.headers['content-type']).toMatch(/problem\+json/);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['current', 'kind', 'parent']);
    });

    it('embeds current, visible members with their faction in the detail', async () => {
      const detail = await t.http().get(`${path}/${uvaId}`).expect(200);
      expect(detail.body).toMatchObject({ id: uvaId, parent: { id: councilId }, location: { id: locationId } });
      expect(detail.body.members).toEqual([
        {
          membershipId: expect.any(String),
          person: { id: expect.any(String), name: 'Erika Mustermann' },
          role: 'Vorsitzende',
          votingRight: true,
          onBehalfOf: { id: factionId, name: 'Fraktion Grüne Mitte', shortName: null },
          startDate: '2025-11-01',
          endDate: null,
        },
        expect.objectContaining({ person: expect.objectContaining({ name: 'Max Beispiel' }), votingRight: false, onBehalfOf: null, endDate: '2099-12-31' }),
      ]);
      const text = JSON.stringify(detail.body);
      for (const hidden of ['Hans Verborgen', 'Nachrückerin', 'Zoe Altmann']) expect(text).not.toContain(hidden);
    });

    it('shows draft members, people and committees to editors only', async () => {
      for (const key of [t.keys.member, t.keys.otherEditor]) {
        const detail = await t.http().get(`${path}/${uvaId}`).set(...bearer(key)).expect(200);
        expect(detail.body.members).toHaveLength(2);
        await t.http().get(`${path}/${draftId}`).set(...bearer(key)).expect(404);
        expect(names(await t.http().get(`${path}?limit=200`).set(...bearer(key)))).not.toContain('Entwurf Beirat');
      }
      await t.http().get(`${path}/${draftId}`).expect(404);
      const staff = await t.http().get(`${path}/${uvaId}`).set(...bearer(t.keys.editor)).expect(200);
      expect(staff.body.members.map((m: { person: { name: string } }) => m.person.name)).toEqual(['Erika Mustermann', 'Hans Verborgen', 'Max Beispiel', 'Zoe Altmann']);
      const draft = await t.http().get(`${path}/${draftId}`).set(...bearer(t.keys.editor)).expect(200);
      expect(draft.body).toMatchObject({ name: 'Entwurf Beirat', published: false, members: [] });
      expect(names(await t.http().get(`${path}?limit=200`).set(...bearer(t.keys.admin)))).toContain('Entwurf Beirat');
    });

    it('hides a draft parent from readers who may not see it', async () => {
      const b = t.body.id;
      const parent = await createCommittee(t.ds, { bodyId: b, name: 'Entwurf Obergremium', publishedAt: null });
      const child = await createCommittee(t.ds, { bodyId: b, name: 'Unterausschuss', parentId: parent.id });
      expect((await t.http().get(`${path}/${child.id}`).expect(200)).body.parent).toBeNull();
      expect((await t.http().get(`${path}/${child.id}`).set(...bearer(t.keys.editor)).expect(200)).body.parent).toMatchObject({ id: parent.id });
    });

    it('keeps the bodies apart', async () => {
      await t.http().get(`${path}/${foreignId}`).set(...bearer(t.keys.admin)).expect(404);
      expect(names(await t.http().get(`${path}?limit=200`).set(...bearer(t.keys.admin)))).not.toContain('Fremder Ausschuss');
      await t.http().get(`/v1/bodies/andersdorf/committees/${foreignId}`).expect(200);
      await t.http().get(`${path}/123`).expect(400);
    });
  });

  describe('writing', () => {
    const keyId = async (key: string): Promise<string> => (await t.ds.query('SELECT id FROM api_key WHERE key_prefix = $1', [key.slice(0, 10)]))[0].id;

    it('refuses anonymous, member and foreign editor keys', async () => {
      const body = { name: 'Sportausschuss', kind: 'committee' };
      await t.http().post(path).send(body).expect(401);
      await t.http().post(path).set(...bearer(t.keys.member)).send(body).expect(403);
      await t.http().post(path).set(...bearer(t.keys.otherEditor)).send(body).expect(403);
      const id = (await createCommittee(t.ds, { bodyId: t.body.id, name: 'Unverändert' })).id;
      await t.http().patch(`${path}/${id}`).set(...bearer(t.keys.otherEditor)).send({ name: 'x' }).expect(403);
      await t.http().delete(`${path}/${id}`).expect(401);
      await t.http().post(`${path}/${id}/unpublish`).set(...bearer(t.keys.member)).expect(403);
      const row = await t.ds.query('SELECT name, deleted_at, published_at IS NOT NULL AS published FROM committee WHERE id = $1', [id]);
      expect(row[0]).toEqual({ name: 'Unverändert', deleted_at: null, published: true });
      expect(await t.ds.query(`SELECT 1 FROM committee WHERE name = 'Sportausschuss'`)).toHaveLength(0);
    });

    it('creates a draft, publishes, updates and deletes it, recording change events', async () => {
      const council = await createCommittee(t.ds, { bodyId: t.body.id, name: 'Kreistag', kind: 'council' });
      const created = await t
        .http()
        .post(path)
        .set(...bearer(t.keys.editor))
        .send({ name: 'Sportausschuss', kind: 'committee', shortName: 'SpA', parentId: council.id, startDate: '2025-11-01' })
        .expect(201);
      const id = created.body.id as string;
      expect(created.body).toMatchObject({ name: 'Sportausschuss', shortName: 'SpA', kind: 'committee', parent: { id: council.id }, location: null, published: false, members: [] });
      await t.http().get(`${path}/${id}`).expect(404);

      await t.http().post(`${path}/${id}/publish`).set(...bearer(t.keys.editor)).expect(200);
      await t.http().get(`${path}/${id}`).expect(200);

      const updated = await t.http().patch(`${path}/${id}`).set(...bearer(t.keys.admin)).send({ endDate: '2026-03-31', parentId: null, website: 'https://www.musterstadt.example/sport' }).expect(200);
      expect(updated.body).toMatchObject({ name: 'Sportausschuss', endDate: '2026-03-31', parent: null, website: 'https://www.musterstadt.example/sport' });

      await t.http().delete(`${path}/${id}`).set(...bearer(t.keys.editor)).expect(204);
      await t.http().get(`${path}/${id}`).set(...bearer(t.keys.editor)).expect(404);
      await t.http().post(`${path}/${id}/publish`).set(...bearer(t.keys.editor)).expect(404);

      const events = await t.ds.query(`SELECT resource, action, audience_before, audience_after, api_key_id FROM change_event WHERE resource_id = $1 ORDER BY id`, [id]);
      expect(events.map((e: { action: string }) => e.action)).toEqual(['created', 'published', 'updated', 'deleted']);
      expect(events.every((e: { resource: string }) => e.resource === 'committee')).toBe(true);
      expect(events[0]).toMatchObject({ audience_before: -1, audience_after: 0, api_key_id: await keyId(t.keys.editor) });
      expect(events[1]).toMatchObject({ audience_before: 0, audience_after: 2 });
      expect(events[2]).toMatchObject({ audience_before: 2, audience_after: 2, api_key_id: await keyId(t.keys.admin) });
    });

    it('rejects bad input with field errors and changes nothing', async () => {
      const count = async (): Promise<number> => (await t.ds.query('SELECT count(*)::int AS n FROM committee'))[0].n;
      const foreign = await createCommittee(t.ds, { bodyId: t.other.id, name: 'Fremd' });
      const foreignLocation = await createLocation(t.ds, { bodyId: t.other.id });
      const gone = await createCommittee(t.ds, { bodyId: t.body.id, name: 'Aufgelöst', deletedAt: new Date() });
      const before = await count();
      const ok = { name: 'x', kind: 'committee' };
      const cases: [Record<string, unknown>, string[]][] = [
        [{}, ['kind', 'name']],
        [{ name: 'x', kind: 'club' }, ['kind']],
        [{ ...ok, name: ['x'] }, ['name']],
        [{ ...ok, startDate: '01.11.2025' }, ['startDate']],
        [{ ...ok, startDate: '2025-11-01', endDate: '2025-10-01' }, ['endDate']],
        [{ ...ok, website: 'ftp://files.musterstadt.example' }, ['website']],
        [{ ...ok, website: 'www.musterstadt.example' }, ['website']],
        [{ ...ok, parentId: 'rat' }, ['parentId']],
        [{ ...ok, parentId: '00000000-0000-4000-8000-000000000000' }, ['parentId']],
        [{ ...ok, parentId: foreign.id }, ['parentId']],
        [{ ...ok, parentId: gone.id }, ['parentId']],
        [{ ...ok, locationId: foreignLocation.id }, ['locationId']],
        [{ ...ok, parentId: foreign.id, locationId: foreignLocation.id }, ['locationId', 'parentId']],
        [{ ...ok, members: [] }, ['members']],
      ];
      for (const [body, fields] of cases) {
        const res = await t.http().post(path).set(...bearer(t.keys.editor)).send(body).expect(400);
        expect(res.headers['content-type']).toMatch(/problem\+json/);
        expect([...new Set(res.body.errors.map((e: { field: string }) => e.field))].sort()).toEqual(fields);
      }
      expect(await count()).toBe(before);
    });

    it('refuses PATCHes that would loop the hierarchy, clear required fields or break the dates', async () => {
      const b = t.body.id;
      const top = await createCommittee(t.ds, { bodyId: b, name: 'Oben', startDate: '2025-11-01' });
      const middle = await createCommittee(t.ds, { bodyId: b, name: 'Mitte', parentId: top.id });
      const bottom = await createCommittee(t.ds, { bodyId: b, name: 'Unten', parentId: middle.id });
      const foreign = await createCommittee(t.ds, { bodyId: t.other.id, name: 'Fremd' });
      const cases: [string, Record<string, unknown>, string[]][] = [
        [top.id, { parentId: top.id }, ['parentId']],
        [top.id, { parentId: bottom.id }, ['parentId']],
        [middle.id, { parentId: bottom.id }, ['parentId']],
        [middle.id, { parentId: foreign.id }, ['parentId']],
        [top.id, { name: null }, ['name']],
        [top.id, { kind: null }, ['kind']],
        [top.id, { endDate: '2025-01-01' }, ['endDate']],
        [top.id, { bodyId: t.other.id }, ['bodyId']],
      ];
      for (const [id, body, fields] of cases) {
        const res = await t.http().patch(`${path}/${id}`).set(...bearer(t.keys.editor)).send(body).expect(400);
        expect([...new Set(res.body.errors.map((e: { field: string }) => e.field))].sort()).toEqual(fields);
      }
      const rows = await t.ds.query('SELECT name, parent_id, end_date FROM committee WHERE id = ANY($1) ORDER BY name', [[top.id, middle.id, bottom.id]]);
      expect(rows).toEqual([
        { name: 'Mitte', parent_id: top.id, end_date: null },
        { name: 'Oben', parent_id: null, end_date: null },
        { name: 'Unten', parent_id: middle.id, end_date: null },
      ]);
      expect(await t.ds.query('SELECT 1 FROM change_event WHERE resource_id = ANY($1)', [[top.id, middle.id, bottom.id]])).toHaveLength(0);
      // Moving a branch elsewhere is fine.
      await t.http().patch(`${path}/${bottom.id}`).set(...bearer(t.keys.editor)).send({ parentId: top.id }).expect(200);
    });
  });
});
