import { bearer, startWithBody } from './support/app';
import { createCommittee, createMembership, createPerson } from './support/factories';

type Ctx = Awaited<ReturnType<typeof startWithBody>>;

describe('memberships', () => {
  let t: Ctx;
  const path = '/v1/bodies/musterstadt/memberships';
  const ids = (res: { body: { data: { id: string }[] } }): string[] => res.body.data.map((x) => x.id);

  beforeAll(async () => {
    t = await startWithBody();
  });
  afterAll(async () => t.close());

  describe('reading', () => {
    let erikaId: string;
    let maxId: string;
    let uvaId: string;
    let councilId: string;
    let factionId: string;
    let visibleIds: string[];
    let chairId: string;
    let endedId: string;
    let draftId: string;
    let ofDraftPersonId: string;
    let ofDraftCommitteeId: string;
    let foreignId: string;

    beforeAll(async () => {
      const b = t.body.id;
      uvaId = (await createCommittee(t.ds, { bodyId: b, name: 'Ausschuss für Umwelt und Verkehr', shortName: 'UVA' })).id;
      councilId = (await createCommittee(t.ds, { bodyId: b, name: 'Rat der Stadt', kind: 'council' })).id;
      factionId = (await createCommittee(t.ds, { bodyId: b, name: 'Fraktion Grüne Mitte', kind: 'faction' })).id;
      const draftCommittee = await createCommittee(t.ds, { bodyId: b, name: 'Entwurf Beirat', publishedAt: null });
      erikaId = (await createPerson(t.ds, { bodyId: b, name: 'Erika Mustermann' })).id;
      maxId = (await createPerson(t.ds, { bodyId: b, name: 'Max Beispiel' })).id;
      const hidden = await createPerson(t.ds, { bodyId: b, name: 'Hans Verborgen', publishedAt: null });

      chairId = (await createMembership(t.ds, { bodyId: b, personId: erikaId, committeeId: uvaId, role: 'Vorsitzende', onBehalfOfId: factionId, startDate: '2025-11-01' })).id;
      endedId = (await createMembership(t.ds, { bodyId: b, personId: erikaId, committeeId: councilId, startDate: '2014-06-01', endDate: '2020-10-31' })).id;
      const seat = (await createMembership(t.ds, { bodyId: b, personId: maxId, committeeId: uvaId, votingRight: false, endDate: '2099-12-31' })).id;
      const council = (await createMembership(t.ds, { bodyId: b, personId: maxId, committeeId: councilId, onBehalfOfId: draftCommittee.id })).id;
      visibleIds = [chairId, endedId, seat, council].sort();
      draftId = (await createMembership(t.ds, { bodyId: b, personId: maxId, committeeId: factionId, role: 'Entwurfsrolle', publishedAt: null })).id;
      ofDraftPersonId = (await createMembership(t.ds, { bodyId: b, personId: hidden.id, committeeId: uvaId })).id;
      ofDraftCommitteeId = (await createMembership(t.ds, { bodyId: b, personId: erikaId, committeeId: draftCommittee.id })).id;

      const otherCommittee = await createCommittee(t.ds, { bodyId: t.other.id, name: 'Fremder Ausschuss' });
      const otherPerson = await createPerson(t.ds, { bodyId: t.other.id, name: 'Fremde Person' });
      foreignId = (await createMembership(t.ds, { bodyId: t.other.id, personId: otherPerson.id, committeeId: otherCommittee.id })).id;
    });

    it('lists memberships in id order with stable keyset pages', async () => {
      const first = await t.http().get(`${path}?limit=3`).expect(200);
      expect(ids(first)).toEqual(visibleIds.slice(0, 3));
      const next = new URL(first.body.links.next as string);
      const second = await t.http().get(`${next.pathname}${next.search}`).expect(200);
      expect(ids(second)).toEqual(visibleIds.slice(3));
      expect(second.body.links.next).toBeUndefined();
    });

    it('shows person, committee and faction as references', async () => {
      const detail = await t.http().get(`${path}/${chairId}`).expect(200);
      expect(detail.body).toEqual({
        id: chairId,
        person: { id: erikaId, name: 'Erika Mustermann' },
        committee: { id: uvaId, name: 'Ausschuss für Umwelt und Verkehr', shortName: 'UVA' },
        role: 'Vorsitzende',
        votingRight: true,
        onBehalfOf: { id: factionId, name: 'Fraktion Grüne Mitte', shortName: null },
        startDate: '2025-11-01',
        endDate: null,
        published: true,
        created: expect.any(String),
        modified: expect.any(String),
      });
      const list = await t.http().get(`${path}?person=${maxId}&committee=${councilId}`).expect(200);
      expect(list.body.data[0].onBehalfOf).toBeNull();
      const staff = await t.http().get(`${path}?person=${maxId}&committee=${councilId}`).set(...bearer(t.keys.editor)).expect(200);
      expect(staff.body.data[0].onBehalfOf).toMatchObject({ name: 'Entwurf Beirat' });
    });

    it('filters by person, committee and whether the membership is current', async () => {
      const get = async (query: string): Promise<string[]> => ids(await t.http().get(`${path}?${query}`).expect(200));
      expect((await get(`person=${erikaId}`)).sort()).toEqual([chairId, endedId].sort());
      expect(await get(`person=${erikaId}&current=true`)).toEqual([chairId]);
      expect(await get(`person=${erikaId}&current=false`)).toEqual([endedId]);
      expect(await get(`committee=${uvaId}&current=false`)).toEqual([]);
      expect(await get(`committee=${uvaId}`)).toHaveLength(2);
      expect(await get('current=false')).toEqual([endedId]);
      expect(await get('current=true')).toHaveLength(3);
      const bad = await t.http().get(`${path}?person=erika&committee=1&current=yes&role=x`).expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['committee', 'current', 'person', 'role']);
    });

    it('hides draft memberships and those of draft people or committees from all but editors', async () => {
      const hidden = [draftId, ofDraftPersonId, ofDraftCommitteeId];
      for (const key of [null, t.keys.member, t.keys.otherEditor]) {
        for (const id of hidden) {
          const req = t.http().get(`${path}/${id}`);
          await (key ? req.set(...bearer(key)) : req).expect(404);
        }
        const list = key ? await t.http().get(`${path}?limit=200`).set(...bearer(key)) : await t.http().get(`${path}?limit=200`);
        expect(ids(list)).toEqual(visibleIds);
      }
      for (const id of hidden) await t.http().get(`${path}/${id}`).set(...bearer(t.keys.editor)).expect(200);
      const staff = await t.http().get(`${path}?limit=200`).set(...bearer(t.keys.admin)).expect(200);
      expect(ids(staff).sort()).toEqual([...visibleIds, ...hidden].sort());
      expect(staff.body.data.find((m: { id: string }) => m.id === draftId)).toMatchObject({ role: 'Entwurfsrolle', published: false });
    });

    it('keeps the bodies apart', async () => {
      await t.http().get(`${path}/${foreignId}`).set(...bearer(t.keys.admin)).expect(404);
      expect(ids(await t.http().get(`${path}?limit=200`).set(...bearer(t.keys.admin)))).not.toContain(foreignId);
      await t.http().get(`/v1/bodies/andersdorf/memberships/${foreignId}`).expect(200);
    });
  });

  describe('writing', () => {
    const keyId = async (key: string): Promise<string> => (await t.ds.query('SELECT id FROM api_key WHERE key_prefix = $1', [key.slice(0, 10)]))[0].id;
    let personId: string;
    let committeeId: string;
    let factionId: string;

    beforeAll(async () => {
      personId = (await createPerson(t.ds, { bodyId: t.body.id, name: 'Paula Probe' })).id;
      committeeId = (await createCommittee(t.ds, { bodyId: t.body.id, name: 'Bauausschuss' })).id;
      factionId = (await createCommittee(t.ds, { bodyId: t.body.id, name: 'Fraktion Blau', kind: 'faction' })).id;
    });

    it('refuses anonymous, member and foreign editor keys', async () => {
      const body = { personId, committeeId };
      await t.http().post(path).send(body).expect(401);
      await t.http().post(path).set(...bearer(t.keys.member)).send(body).expect(403);
      await t.http().post(path).set(...bearer(t.keys.otherEditor)).send(body).expect(403);
      const id = (await createMembership(t.ds, { bodyId: t.body.id, personId, committeeId, role: 'Unverändert' })).id;
      await t.http().patch(`${path}/${id}`).set(...bearer(t.keys.otherEditor)).send({ role: 'x' }).expect(403);
      await t.http().delete(`${path}/${id}`).set(...bearer(t.keys.member)).expect(403);
      await t.http().post(`${path}/${id}/unpublish`).expect(401);
      const row = await t.ds.query('SELECT role, deleted_at, published_at IS NOT NULL AS published FROM membership WHERE id = $1', [id]);
      expect(row[0]).toEqual({ role: 'Unverändert', deleted_at: null, published: true });
    });

    it('creates a draft, publishes, updates and deletes it, recording change events', async () => {
      const created = await t
        .http()
        .post(path)
        .set(...bearer(t.keys.editor))
        .send({ personId, committeeId, role: 'Mitglied', onBehalfOfId: factionId, startDate: '2025-11-01' })
        .expect(201);
      const id = created.body.id as string;
      expect(created.body).toMatchObject({
        person: { id: personId },
        committee: { id: committeeId },
        onBehalfOf: { id: factionId },
        role: 'Mitglied',
        votingRight: true,
        startDate: '2025-11-01',
        endDate: null,
        published: false,
      });
      await t.http().get(`${path}/${id}`).expect(404);

      await t.http().post(`${path}/${id}/publish`).set(...bearer(t.keys.editor)).expect(200);
      await t.http().get(`${path}/${id}`).expect(200);
      const committee = await t.http().get(`/v1/bodies/musterstadt/committees/${committeeId}`).expect(200);
      expect(committee.body.members.map((m: { membershipId: string }) => m.membershipId)).toContain(id);

      const updated = await t.http().patch(`${path}/${id}`).set(...bearer(t.keys.admin)).send({ endDate: '2025-12-31', votingRight: false, onBehalfOfId: null }).expect(200);
      expect(updated.body).toMatchObject({ endDate: '2025-12-31', votingRight: false, onBehalfOf: null, role: 'Mitglied' });
      const after = await t.http().get(`/v1/bodies/musterstadt/committees/${committeeId}`).expect(200);
      expect(after.body.members.map((m: { membershipId: string }) => m.membershipId)).not.toContain(id);

      await t.http().delete(`${path}/${id}`).set(...bearer(t.keys.editor)).expect(204);
      await t.http().get(`${path}/${id}`).set(...bearer(t.keys.editor)).expect(404);

      const events = await t.ds.query(`SELECT resource, action, audience_before, audience_after, api_key_id FROM change_event WHERE resource_id = $1 ORDER BY id`, [id]);
      expect(events.map((e: { action: string }) => e.action)).toEqual(['created', 'published', 'updated', 'deleted']);
      expect(events.every((e: { resource: string }) => e.resource === 'membership')).toBe(true);
      expect(events[1]).toMatchObject({ audience_before: 0, audience_after: 2, api_key_id: await keyId(t.keys.editor) });
      expect(events[2]).toMatchObject({ api_key_id: await keyId(t.keys.admin) });
    });

    it('rejects bad input, dangling references and references into another body, changing nothing', async () => {
      const foreignPerson = await createPerson(t.ds, { bodyId: t.other.id, name: 'Fremde Person' });
      const foreignCommittee = await createCommittee(t.ds, { bodyId: t.other.id, name: 'Fremder Ausschuss' });
      const gonePerson = await createPerson(t.ds, { bodyId: t.body.id, name: 'Gelöscht', deletedAt: new Date() });
      const nobody = '00000000-0000-4000-8000-000000000000';
      const count = async (): Promise<number> => (await t.ds.query('SELECT count(*)::int AS n FROM membership'))[0].n;
      const before = await count();
      const cases: [Record<string, unknown>, string[]][] = [
        [{}, ['committeeId', 'personId']],
        [{ personId, committeeId: 'bau' }, ['committeeId']],
        [{ personId, committeeId, votingRight: 'ja' }, ['votingRight']],
        [{ personId, committeeId, role: 7 }, ['role']],
        [{ personId, committeeId, startDate: '2025-11-01', endDate: '2025-01-01' }, ['endDate']],
        [{ personId, committeeId, endDate: '31.12.2025' }, ['endDate']],
        [{ personId: nobody, committeeId }, ['personId']],
        [{ personId, committeeId: nobody, onBehalfOfId: nobody }, ['committeeId', 'onBehalfOfId']],
        [{ personId: foreignPerson.id, committeeId: foreignCommittee.id }, ['committeeId', 'personId']],
        [{ personId, committeeId, onBehalfOfId: foreignCommittee.id }, ['onBehalfOfId']],
        [{ personId: gonePerson.id, committeeId }, ['personId']],
        [{ personId: committeeId, committeeId: personId }, ['committeeId', 'personId']],
        [{ personId, committeeId, bodyId: t.other.id }, ['bodyId']],
      ];
      for (const [body, fields] of cases) {
        const res = await t.http().post(path).set(...bearer(t.keys.editor)).send(body).expect(400);
        expect(res.headers['content-type']).toMatch(/problem\+json/);
        expect([...new Set(res.body.errors.map((e: { field: string }) => e.field))].sort()).toEqual(fields);
      }
      expect(await count()).toBe(before);

      const seat = await createMembership(t.ds, { bodyId: t.body.id, personId, committeeId, startDate: '2025-11-01' });
      const patchCases: [Record<string, unknown>, string[]][] = [
        [{ endDate: '2025-10-31' }, ['endDate']],
        [{ personId: null }, ['personId']],
        [{ committeeId: null, votingRight: null }, ['committeeId', 'votingRight']],
        [{ personId: foreignPerson.id }, ['personId']],
        [{ onBehalfOfId: foreignCommittee.id }, ['onBehalfOfId']],
        [{ committeeId: nobody }, ['committeeId']],
        [{ published: true }, ['published']],
      ];
      for (const [body, fields] of patchCases) {
        const res = await t.http().patch(`${path}/${seat.id}`).set(...bearer(t.keys.editor)).send(body).expect(400);
        expect([...new Set(res.body.errors.map((e: { field: string }) => e.field))].sort()).toEqual(fields);
      }
      const row = await t.ds.query('SELECT person_id, committee_id, on_behalf_of_id, voting_right, end_date FROM membership WHERE id = $1', [seat.id]);
      expect(row[0]).toEqual({ person_id: personId, committee_id: committeeId, on_behalf_of_id: null, voting_right: true, end_date: null });
      expect(await t.ds.query('SELECT 1 FROM change_event WHERE resource_id = $1', [seat.id])).toHaveLength(0);
    });
  });
});
