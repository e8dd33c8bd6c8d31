import { Ctx, expectWritesRefused, getAs, MISSING, notFoundShape, Role, Write } from './support/access';
import { bearer, startWithBody } from './support/app';
import { createAgendaItem, createCommittee, createConsultation, createDocument, createSession } from './support/factories';

type Consultation = { id: string; role: string | null; session: { id: string } | null; agendaItem: { id: string } | null };


describe('consultations', () => {
  let t: Ctx;
  const path = '/v1/bodies/musterstadt/consultations';

  const get = (url: string, role: Role = 'anonymous') => getAs(t, url, role);
  const idsOf = (body: { data: Consultation[] }): string[] => body.data.map((c) => c.id);

  beforeAll(async () => {
    t = await startWithBody();
  });
  afterAll(async () => t.close());

  describe('reading', () => {
    const c: Record<string, string> = {};
    let uva: string;
    let council: string;
    let march: string;
    let openItem: string;
    let secretItem: string;
    let doc: string;

    beforeAll(async () => {
      const b = t.body.id;
      uva = (await createCommittee(t.ds, { bodyId: b, name: 'Ausschuss für Umwelt und Verkehr', shortName: 'UVA' })).id;
      council = (await createCommittee(t.ds, { bodyId: b, name: 'Rat der Stadt', kind: 'council' })).id;
      march = (await createSession(t.ds, { bodyId: b, name: 'UVA März', start: new Date('2025-03-11T16:00:00Z') })).id;
      const draftSession = (await createSession(t.ds, { bodyId: b, name: 'Sitzung im Entwurf', start: new Date('2025-06-11T16:00:00Z'), publishedAt: null })).id;
      openItem = (await createAgendaItem(t.ds, { bodyId: b, sessionId: march, number: 'Ö 4', position: 0, name: 'Radwegekonzept Innenstadt' })).id;
      secretItem = (await createAgendaItem(t.ds, { bodyId: b, sessionId: march, number: 'N 1', position: 1, name: 'Nichtöffentlicher Punkt Geheimweg', public: false })).id;
      const draftItem = (await createAgendaItem(t.ds, { bodyId: b, sessionId: march, number: 'Ö 9', position: 2, name: 'Punkt im Entwurf', publishedAt: null })).id;
      doc = (await createDocument(t.ds, { bodyId: b, name: 'Radwegekonzept', reference: '0001/2025' })).id;
      const secretDoc = (await createDocument(t.ds, { bodyId: b, name: 'Kaufvertrag Geheimweg', reference: '0002/2025', public: false })).id;
      const draftDoc = (await createDocument(t.ds, { bodyId: b, name: 'Vorlage im Entwurf', reference: '0003/2025', publishedAt: null })).id;
      const otherDoc = await createDocument(t.ds, { bodyId: t.other.id, name: 'Andersdorfer Vorlage' });

      c.c1 = (await createConsultation(t.ds, { bodyId: b, documentId: doc, committeeId: uva, sessionId: march, agendaItemId: openItem, role: 'Vorberatung', authoritative: false, position: 0 })).id;
      c.c2 = (await createConsultation(t.ds, { bodyId: b, documentId: doc, committeeId: council, role: 'Entscheidung', position: 1 })).id;
      c.c3 = (await createConsultation(t.ds, { bodyId: b, documentId: secretDoc, committeeId: uva, sessionId: march, agendaItemId: openItem, role: 'Vorberatung Geheimweg' })).id;
      c.c4 = (await createConsultation(t.ds, { bodyId: b, documentId: doc, committeeId: council, sessionId: march, agendaItemId: secretItem, role: 'Nichtöffentliche Beratung' })).id;
      c.c5 = (await createConsultation(t.ds, { bodyId: b, documentId: doc, committeeId: uva, role: 'Beratung im Entwurf', publishedAt: null })).id;
      c.c6 = (await createConsultation(t.ds, { bodyId: b, documentId: draftDoc, committeeId: uva, role: 'Kenntnisnahme' })).id;
      c.c7 = (await createConsultation(t.ds, { bodyId: b, documentId: doc, committeeId: council, sessionId: draftSession, role: 'Wiedervorlage' })).id;
      c.c8 = (await createConsultation(t.ds, { bodyId: t.other.id, documentId: otherDoc.id, role: 'Andersdorfer Beratung' })).id;
      c.c9 = (await createConsultation(t.ds, { bodyId: b, documentId: doc, committeeId: uva, sessionId: march, agendaItemId: draftItem, role: 'Beratung unter Punkt' })).id;
    });

    const PUBLIC = { keys: ['c1', 'c2', 'c7'], secrets: ['Geheimweg', '0002/2025', 'Nichtöffentlich', 'N 1', 'Entwurf', 'Ö 9', 'Andersdorf', 'Beratung unter Punkt'] };
    const MEMBER = { keys: ['c1', 'c2', 'c3', 'c4', 'c7'], secrets: ['Entwurf', 'Ö 9', 'Andersdorf', 'Beratung unter Punkt'] };
    const STAFF = { keys: ['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c9'], secrets: ['Andersdorf'] };
    const SEEN: Record<Role, { keys: string[]; secrets: string[] }> = { anonymous: PUBLIC, otherMember: PUBLIC, otherEditor: PUBLIC, member: MEMBER, editor: STAFF, admin: STAFF };
    const ROLES = Object.keys(SEEN) as Role[];
    const sorted = (keys: string[]): string[] => keys.map((k) => c[k]).sort();

    it('lists in id order with keyset pages', async () => {
      const first = await get(`${path}?limit=2`, 'member').expect(200);
      expect(first.headers['content-type']).toMatch(/application\/json/);
      expect(idsOf(first.body)).toEqual(sorted(MEMBER.keys).slice(0, 2));
      let next: string | undefined = first.body.links.next;
      const all = idsOf(first.body);
      while (next) {
        const url = new URL(next);
        const page = await get(`${url.pathname}${url.search}`, 'member').expect(200);
        all.push(...idsOf(page.body));
        next = page.body.links.next;
      }
      expect(all).toEqual(sorted(MEMBER.keys));
    });

    it('filters by document, agenda item, session and committee', async () => {
      expect(idsOf((await get(`${path}?document=${doc}`).expect(200)).body)).toEqual(sorted(['c1', 'c2', 'c7']));
      expect(idsOf((await get(`${path}?document=${doc}`, 'member').expect(200)).body)).toEqual(sorted(['c1', 'c2', 'c4', 'c7']));
      expect(idsOf((await get(`${path}?agenda_item=${openItem}`).expect(200)).body)).toEqual([c.c1]);
      expect(idsOf((await get(`${path}?agenda_item=${openItem}`, 'member').expect(200)).body)).toEqual(sorted(['c1', 'c3']));
      expect(idsOf((await get(`${path}?agenda_item=${secretItem}`).expect(200)).body)).toEqual([]);
      expect(idsOf((await get(`${path}?session=${march}`).expect(200)).body)).toEqual([c.c1]);
      expect(idsOf((await get(`${path}?session=${march}`, 'member').expect(200)).body)).toEqual(sorted(['c1', 'c3', 'c4']));
      expect(idsOf((await get(`${path}?session=${march}`, 'editor').expect(200)).body)).toEqual(sorted(['c1', 'c3', 'c4', 'c9']));
      expect(idsOf((await get(`${path}?committee=${council}`).expect(200)).body)).toEqual(sorted(['c2', 'c7']));
      expect(idsOf((await get(`${path}?committee=${council}&document=${doc}`, 'member').expect(200)).body)).toEqual(sorted(['c2', 'c4', 'c7']));
      expect(idsOf((await get(`${path}?modified_since=2999-01-01T00:00:00Z`).expect(200)).body)).toEqual([]);
    });

    it('rejects unknown and malformed query parameters with a problem', async () => {
      const res = await get(`${path}?document=1&agenda_item=x&session=y&committee=z&sort=id`).expect(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['agenda_item', 'committee', 'document', 'session', 'sort']);
    });

    it('shows a consultation with document, committee, session and agenda item', async () => {
      const res = await get(`${path}/${c.c1}`).expect(200);
      expect(res.body).toEqual({
        id: c.c1,
        role: 'Vorberatung',
        authoritative: false,
        order: 0,
        document: { id: doc, name: 'Radwegekonzept', reference: '0001/2025', type: 'Beschlussvorlage', public: true },
        committee: { id: uva, name: 'Ausschuss für Umwelt und Verkehr', shortName: 'UVA' },
        session: { id: march, name: 'UVA März', start: '2025-03-11T17:00:00+01:00' },
        agendaItem: { id: openItem, number: 'Ö 4', name: 'Radwegekonzept Innenstadt' },
        published: true,
        created: expect.any(String),
        modified: expect.any(String),
      });
    });

    it('hides a draft session from non-editors but keeps the consultation', async () => {
      expect((await get(`${path}/${c.c7}`).expect(200)).body.session).toBeNull();
      expect((await get(`${path}/${c.c7}`, 'member').expect(200)).body.session).toBeNull();
      expect((await get(`${path}/${c.c7}`, 'editor').expect(200)).body.session).toMatchObject({ name: 'Sitzung im Entwurf' });
    });

    it.each(ROLES)('list: %s sees exactly what the role allows, counts included', async (role) => {
      const res = await get(`${path}?limit=200`, role).expect(200);
      expect(idsOf(res.body)).toEqual(sorted(SEEN[role].keys));
      const text = JSON.stringify(res.body);
      for (const secret of SEEN[role].secrets) expect(text).not.toContain(secret);
    });

    it.each(ROLES)('detail: %s gets 404 for hidden consultations exactly as for missing ones', async (role) => {
      const missing = await get(`${path}/${MISSING}`, role).expect(404);
      for (const key of Object.keys(c)) {
        const visible = SEEN[role].keys.includes(key);
        const res = await get(`${path}/${c[key]}`, role).expect(visible ? 200 : 404);
        const text = JSON.stringify(res.body);
        for (const secret of SEEN[role].secrets) expect(text).not.toContain(secret);
        if (!visible) expect(notFoundShape(res.body, c[key])).toEqual(notFoundShape(missing.body, MISSING));
      }
    });

    it('answers malformed ids and unknown bodies with problems, and If-None-Match with 304', async () => {
      await get(`${path}/abc`).expect(400);
      await get('/v1/bodies/nirgendwo/consultations').expect(404);
      const first = await get(`${path}/${c.c1}`).expect(200);
      await t.http().get(`${path}/${c.c1}`).set('If-None-Match', first.headers.etag).expect(304);
    });
  });

  it('documents its routes and schemas in OpenAPI', async () => {
    const spec = (await t.http().get('/docs/openapi.json').expect(200)).body;
    const base = '/v1/bodies/{body}/consultations';
    expect(Object.keys(spec.paths[base]).sort()).toEqual(['get', 'post']);
    expect(Object.keys(spec.paths[`${base}/{id}`]).sort()).toEqual(['delete', 'get', 'patch']);
    for (const step of ['publish', 'unpublish']) expect(spec.paths[`${base}/{id}/${step}`].post.security).toBeDefined();
    expect(spec.paths[base].get.responses['200'].content['application/json'].schema.$ref).toBe('#/components/schemas/ConsultationPage');
    expect(spec.components.schemas['ConsultationDto']).toBeDefined();
  });

  describe('writing', () => {
    let doc: string;
    let committee: string;
    let may: string;
    let june: string;
    let mayItem: string;
    let juneItem: string;
    let foreign: { doc: string; committee: string; session: string; item: string };

    beforeAll(async () => {
      const b = t.body.id;
      doc = (await createDocument(t.ds, { bodyId: b, name: 'Spielplatzkonzept', reference: '0300/2025' })).id;
      committee = (await createCommittee(t.ds, { bodyId: b, name: 'Jugendhilfeausschuss' })).id;
      may = (await createSession(t.ds, { bodyId: b, name: 'JHA Mai', start: new Date('2025-05-06T15:00:00Z') })).id;
      june = (await createSession(t.ds, { bodyId: b, name: 'JHA Juni', start: new Date('2025-06-03T15:00:00Z') })).id;
      mayItem = (await createAgendaItem(t.ds, { bodyId: b, sessionId: may, number: 'Ö 2', name: 'Spielplatzkonzept' })).id;
      juneItem = (await createAgendaItem(t.ds, { bodyId: b, sessionId: june, number: 'Ö 5', name: 'Spielplatzkonzept (Entscheidung)' })).id;
      const o = t.other.id;
      const oSession = (await createSession(t.ds, { bodyId: o, name: 'Andersdorf Rat' })).id;
      foreign = {
        doc: (await createDocument(t.ds, { bodyId: o, name: 'Andersdorfer Vorlage' })).id,
        committee: (await createCommittee(t.ds, { bodyId: o, name: 'Andersdorfer Ausschuss' })).id,
        session: oSession,
        item: (await createAgendaItem(t.ds, { bodyId: o, sessionId: oSession, name: 'Andersdorfer Punkt' })).id,
      };
    });

    const count = async (): Promise<number> => (await t.ds.query('SELECT count(*)::int AS n FROM consultation'))[0].n;
    const events = async (id: string): Promise<{ action: string; audience_before: number; audience_after: number; api_key_id: string | null }[]> =>
      t.ds.query('SELECT action, audience_before, audience_after, api_key_id FROM change_event WHERE resource_id = $1 ORDER BY id', [id]);
    const post = (body: Record<string, unknown>) => t.http().post(path).set(...bearer(t.keys.editor)).send(body);

    it('refuses anonymous callers, members and keys of another body on every write', async () => {
      const existing = await createConsultation(t.ds, { bodyId: t.body.id, documentId: doc, role: 'Unberührbar' });
      const writes: Write[] = [
        ['post', path, { documentId: doc }],
        ['patch', `${path}/${existing.id}`, { role: 'Geändert' }],
        ['delete', `${path}/${existing.id}`],
        ['post', `${path}/${existing.id}/publish`],
        ['post', `${path}/${existing.id}/unpublish`],
      ];
      const before = await count();
      await expectWritesRefused(t, writes);
      expect(await count()).toBe(before);
      const row = await t.ds.query('SELECT role, deleted_at, published_at IS NOT NULL AS published FROM consultation WHERE id = $1', [existing.id]);
      expect(row[0]).toMatchObject({ role: 'Unberührbar', deleted_at: null, published: true });
    });

    it('derives the session from the agenda item and appends to the Beratungsfolge', async () => {
      const before = (await t.ds.query('SELECT COALESCE(max(position), -1)::int AS n FROM consultation WHERE document_id = $1 AND deleted_at IS NULL', [doc]))[0].n as number;
      const res = await post({ documentId: doc, agendaItemId: mayItem, committeeId: committee, role: 'Vorberatung', publish: true }).expect(201);
      expect(res.body).toMatchObject({
        order: before + 1,
        authoritative: false,
        session: { id: may, name: 'JHA Mai' },
        agendaItem: { id: mayItem, number: 'Ö 2' },
        committee: { id: committee },
        document: { id: doc },
        published: true,
      });
      const both = await post({ documentId: doc, agendaItemId: juneItem, sessionId: june, authoritative: true }).expect(201);
      expect(both.body).toMatchObject({ order: before + 2, authoritative: true, session: { id: june } });
      const noItem = await post({ documentId: doc, sessionId: june }).expect(201);
      expect(noItem.body).toMatchObject({ session: { id: june }, agendaItem: null, committee: null });
    });

    it('keeps session and agenda item consistent on update', async () => {
      const created = await post({ documentId: doc, agendaItemId: mayItem }).expect(201);
      const id = created.body.id as string;
      const moved = await t.http().patch(`${path}/${id}`).set(...bearer(t.keys.editor)).send({ agendaItemId: juneItem }).expect(200);
      expect(moved.body).toMatchObject({ session: { id: june }, agendaItem: { id: juneItem } });
      const clash = await t.http().patch(`${path}/${id}`).set(...bearer(t.keys.editor)).send({ sessionId: may }).expect(400);
      expect(clash.body.errors.map((e: { field: string }) => e.field)).toEqual(['sessionId']);
      const clash2 = await t.http().patch(`${path}/${id}`).set(...bearer(t.keys.editor)).send({ agendaItemId: mayItem, sessionId: june }).expect(400);
      expect(clash2.body.errors.map((e: { field: string }) => e.field)).toEqual(['agendaItemId']);
      const detached = await t.http().patch(`${path}/${id}`).set(...bearer(t.keys.editor)).send({ agendaItemId: null, sessionId: may }).expect(200);
      expect(detached.body).toMatchObject({ session: { id: may }, agendaItem: null });
      const kept = await t.http().patch(`${path}/${id}`).set(...bearer(t.keys.editor)).send({ agendaItemId: null }).expect(200);
      expect(kept.body.session).toMatchObject({ id: may });
    });

    it('creates a draft, publishes, changes, withdraws and deletes it, recording change events', async () => {
      const created = await post({ documentId: doc, committeeId: committee, role: 'Kenntnisnahme' }).expect(201);
      const id = created.body.id as string;
      expect(created.body.published).toBe(false);
      await get(`${path}/${id}`).expect(404);
      await get(`${path}/${id}`, 'member').expect(404);
      await t.http().post(`${path}/${id}/publish`).set(...bearer(t.keys.editor)).expect(200);
      await get(`${path}/${id}`).expect(200);
      const updated = await t.http().patch(`${path}/${id}`).set(...bearer(t.keys.admin)).send({ role: 'Entscheidung', authoritative: true, position: 9, committeeId: null }).expect(200);
      expect(updated.body).toMatchObject({ role: 'Entscheidung', authoritative: true, order: 9, committee: null });
      expect((await t.http().post(`${path}/${id}/unpublish`).set(...bearer(t.keys.editor)).expect(200)).body.published).toBe(false);
      await get(`${path}/${id}`).expect(404);
      await t.http().delete(`${path}/${id}`).set(...bearer(t.keys.editor)).expect(204);
      await get(`${path}/${id}`, 'editor').expect(404);
      await t.http().delete(`${path}/${id}`).set(...bearer(t.keys.editor)).expect(404);
      const log = await events(id);
      expect(log.map((e) => e.action)).toEqual(['created', 'published', 'updated', 'unpublished', 'deleted']);
      expect(log[1]).toMatchObject({ audience_before: 0, audience_after: 2 });
      expect(log[3]).toMatchObject({ audience_before: 2, audience_after: 0 });
      expect(log.every((e) => e.api_key_id)).toBe(true);
    });

    it('rejects bad input on create with field errors and changes nothing', async () => {
      const before = await count();
      const cases: [Record<string, unknown>, string[]][] = [
        [{}, ['documentId']],
        [{ documentId: doc, colour: 'red' }, ['colour']],
        [{ documentId: 'nope' }, ['documentId']],
        [{ documentId: doc, agendaItemId: 5 }, ['agendaItemId']],
        [{ documentId: doc, authoritative: 'yes' }, ['authoritative']],
        [{ documentId: doc, position: -3 }, ['position']],
        [{ documentId: doc, role: ['a'] }, ['role']],
        [{ documentId: MISSING }, ['documentId']],
        [{ documentId: foreign.doc }, ['documentId']],
        [{ documentId: doc, committeeId: foreign.committee }, ['committeeId']],
        [{ documentId: doc, sessionId: foreign.session }, ['sessionId']],
        [{ documentId: doc, agendaItemId: foreign.item }, ['agendaItemId']],
        [{ documentId: doc, agendaItemId: MISSING, sessionId: MISSING }, ['agendaItemId', 'sessionId']],
        [{ documentId: doc, agendaItemId: mayItem, sessionId: june }, ['agendaItemId']],
        [{ documentId: doc, authoritative: null }, ['authoritative']],
      ];
      for (const [body, fields] of cases) {
        const res = await post(body).expect(400);
        expect(res.headers['content-type']).toMatch(/problem\+json/);
        expect([...new Set(res.body.errors.map((e: { field: string }) => e.field))].sort()).toEqual(fields);
      }
      expect(await count()).toBe(before);
    });

    it('rejects bad input on update with field errors and changes nothing', async () => {
      const existing = await createConsultation(t.ds, { bodyId: t.body.id, documentId: doc, sessionId: may, agendaItemId: mayItem, role: 'Stabil' });
      const snapshot = async () => (await t.ds.query('SELECT * FROM consultation WHERE id = $1', [existing.id]))[0];
      const before = await snapshot();
      const eventsBefore = (await events(existing.id)).length;
      const cases: [Record<string, unknown>, string[]][] = [
        [{ colour: 'red' }, ['colour']],
        [{ documentId: null }, ['documentId']],
        [{ documentId: foreign.doc }, ['documentId']],
        [{ committeeId: foreign.committee }, ['committeeId']],
        [{ agendaItemId: foreign.item }, ['agendaItemId']],
        [{ sessionId: june }, ['sessionId']],
        [{ position: 1.5 }, ['position']],
      ];
      for (const [body, fields] of cases) {
        const res = await t.http().patch(`${path}/${existing.id}`).set(...bearer(t.keys.editor)).send(body).expect(400);
        expect(res.headers['content-type']).toMatch(/problem\+json/);
        expect([...new Set(res.body.errors.map((e: { field: string }) => e.field))].sort()).toEqual(fields);
      }
      expect(await snapshot()).toEqual(before);
      expect(await events(existing.id)).toHaveLength(eventsBefore);
      const foreignConsultation = await createConsultation(t.ds, { bodyId: t.other.id, documentId: foreign.doc });
      await t.http().patch(`${path}/${foreignConsultation.id}`).set(...bearer(t.keys.editor)).send({ role: 'x' }).expect(404);
      await t.http().delete(`${path}/${foreignConsultation.id}`).set(...bearer(t.keys.editor)).expect(404);
      await t.http().post(`${path}/${MISSING}/publish`).set(...bearer(t.keys.editor)).expect(404);
    });
  });
});
