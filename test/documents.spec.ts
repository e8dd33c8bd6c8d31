import { Ctx, expectWritesRefused, getAs, MISSING, notFoundShape, Role, Write } from './support/access';
import { bearer, startWithBody } from './support/app';
import { createAgendaItem, createCommittee, createConsultation, createDocument, createFile, createPerson, createSession } from './support/factories';

type Doc = { id: string; name: string; reference: string | null; date: string };

const names = (list: { name: string }[]): string[] => list.map((x) => x.name);

describe('documents', () => {
  let t: Ctx;
  const path = '/v1/bodies/musterstadt/documents';

  const get = (url: string, role: Role = 'anonymous') => getAs(t, url, role);

  beforeAll(async () => {
    t = await startWithBody();
  });
  afterAll(async () => t.close());

  describe('reading', () => {
    const ids: Record<string, string> = {};
    let uva: string;
    let council: string;
    let march: string;
    let openItem: string;
    let secretItem: string;

    beforeAll(async () => {
      const b = t.body.id;
      uva = (await createCommittee(t.ds, { bodyId: b, name: 'Ausschuss für Umwelt und Verkehr', shortName: 'UVA' })).id;
      council = (await createCommittee(t.ds, { bodyId: b, name: 'Rat der Stadt', kind: 'council' })).id;
      const draftCommittee = await createCommittee(t.ds, { bodyId: b, name: 'Arbeitskreis im Aufbau', publishedAt: null });
      const erika = await createPerson(t.ds, { bodyId: b, name: 'Erika Mustermann' });
      const draftPerson = await createPerson(t.ds, { bodyId: b, name: 'Max Unveröffentlicht', publishedAt: null });
      march = (await createSession(t.ds, { bodyId: b, name: 'UVA März', start: new Date('2025-03-11T16:00:00Z') })).id;
      const april = (await createSession(t.ds, { bodyId: b, name: 'Rat April', start: new Date('2025-04-08T16:00:00Z') })).id;
      openItem = (await createAgendaItem(t.ds, { bodyId: b, sessionId: march, number: 'Ö 4', name: 'Radwegekonzept Innenstadt (Vorberatung)' })).id;
      secretItem = (await createAgendaItem(t.ds, { bodyId: b, sessionId: april, number: 'N 2', name: 'Nichtöffentliche Beratung Radwege', public: false })).id;

      ids.d2 = (await createDocument(t.ds, { bodyId: b, name: 'Kaufvertrag Geheimweg', reference: '0002/2025', date: '2025-02-10', public: false })).id;
      ids.d3 = (await createDocument(t.ds, { bodyId: b, name: 'Anfrage Parkgebühren', reference: '0003/2025', documentType: 'Anfrage', date: '2025-03-05', relatedDocumentIds: [ids.d2] })).id;
      ids.d9 = (await createDocument(t.ds, { bodyId: b, name: 'Mitteilung Baustellen', reference: '0009/2025', documentType: 'Mitteilung', date: '2025-03-05' })).id;
      ids.d1 = (
        await createDocument(t.ds, {
          bodyId: b,
          name: 'Radwegekonzept Innenstadt',
          reference: '0001/2025',
          date: '2025-02-01',
          originatorPersonIds: [erika.id, draftPerson.id],
          originatorCommitteeIds: [uva, draftCommittee.id],
          underDirectionOfIds: [uva],
          relatedDocumentIds: [ids.d2, ids.d3],
        })
      ).id;
      ids.d4 = (await createDocument(t.ds, { bodyId: b, name: 'Änderungsantrag Radwege', reference: '0001/2025-1', documentType: 'Antrag', date: '2025-02-15', superordinatedDocumentId: ids.d1 })).id;
      ids.d5 = (
        await createDocument(t.ds, { bodyId: b, name: 'Vertraulicher Änderungsantrag', reference: '0001/2025-2', documentType: 'Antrag', date: '2025-02-20', public: false, superordinatedDocumentId: ids.d1 })
      ).id;
      ids.d6 = (await createDocument(t.ds, { bodyId: b, name: 'Vorlage im Entwurf', reference: '0006/2025', date: '2025-04-01', publishedAt: null })).id;
      ids.d7 = (await createDocument(t.ds, { bodyId: t.other.id, name: 'Andersdorfer Vorlage', reference: '0007/2025', date: '2025-03-01' })).id;

      await createConsultation(t.ds, { bodyId: b, documentId: ids.d1, committeeId: uva, sessionId: march, agendaItemId: openItem, role: 'Vorberatung', authoritative: false, position: 0 });
      await createConsultation(t.ds, { bodyId: b, documentId: ids.d1, committeeId: council, sessionId: april, agendaItemId: secretItem, role: 'Entscheidung', position: 1 });
      await createConsultation(t.ds, { bodyId: b, documentId: ids.d1, committeeId: council, role: 'Kenntnisnahme im Entwurf', position: 2, publishedAt: null });
      await createConsultation(t.ds, { bodyId: b, documentId: ids.d3, committeeId: council, role: 'Beantwortung' });
      await createConsultation(t.ds, { bodyId: b, documentId: ids.d2, committeeId: uva, role: 'Vorberatung' });

      await createFile(t.ds, { bodyId: b, documentId: ids.d1, name: 'Vorlage Radwegekonzept', position: 0 });
      await createFile(t.ds, { bodyId: b, documentId: ids.d1, name: 'Interne Kalkulation', public: false, position: 1 });
      await createFile(t.ds, { bodyId: b, documentId: ids.d1, name: 'Anlage im Entwurf', publishedAt: null, position: 2 });
      await createFile(t.ds, { bodyId: b, documentId: ids.d2, name: 'Kaufvertrag Anlage' });
    });

    const PUBLIC_SECRETS = ['Geheimweg', '0002/2025', 'Vertraulich', '0001/2025-2', 'Entwurf', 'Unveröffentlicht', 'Arbeitskreis', 'Nichtöffentlich', 'N 2', 'Interne Kalkulation', 'Andersdorf'];
    const MEMBER_SECRETS = ['Entwurf', 'Unveröffentlicht', 'Arbeitskreis', 'Andersdorf'];
    const SEEN: Record<Role, { docs: string[]; secrets: string[] }> = {
      anonymous: { docs: ['d3', 'd9', 'd4', 'd1'], secrets: PUBLIC_SECRETS },
      otherMember: { docs: ['d3', 'd9', 'd4', 'd1'], secrets: PUBLIC_SECRETS },
      otherEditor: { docs: ['d3', 'd9', 'd4', 'd1'], secrets: PUBLIC_SECRETS },
      member: { docs: ['d3', 'd9', 'd5', 'd4', 'd2', 'd1'], secrets: MEMBER_SECRETS },
      editor: { docs: ['d6', 'd3', 'd9', 'd5', 'd4', 'd2', 'd1'], secrets: ['Andersdorf'] },
      admin: { docs: ['d6', 'd3', 'd9', 'd5', 'd4', 'd2', 'd1'], secrets: ['Andersdorf'] },
    };
    const ROLES = Object.keys(SEEN) as Role[];
    /** Expected list order: date descending, then id descending. */
    const ordered = (keys: string[], dates: Record<string, string>) =>
      [...keys].sort((a, b) => (dates[a] === dates[b] ? (ids[a] < ids[b] ? 1 : -1) : dates[a] < dates[b] ? 1 : -1)).map((k) => ids[k]);
    const DATES: Record<string, string> = { d1: '2025-02-01', d2: '2025-02-10', d3: '2025-03-05', d9: '2025-03-05', d4: '2025-02-15', d5: '2025-02-20', d6: '2025-04-01' };

    it('lists newest first with stable keyset pages', async () => {
      const expected = ordered(SEEN.anonymous.docs, DATES);
      const first = await get(`${path}?limit=2`).expect(200);
      expect(first.headers['content-type']).toMatch(/application\/json/);
      expect(first.body.data.map((d: Doc) => d.id)).toEqual(expected.slice(0, 2));
      expect(first.body.data[0]).toMatchObject({ date: '2025-03-05', public: true, published: true });
      const next = new URL(first.body.links.next as string);
      const second = await get(`${next.pathname}${next.search}`).expect(200);
      expect(second.body.data.map((d: Doc) => d.id)).toEqual(expected.slice(2));
      expect(second.body.links.next).toBeUndefined();
      const d1 = second.body.data.find((d: Doc) => d.id === ids.d1);
      expect(d1).toEqual({ id: ids.d1, name: 'Radwegekonzept Innenstadt', reference: '0001/2025', type: 'Beschlussvorlage', date: '2025-02-01', public: true, published: true, created: expect.any(String), modified: expect.any(String) });
    });

    it('filters by type, reference, date range and committee, keeping filters across pages', async () => {
      const byType = await get(`${path}?type=Antrag`, 'member').expect(200);
      expect(byType.body.data.map((d: Doc) => d.id)).toEqual([ids.d5, ids.d4]);
      const typePage = await get(`${path}?type=Antrag&limit=1`, 'member').expect(200);
      const next = new URL(typePage.body.links.next as string);
      expect(next.searchParams.get('type')).toBe('Antrag');
      expect((await get(`${next.pathname}${next.search}`, 'member').expect(200)).body.data.map((d: Doc) => d.id)).toEqual([ids.d4]);

      expect((await get(`${path}?reference=0003/2025`).expect(200)).body.data.map((d: Doc) => d.id)).toEqual([ids.d3]);
      expect((await get(`${path}?reference=0003`).expect(200)).body.data).toEqual([]);
      expect((await get(`${path}?date_from=2025-02-10&date_to=2025-02-20`).expect(200)).body.data.map((d: Doc) => d.id)).toEqual([ids.d4]);
      expect((await get(`${path}?date_from=2025-02-10&date_to=2025-02-20`, 'member').expect(200)).body.data.map((d: Doc) => d.id)).toEqual([ids.d5, ids.d4, ids.d2]);
      expect((await get(`${path}?date_from=2025-03-01`).expect(200)).body.data.map((d: Doc) => d.id)).toEqual(ordered(['d3', 'd9'], DATES));

      expect((await get(`${path}?committee=${uva}`).expect(200)).body.data.map((d: Doc) => d.id)).toEqual([ids.d1]);
      expect((await get(`${path}?committee=${uva}`, 'member').expect(200)).body.data.map((d: Doc) => d.id)).toEqual([ids.d2, ids.d1]);
      // The council consults d1 only at a non-public item and in a draft: anonymous callers must not learn of it.
      expect((await get(`${path}?committee=${council}`).expect(200)).body.data.map((d: Doc) => d.id)).toEqual([ids.d3]);
      expect((await get(`${path}?committee=${council}`, 'member').expect(200)).body.data.map((d: Doc) => d.id)).toEqual([ids.d3, ids.d1]);
      expect((await get(`${path}?committee=${council}&type=Anfrage`).expect(200)).body.data.map((d: Doc) => d.id)).toEqual([ids.d3]);
    });

    it('rejects unknown and malformed query parameters with a problem', async () => {
      const res = await get(`${path}?colour=red&date_from=2025-13-01&date_to=gestern&committee=nope&type=&limit=abc`).expect(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect([...new Set(res.body.errors.map((e: { field: string }) => e.field))].sort()).toEqual(['colour', 'committee', 'date_from', 'date_to', 'limit', 'type']);
      const reversed = await get(`${path}?date_from=2025-03-01&date_to=2025-02-01`).expect(400);
      expect(reversed.body.errors[0].field).toBe('date_to');
      await get(`${path}?cursor=WyJ4Il0`).expect(400);
    });

    it('shows the detail with originators, related, super- and subordinated documents, files and consultations', async () => {
      const res = await get(`${path}/${ids.d1}`).expect(200);
      expect(res.body).toMatchObject({ id: ids.d1, name: 'Radwegekonzept Innenstadt', reference: '0001/2025', type: 'Beschlussvorlage', date: '2025-02-01', public: true });
      expect(names(res.body.originators.people)).toEqual(['Erika Mustermann']);
      expect(res.body.originators.committees).toEqual([{ id: uva, name: 'Ausschuss für Umwelt und Verkehr', shortName: 'UVA' }]);
      expect(names(res.body.underDirectionOf)).toEqual(['Ausschuss für Umwelt und Verkehr']);
      expect(res.body.relatedDocuments).toEqual([{ id: ids.d3, name: 'Anfrage Parkgebühren', reference: '0003/2025', type: 'Anfrage', public: true }]);
      expect(res.body.superordinatedDocument).toBeNull();
      expect(res.body.subordinatedDocuments.map((d: Doc) => d.reference)).toEqual(['0001/2025-1']);
      expect(names(res.body.files)).toEqual(['Vorlage Radwegekonzept']);
      expect(res.body.consultations).toEqual([
        {
          id: expect.any(String),
          role: 'Vorberatung',
          authoritative: false,
          committee: { id: uva, name: 'Ausschuss für Umwelt und Verkehr', shortName: 'UVA' },
          session: { id: march, name: 'UVA März', start: '2025-03-11T17:00:00+01:00' },
          agendaItem: { id: openItem, number: 'Ö 4', name: 'Radwegekonzept Innenstadt (Vorberatung)' },
        },
      ]);
      const amendment = await get(`${path}/${ids.d4}`).expect(200);
      expect(amendment.body.superordinatedDocument).toMatchObject({ id: ids.d1, reference: '0001/2025' });
    });

    it('shows members non-public related documents, files and consultations, but no drafts', async () => {
      const res = await get(`${path}/${ids.d1}`, 'member').expect(200);
      expect(res.body.relatedDocuments.map((d: Doc) => d.reference)).toEqual(['0002/2025', '0003/2025']);
      expect(res.body.subordinatedDocuments.map((d: Doc) => d.reference)).toEqual(['0001/2025-1', '0001/2025-2']);
      expect(names(res.body.files)).toEqual(['Vorlage Radwegekonzept', 'Interne Kalkulation']);
      expect(res.body.consultations.map((c: { role: string }) => c.role)).toEqual(['Vorberatung', 'Entscheidung']);
      expect(res.body.consultations[1].agendaItem).toEqual({ id: secretItem, number: 'N 2', name: 'Nichtöffentliche Beratung Radwege' });
      expect(names(res.body.originators.people)).toEqual(['Erika Mustermann']);
      const secret = await get(`${path}/${ids.d2}`, 'member').expect(200);
      expect(secret.body).toMatchObject({ public: false, reference: '0002/2025' });
      expect(names(secret.body.files)).toEqual(['Kaufvertrag Anlage']);
      expect(res.headers['cache-control']).toMatch(/private/);
    });

    it('shows editors drafts, including draft originators', async () => {
      const res = await get(`${path}/${ids.d1}`, 'editor').expect(200);
      expect(names(res.body.originators.people)).toEqual(['Erika Mustermann', 'Max Unveröffentlicht']);
      expect(names(res.body.originators.committees)).toEqual(['Ausschuss für Umwelt und Verkehr', 'Arbeitskreis im Aufbau']);
      expect(res.body.consultations).toHaveLength(3);
      expect(names(res.body.files)).toEqual(['Vorlage Radwegekonzept', 'Interne Kalkulation', 'Anlage im Entwurf']);
      expect((await get(`${path}/${ids.d6}`, 'editor').expect(200)).body.published).toBe(false);
    });

    it.each(ROLES)('list: %s sees exactly what the role allows, counts included', async (role) => {
      const res = await get(`${path}?limit=200`, role).expect(200);
      expect(res.body.data.map((d: Doc) => d.id)).toEqual(ordered(SEEN[role].docs, DATES));
      const text = JSON.stringify(res.body);
      for (const secret of SEEN[role].secrets) expect(text).not.toContain(secret);
    });

    it.each(ROLES)('detail: %s gets 404 for hidden documents exactly as for missing ones, and no hidden embeds', async (role) => {
      const missing = await get(`${path}/${MISSING}`, role).expect(404);
      for (const key of ['d1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7', 'd9']) {
        const visible = SEEN[role].docs.includes(key);
        const res = await get(`${path}/${ids[key]}`, role).expect(visible ? 200 : 404);
        const text = JSON.stringify(res.body);
        for (const secret of SEEN[role].secrets) expect(text).not.toContain(secret);
        if (!visible) {
          expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
          expect(notFoundShape(res.body, ids[key])).toEqual(notFoundShape(missing.body, MISSING));
        }
      }
    });

    it('answers malformed ids and unknown bodies with problems, and If-None-Match with 304', async () => {
      await get(`${path}/0001-2025`).expect(400);
      await get('/v1/bodies/nirgendwo/documents').expect(404);
      const first = await get(`${path}/${ids.d1}`).expect(200);
      await t.http().get(`${path}/${ids.d1}`).set('If-None-Match', first.headers.etag).expect(304);
    });
  });

  it('documents its routes and schemas in OpenAPI', async () => {
    const spec = (await t.http().get('/docs/openapi.json').expect(200)).body;
    const base = '/v1/bodies/{body}/documents';
    expect(Object.keys(spec.paths[base]).sort()).toEqual(['get', 'post']);
    expect(Object.keys(spec.paths[`${base}/{id}`]).sort()).toEqual(['delete', 'get', 'patch']);
    for (const step of ['publish', 'unpublish']) expect(spec.paths[`${base}/{id}/${step}`].post.security).toBeDefined();
    expect(spec.paths[base].get.responses['200'].content['application/json'].schema.$ref).toBe('#/components/schemas/DocumentPage');
    expect(spec.components.schemas['DocumentDetailDto']).toBeDefined();
  });

  describe('writing', () => {
    let person: string;
    let committee: string;
    let foreignPerson: string;
    let foreignCommittee: string;
    let foreignDocument: string;

    beforeAll(async () => {
      person = (await createPerson(t.ds, { bodyId: t.body.id, name: 'Hans Beispiel' })).id;
      committee = (await createCommittee(t.ds, { bodyId: t.body.id, name: 'Fraktion Musterpartei', kind: 'faction' })).id;
      foreignPerson = (await createPerson(t.ds, { bodyId: t.other.id, name: 'Fremde Person' })).id;
      foreignCommittee = (await createCommittee(t.ds, { bodyId: t.other.id, name: 'Fremder Ausschuss' })).id;
      foreignDocument = (await createDocument(t.ds, { bodyId: t.other.id, name: 'Fremde Vorlage' })).id;
    });

    const count = async (): Promise<number> => (await t.ds.query('SELECT count(*)::int AS n FROM document'))[0].n;
    const events = async (id: string): Promise<{ action: string; audience_before: number; audience_after: number; api_key_id: string | null }[]> =>
      t.ds.query('SELECT action, audience_before, audience_after, api_key_id FROM change_event WHERE resource_id = $1 ORDER BY id', [id]);

    it('refuses anonymous callers, members and keys of another body on every write', async () => {
      const doc = await createDocument(t.ds, { bodyId: t.body.id, name: 'Unberührbare Vorlage' });
      const writes: Write[] = [
        ['post', path, { name: 'Neue Vorlage' }],
        ['patch', `${path}/${doc.id}`, { name: 'Geändert' }],
        ['delete', `${path}/${doc.id}`],
        ['post', `${path}/${doc.id}/publish`],
        ['post', `${path}/${doc.id}/unpublish`],
      ];
      const before = await count();
      await expectWritesRefused(t, writes);
      expect(await count()).toBe(before);
      const row = await t.ds.query('SELECT name, deleted_at, published_at IS NOT NULL AS published FROM document WHERE id = $1', [doc.id]);
      expect(row[0]).toMatchObject({ name: 'Unberührbare Vorlage', deleted_at: null, published: true });
    });

    it('creates a draft with references, publishes, changes, withdraws and deletes it, recording change events', async () => {
      const parent = await createDocument(t.ds, { bodyId: t.body.id, name: 'Haushaltsplan 2026', reference: '0100/2025' });
      const related = await createDocument(t.ds, { bodyId: t.body.id, name: 'Stellenplan 2026', reference: '0101/2025' });
      const created = await t
        .http()
        .post(path)
        .set(...bearer(t.keys.editor))
        .send({
          name: 'Änderungsantrag Haushalt',
          reference: '0100/2025-1',
          documentType: 'Antrag',
          date: '2025-10-02',
          originatorPersonIds: [person, person],
          originatorCommitteeIds: [committee],
          underDirectionOfIds: [committee],
          relatedDocumentIds: [related.id],
          superordinatedDocumentId: parent.id,
        })
        .expect(201);
      const id = created.body.id as string;
      expect(created.body).toMatchObject({
        published: false,
        public: true,
        reference: '0100/2025-1',
        type: 'Antrag',
        date: '2025-10-02',
        originators: { people: [{ id: person, name: 'Hans Beispiel' }], committees: [{ id: committee }] },
        underDirectionOf: [{ id: committee }],
        relatedDocuments: [{ id: related.id }],
        superordinatedDocument: { id: parent.id },
        subordinatedDocuments: [],
        files: [],
        consultations: [],
      });
      await get(`${path}/${id}`).expect(404);
      await get(`${path}/${id}`, 'member').expect(404);
      expect(JSON.stringify((await get(`${path}/${parent.id}`).expect(200)).body)).not.toContain('Änderungsantrag Haushalt');

      await t.http().post(`${path}/${id}/publish`).set(...bearer(t.keys.editor)).expect(200);
      expect((await get(`${path}/${parent.id}`).expect(200)).body.subordinatedDocuments.map((d: Doc) => d.id)).toEqual([id]);

      const updated = await t.http().patch(`${path}/${id}`).set(...bearer(t.keys.admin)).send({ public: false, reference: null, relatedDocumentIds: [], superordinatedDocumentId: null }).expect(200);
      expect(updated.body).toMatchObject({ public: false, reference: null, relatedDocuments: [], superordinatedDocument: null, name: 'Änderungsantrag Haushalt' });
      expect(JSON.stringify((await get(`${path}?limit=200`).expect(200)).body)).not.toContain('Änderungsantrag Haushalt');
      await get(`${path}/${id}`, 'member').expect(200);

      expect((await t.http().post(`${path}/${id}/unpublish`).set(...bearer(t.keys.editor)).expect(200)).body.published).toBe(false);
      await get(`${path}/${id}`, 'member').expect(404);

      await t.http().delete(`${path}/${id}`).set(...bearer(t.keys.editor)).expect(204);
      await get(`${path}/${id}`, 'editor').expect(404);
      await t.http().delete(`${path}/${id}`).set(...bearer(t.keys.editor)).expect(404);

      const log = await events(id);
      expect(log.map((e) => e.action)).toEqual(['created', 'published', 'updated', 'unpublished', 'deleted']);
      expect(log[0]).toMatchObject({ audience_before: -1, audience_after: 0 });
      expect(log[1]).toMatchObject({ audience_before: 0, audience_after: 2 });
      expect(log[2]).toMatchObject({ audience_before: 2, audience_after: 1 });
      expect(log.every((e) => e.api_key_id)).toBe(true);
    });

    it('dates a document today when no date is given', async () => {
      const res = await t.http().post(path).set(...bearer(t.keys.editor)).send({ name: 'Mitteilung ohne Datum', publish: true }).expect(201);
      const today = (await t.ds.query(`SELECT to_char((now() AT TIME ZONE 'Europe/Berlin')::date, 'YYYY-MM-DD') AS d`))[0].d;
      expect(res.body).toMatchObject({ date: today, published: true, reference: null, type: null });
    });

    it('rejects bad input on create with field errors and changes nothing', async () => {
      const before = await count();
      const cases: [Record<string, unknown>, string[]][] = [
        [{}, ['name']],
        [{ name: 'x', colour: 'red' }, ['colour']],
        [{ name: 42 }, ['name']],
        [{ name: 'x', reference: 'A#1' }, ['reference']],
        [{ name: 'x', reference: '1'.repeat(51) }, ['reference']],
        [{ name: 'x', documentType: 5 }, ['documentType']],
        [{ name: 'x', date: '2025-02-30' }, ['date']],
        [{ name: 'x', date: '2025-02-03T10:00:00+01:00' }, ['date']],
        [{ name: 'x', date: null }, ['date']],
        [{ name: 'x', public: 'ja' }, ['public']],
        [{ name: 'x', originatorPersonIds: person }, ['originatorPersonIds']],
        [{ name: 'x', originatorPersonIds: ['nope'] }, ['originatorPersonIds']],
        [{ name: 'x', superordinatedDocumentId: 'nope' }, ['superordinatedDocumentId']],
        [{ name: 'x', originatorPersonIds: [person, MISSING] }, ['originatorPersonIds.1']],
        [{ name: 'x', originatorPersonIds: [foreignPerson] }, ['originatorPersonIds.0']],
        [{ name: 'x', originatorCommitteeIds: [person] }, ['originatorCommitteeIds.0']],
        [{ name: 'x', underDirectionOfIds: [foreignCommittee] }, ['underDirectionOfIds.0']],
        [{ name: 'x', relatedDocumentIds: [foreignDocument] }, ['relatedDocumentIds.0']],
        [{ name: 'x', superordinatedDocumentId: MISSING }, ['superordinatedDocumentId']],
        [{ name: 'x', superordinatedDocumentId: foreignDocument, underDirectionOfIds: [committee, MISSING] }, ['superordinatedDocumentId', 'underDirectionOfIds.1']],
      ];
      for (const [body, fields] of cases) {
        const res = await t.http().post(path).set(...bearer(t.keys.editor)).send(body).expect(400);
        expect(res.headers['content-type']).toMatch(/problem\+json/);
        expect([...new Set(res.body.errors.map((e: { field: string }) => e.field))].sort()).toEqual(fields);
      }
      expect(await count()).toBe(before);
    });

    it('rejects bad input on update, self references and cycles, and changes nothing', async () => {
      const doc = await createDocument(t.ds, { bodyId: t.body.id, name: 'Stabile Vorlage', reference: '0200/2025' });
      const child = await createDocument(t.ds, { bodyId: t.body.id, name: 'Kind', superordinatedDocumentId: doc.id });
      const grandchild = await createDocument(t.ds, { bodyId: t.body.id, name: 'Enkel', superordinatedDocumentId: child.id });
      const snapshot = async () => (await t.ds.query('SELECT * FROM document WHERE id = $1', [doc.id]))[0];
      const before = await snapshot();
      const eventsBefore = (await events(doc.id)).length;
      const cases: [Record<string, unknown>, string[]][] = [
        [{ colour: 'red' }, ['colour']],
        [{ name: null }, ['name']],
        [{ relatedDocumentIds: null }, ['relatedDocumentIds']],
        [{ reference: 'a\\b' }, ['reference']],
        [{ date: 20250201 }, ['date']],
        [{ relatedDocumentIds: [child.id, doc.id] }, ['relatedDocumentIds.1']],
        [{ superordinatedDocumentId: doc.id }, ['superordinatedDocumentId']],
        [{ superordinatedDocumentId: grandchild.id }, ['superordinatedDocumentId']],
        [{ originatorPersonIds: [foreignPerson] }, ['originatorPersonIds.0']],
        [{ relatedDocumentIds: [MISSING] }, ['relatedDocumentIds.0']],
      ];
      for (const [body, fields] of cases) {
        const res = await t.http().patch(`${path}/${doc.id}`).set(...bearer(t.keys.editor)).send(body).expect(400);
        expect(res.headers['content-type']).toMatch(/problem\+json/);
        expect([...new Set(res.body.errors.map((e: { field: string }) => e.field))].sort()).toEqual(fields);
      }
      expect(await snapshot()).toEqual(before);
      expect(await events(doc.id)).toHaveLength(eventsBefore);
      await t.http().patch(`${path}/${MISSING}`).set(...bearer(t.keys.editor)).send({ name: 'x' }).expect(404);
      await t.http().patch(`${path}/${foreignDocument}`).set(...bearer(t.keys.editor)).send({ name: 'x' }).expect(404);
      await t.http().post(`${path}/${foreignDocument}/unpublish`).set(...bearer(t.keys.editor)).expect(404);
      await t.http().delete(`${path}/${foreignDocument}`).set(...bearer(t.keys.editor)).expect(404);
      // Moving the grandchild under the root is fine.
      await t.http().patch(`${path}/${grandchild.id}`).set(...bearer(t.keys.editor)).send({ superordinatedDocumentId: doc.id }).expect(200);
    });
  });
});
