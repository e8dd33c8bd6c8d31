import { bearer, startWithBody } from './support/app';
import { createCommittee, createLocation, createMembership, createPerson } from './support/factories';

type Ctx = Awaited<ReturnType<typeof startWithBody>>;

describe('people', () => {
  let t: Ctx;
  const path = '/v1/bodies/musterstadt/people';
  const names = (res: { body: { data: { name: string }[] } }): string[] => res.body.data.map((x) => x.name);

  beforeAll(async () => {
    t = await startWithBody();
  });
  afterAll(async () => t.close());

  describe('reading', () => {
    let erikaId: string;
    let uvaId: string;
    let councilId: string;
    let factionId: string;
    let draftId: string;
    let foreignId: string;
    let officeId: string;

    beforeAll(async () => {
      const b = t.body.id;
      uvaId = (await createCommittee(t.ds, { bodyId: b, name: 'Ausschuss für Umwelt und Verkehr', shortName: 'UVA' })).id;
      councilId = (await createCommittee(t.ds, { bodyId: b, name: 'Rat der Stadt', kind: 'council' })).id;
      factionId = (await createCommittee(t.ds, { bodyId: b, name: 'Fraktion Grüne Mitte', kind: 'faction' })).id;
      const secretCommittee = await createCommittee(t.ds, { bodyId: b, name: 'Entwurf Beirat', publishedAt: null });
      officeId = (await createLocation(t.ds, { bodyId: b, description: 'Fraktionsbüro', streetAddress: 'Marktplatz 2' })).id;

      const erika = await createPerson(t.ds, {
        bodyId: b,
        name: 'Dr. Erika Mustermann',
        familyName: 'Mustermann',
        givenName: 'Erika',
        formOfAddress: 'Frau',
        title: ['Dr.'],
        gender: 'female',
        email: ['erika.mustermann@rat.musterstadt.example'],
        phone: ['+49 1234 5678-90'],
        status: ['Ratsmitglied'],
        life: 'Jahrgang 1970',
        lifeSource: 'Angaben der Fraktion',
        locationId: officeId,
      });
      erikaId = erika.id;
      const max = await createPerson(t.ds, { bodyId: b, name: 'Max Beispiel', familyName: 'Beispiel', givenName: 'Max' });
      const zoe = await createPerson(t.ds, { bodyId: b, name: 'Zoe Altmann', familyName: null, givenName: null });
      const lena = await createPerson(t.ds, { bodyId: b, name: 'Lena Neu' });
      draftId = (await createPerson(t.ds, { bodyId: b, name: 'Hans Verborgen', publishedAt: null })).id;
      foreignId = (await createPerson(t.ds, { bodyId: t.other.id, name: 'Fremde Person' })).id;

      await createMembership(t.ds, { bodyId: b, personId: erika.id, committeeId: uvaId, role: 'Vorsitzende', onBehalfOfId: factionId, startDate: '2025-11-01' });
      await createMembership(t.ds, { bodyId: b, personId: erika.id, committeeId: councilId, startDate: '2014-06-01', endDate: '2020-10-31' });
      await createMembership(t.ds, { bodyId: b, personId: erika.id, committeeId: secretCommittee.id, role: 'Geheimrolle' });
      await createMembership(t.ds, { bodyId: b, personId: max.id, committeeId: uvaId, startDate: '2020-11-01', endDate: '2021-01-31' });
      await createMembership(t.ds, { bodyId: b, personId: max.id, committeeId: councilId, role: 'Nachrücker', publishedAt: null });
      await createMembership(t.ds, { bodyId: b, personId: zoe.id, committeeId: councilId, startDate: '2025-11-01' });
      await createMembership(t.ds, { bodyId: b, personId: lena.id, committeeId: secretCommittee.id });
    });

    it('lists people by displayed name with stable keyset pages', async () => {
      const first = await t.http().get(`${path}?limit=2`).expect(200);
      expect(names(first)).toEqual(['Dr. Erika Mustermann', 'Lena Neu']);
      expect(first.body.data[0]).toEqual({
        id: erikaId,
        name: 'Dr. Erika Mustermann',
        familyName: 'Mustermann',
        givenName: 'Erika',
        formOfAddress: 'Frau',
        affix: null,
        title: ['Dr.'],
        gender: 'female',
        email: ['erika.mustermann@rat.musterstadt.example'],
        phone: ['+49 1234 5678-90'],
        status: ['Ratsmitglied'],
        life: 'Jahrgang 1970',
        lifeSource: 'Angaben der Fraktion',
        location: expect.objectContaining({ id: officeId, description: 'Fraktionsbüro' }),
        published: true,
        created: expect.any(String),
        modified: expect.any(String),
      });
      const next = new URL(first.body.links.next as string);
      const second = await t.http().get(`${next.pathname}${next.search}`).expect(200);
      expect(names(second)).toEqual(['Max Beispiel', 'Zoe Altmann']);
      expect(second.body.links.next).toBeUndefined();
    });

    it('filters by committee and by current membership, counting only visible seats', async () => {
      const list = async (query: string, key?: string): Promise<string[]> => {
        const req = t.http().get(`${path}?${query}`);
        return names(await (key ? req.set(...bearer(key)) : req).expect(200));
      };
      expect(await list(`committee=${uvaId}`)).toEqual(['Dr. Erika Mustermann', 'Max Beispiel']);
      expect(await list(`committee=${uvaId}&current=true`)).toEqual(['Dr. Erika Mustermann']);
      expect(await list(`committee=${uvaId}&current=false`)).toEqual(['Max Beispiel']);
      expect(await list(`committee=${councilId}`)).toEqual(['Dr. Erika Mustermann', 'Zoe Altmann']);
      expect(await list('current=true')).toEqual(['Dr. Erika Mustermann', 'Zoe Altmann']);
      expect(await list('current=false')).toEqual(['Lena Neu', 'Max Beispiel']);
      // Max's draft seat in the council counts for editors only.
      expect(await list('current=true', t.keys.editor)).toEqual(['Dr. Erika Mustermann', 'Lena Neu', 'Max Beispiel', 'Zoe Altmann']);
      expect(await list(`committee=${councilId}&current=true`, t.keys.member)).toEqual(['Zoe Altmann']);
      expect(await list(`committee=${councilId}&current=true`, t.keys.admin)).toEqual(['Max Beispiel', 'Zoe Altmann']);
      const bad = await t.http().get(`${path}?committee=rat&current=ja&q=Erika`).expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['committee', 'current', 'q']);
    });

    it('embeds visible memberships, the latest first, in the detail', async () => {
      const detail = await t.http().get(`${path}/${erikaId}`).expect(200);
      expect(detail.body).toMatchObject({ id: erikaId, email: ['erika.mustermann@rat.musterstadt.example'], location: { id: officeId } });
      expect(detail.body.memberships).toEqual([
        {
          id: expect.any(String),
          committee: { id: uvaId, name: 'Ausschuss für Umwelt und Verkehr', shortName: 'UVA' },
          role: 'Vorsitzende',
          votingRight: true,
          onBehalfOf: { id: factionId, name: 'Fraktion Grüne Mitte', shortName: null },
          startDate: '2025-11-01',
          endDate: null,
        },
        expect.objectContaining({ committee: expect.objectContaining({ id: councilId }), startDate: '2014-06-01', endDate: '2020-10-31', onBehalfOf: null }),
      ]);
      expect(JSON.stringify(detail.body)).not.toContain('Geheimrolle');
      const staff = await t.http().get(`${path}/${erikaId}`).set(...bearer(t.keys.editor)).expect(200);
      expect(staff.body.memberships.map((m: { role: string }) => m.role)).toContain('Geheimrolle');
    });

    it('hides draft people from anonymous callers, members and keys of another body, and shows them to editors', async () => {
      for (const key of [null, t.keys.member, t.keys.otherEditor]) {
        const req = t.http().get(`${path}/${draftId}`);
        await (key ? req.set(...bearer(key)) : req).expect(404);
        const list = key ? await t.http().get(`${path}?limit=200`).set(...bearer(key)) : await t.http().get(`${path}?limit=200`);
        expect(names(list)).not.toContain('Hans Verborgen');
      }
      const detail = await t.http().get(`${path}/${draftId}`).set(...bearer(t.keys.editor)).expect(200);
      expect(detail.body).toMatchObject({ name: 'Hans Verborgen', published: false, memberships: [] });
      expect(names(await t.http().get(`${path}?limit=200`).set(...bearer(t.keys.admin)))).toContain('Hans Verborgen');
    });

    it('keeps the bodies apart', async () => {
      await t.http().get(`${path}/${foreignId}`).set(...bearer(t.keys.admin)).expect(404);
      expect(names(await t.http().get(`${path}?limit=200`).set(...bearer(t.keys.admin)))).not.toContain('Fremde Person');
      await t.http().get(`/v1/bodies/andersdorf/people/${foreignId}`).expect(200);
    });
  });

  describe('writing', () => {
    const keyId = async (key: string): Promise<string> => (await t.ds.query('SELECT id FROM api_key WHERE key_prefix = $1', [key.slice(0, 10)]))[0].id;

    it('refuses anonymous, member and foreign editor keys', async () => {
      const body = { name: 'Paula Probe' };
      await t.http().post(path).send(body).expect(401);
      await t.http().post(path).set(...bearer(t.keys.member)).send(body).expect(403);
      await t.http().post(path).set(...bearer(t.keys.otherEditor)).send(body).expect(403);
      const id = (await createPerson(t.ds, { bodyId: t.body.id, name: 'Unverändert' })).id;
      await t.http().patch(`${path}/${id}`).set(...bearer(t.keys.member)).send({ email: ['x@musterstadt.example'] }).expect(403);
      await t.http().delete(`${path}/${id}`).set(...bearer(t.keys.otherEditor)).expect(403);
      await t.http().post(`${path}/${id}/unpublish`).expect(401);
      const row = await t.ds.query('SELECT name, email, deleted_at, published_at IS NOT NULL AS published FROM person WHERE id = $1', [id]);
      expect(row[0]).toEqual({ name: 'Unverändert', email: [], deleted_at: null, published: true });
      expect(await t.ds.query(`SELECT 1 FROM person WHERE name = 'Paula Probe'`)).toHaveLength(0);
    });

    it('creates a draft, publishes, updates and deletes it, recording change events', async () => {
      const created = await t
        .http()
        .post(path)
        .set(...bearer(t.keys.editor))
        .send({ name: 'Paula Probe', givenName: 'Paula', familyName: 'Probe', title: ['Prof.'], email: ['paula.probe@rat.musterstadt.example'], phone: ['0123 4567'] })
        .expect(201);
      const id = created.body.id as string;
      expect(created.body).toMatchObject({ name: 'Paula Probe', title: ['Prof.'], email: ['paula.probe@rat.musterstadt.example'], phone: ['0123 4567'], status: [], published: false, memberships: [] });
      await t.http().get(`${path}/${id}`).expect(404);

      await t.http().post(`${path}/${id}/publish`).set(...bearer(t.keys.editor)).expect(200);
      await t.http().get(`${path}/${id}`).expect(200);

      const updated = await t.http().patch(`${path}/${id}`).set(...bearer(t.keys.admin)).send({ email: [], phone: [], givenName: null, status: ['Sachkundige Bürgerin'] }).expect(200);
      expect(updated.body).toMatchObject({ name: 'Paula Probe', givenName: null, familyName: 'Probe', email: [], phone: [], status: ['Sachkundige Bürgerin'] });

      await t.http().delete(`${path}/${id}`).set(...bearer(t.keys.editor)).expect(204);
      await t.http().get(`${path}/${id}`).set(...bearer(t.keys.editor)).expect(404);

      const events = await t.ds.query(`SELECT resource, action, audience_before, audience_after, api_key_id FROM change_event WHERE resource_id = $1 ORDER BY id`, [id]);
      expect(events.map((e: { action: string }) => e.action)).toEqual(['created', 'published', 'updated', 'deleted']);
      expect(events.every((e: { resource: string }) => e.resource === 'person')).toBe(true);
      expect(events[1]).toMatchObject({ audience_before: 0, audience_after: 2, api_key_id: await keyId(t.keys.editor) });
      expect(events[2]).toMatchObject({ api_key_id: await keyId(t.keys.admin) });
    });

    it('rejects bad input with field errors and changes nothing', async () => {
      const foreignLocation = await createLocation(t.ds, { bodyId: t.other.id });
      const count = async (): Promise<number> => (await t.ds.query('SELECT count(*)::int AS n FROM person'))[0].n;
      const before = await count();
      const cases: [Record<string, unknown>, string[]][] = [
        [{}, ['name']],
        [{ name: '' }, ['name']],
        [{ name: 'x', email: ['not-an-address'] }, ['email']],
        [{ name: 'x', email: 'x@musterstadt.example' }, ['email']],
        [{ name: 'x', phone: ['ruf mich an'] }, ['phone']],
        [{ name: 'x', title: 'Dr.' }, ['title']],
        [{ name: 'x', title: [1] }, ['title']],
        [{ name: 'x', status: Array.from({ length: 21 }, () => 'Mitglied') }, ['status']],
        [{ name: 'x', gender: 3 }, ['gender']],
        [{ name: 'x', locationId: 'rathaus' }, ['locationId']],
        [{ name: 'x', locationId: '00000000-0000-4000-8000-000000000000' }, ['locationId']],
        [{ name: 'x', locationId: foreignLocation.id }, ['locationId']],
        [{ name: 'x', birthday: '1970-01-01' }, ['birthday']],
        [{ name: 'x', memberships: [] }, ['memberships']],
      ];
      for (const [body, fields] of cases) {
        const res = await t.http().post(path).set(...bearer(t.keys.editor)).send(body).expect(400);
        expect(res.headers['content-type']).toMatch(/problem\+json/);
        expect([...new Set(res.body.errors.map((e: { field: string }) => e.field))].sort()).toEqual(fields);
      }
      expect(await count()).toBe(before);

      const person = await createPerson(t.ds, { bodyId: t.body.id, name: 'Fest Bleiber', email: ['fest@musterstadt.example'] });
      const patchCases: [Record<string, unknown>, string[]][] = [
        [{ name: null }, ['name']],
        [{ email: null }, ['email']],
        [{ title: null, status: null }, ['status', 'title']],
        [{ email: ['kaputt'] }, ['email']],
        [{ locationId: foreignLocation.id }, ['locationId']],
        [{ published: true }, ['published']],
      ];
      for (const [body, fields] of patchCases) {
        const res = await t.http().patch(`${path}/${person.id}`).set(...bearer(t.keys.editor)).send(body).expect(400);
        expect([...new Set(res.body.errors.map((e: { field: string }) => e.field))].sort()).toEqual(fields);
      }
      const row = await t.ds.query('SELECT name, email, location_id FROM person WHERE id = $1', [person.id]);
      expect(row[0]).toEqual({ name: 'Fest Bleiber', email: ['fest@musterstadt.example'], location_id: null });
      expect(await t.ds.query('SELECT 1 FROM change_event WHERE resource_id = $1', [person.id])).toHaveLength(0);
    });
  });
});
