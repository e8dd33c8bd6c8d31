import { Ctx, expectWritesRefused, getAs, MISSING, notFoundShape, Role, Write } from './support/access';
import { bearer, startWithBody } from './support/app';
import { createAgendaItem, createCommittee, createConsultation, createDocument, createFile, createSession } from './support/factories';

type Named = { id: string; name: string; number: string | null; order: number };


describe('agenda items', () => {
  let t: Ctx;
  const path = '/v1/bodies/musterstadt/agenda-items';

  const get = (url: string, role: Role = 'anonymous') => getAs(t, url, role);

  beforeAll(async () => {
    t = await startWithBody();
  });
  afterAll(async () => t.close());

  describe('reading', () => {
    let march: string;
    let april: string;
    let draftSession: string;
    let open1: string;
    let secret: string;
    let draftItem: string;
    let inDraftSession: string;
    let foreign: string;

    beforeAll(async () => {
      const b = t.body.id;
      const council = await createCommittee(t.ds, { bodyId: b, name: 'Rat der Stadt', shortName: 'Rat', kind: 'council' });
      march = (await createSession(t.ds, { bodyId: b, name: 'Ratssitzung März', start: new Date('2025-03-04T17:00:00Z') })).id;
      april = (await createSession(t.ds, { bodyId: b, name: 'Ratssitzung April', start: new Date('2025-04-08T16:00:00Z') })).id;
      draftSession = (await createSession(t.ds, { bodyId: b, name: 'Sitzung im Entwurf', start: new Date('2025-06-03T16:00:00Z'), publishedAt: null })).id;
      const otherSession = await createSession(t.ds, { bodyId: t.other.id, name: 'Gemeinderat Andersdorf' });

      open1 = (
        await createAgendaItem(t.ds, {
          bodyId: b,
          sessionId: march,
          number: 'Ö 1',
          position: 0,
          name: 'Radwegekonzept Innenstadt',
          result: 'einstimmig beschlossen',
          start: new Date('2025-03-04T17:40:00Z'),
          end: new Date('2025-03-04T18:05:00Z'),
        })
      ).id;
      secret = (
        await createAgendaItem(t.ds, { bodyId: b, sessionId: march, number: 'N 1', position: 1, name: 'Grundstücksverkauf Geheimweg', public: false, resolutionText: 'vertraulicher Beschluss' })
      ).id;
      await createAgendaItem(t.ds, { bodyId: b, sessionId: march, number: 'Ö 2', position: 2, name: 'Haushaltssatzung 2026' });
      draftItem = (await createAgendaItem(t.ds, { bodyId: b, sessionId: march, number: 'Ö 3', position: 3, name: 'Entwurfspunkt Spielplatz', publishedAt: null })).id;
      await createAgendaItem(t.ds, { bodyId: b, sessionId: april, number: 'Ö 1', position: 0, name: 'Bebauungsplan Nr. 42' });
      inDraftSession = (await createAgendaItem(t.ds, { bodyId: b, sessionId: draftSession, number: 'Ö 1', position: 0, name: 'Punkt einer Entwurfssitzung' })).id;
      foreign = (await createAgendaItem(t.ds, { bodyId: t.other.id, sessionId: otherSession.id, name: 'Fremder Tagesordnungspunkt' })).id;

      const doc = await createDocument(t.ds, { bodyId: b, name: 'Radwegekonzept', reference: '0001/2025' });
      const secretDoc = await createDocument(t.ds, { bodyId: b, name: 'Kaufvertrag Geheimweg', reference: '0002/2025', public: false });
      const draftDoc = await createDocument(t.ds, { bodyId: b, name: 'Vorlage im Entwurf', reference: '0003/2025', publishedAt: null });
      await createConsultation(t.ds, { bodyId: b, documentId: doc.id, agendaItemId: open1, sessionId: march, committeeId: council.id, position: 0 });
      await createConsultation(t.ds, { bodyId: b, documentId: secretDoc.id, agendaItemId: open1, sessionId: march, committeeId: council.id, position: 1 });
      await createConsultation(t.ds, { bodyId: b, documentId: draftDoc.id, agendaItemId: open1, sessionId: march, position: 2 });
      await createConsultation(t.ds, { bodyId: b, documentId: secretDoc.id, agendaItemId: secret, sessionId: march });
      await createFile(t.ds, { bodyId: b, agendaItemId: open1, name: 'Lageplan Radwege', position: 0 });
      await createFile(t.ds, { bodyId: b, agendaItemId: open1, name: 'Vertrauliche Kostenschätzung', public: false, position: 1 });
      await createFile(t.ds, { bodyId: b, agendaItemId: open1, name: 'Anlage im Entwurf', publishedAt: null, position: 2 });
      await createFile(t.ds, { bodyId: b, agendaItemId: secret, name: 'Wertgutachten Geheimweg' });
    });

    /** What each caller sees of the body's agenda (names), and what must never reach them. */
    const SEEN: Record<Role, { names: string[]; secrets: string[] }> = {
      anonymous: {
        names: ['Radwegekonzept Innenstadt', 'Haushaltssatzung 2026', 'Bebauungsplan Nr. 42'],
        secrets: ['Geheimweg', 'vertraulich', 'N 1', 'Entwurf', '0002/2025', '0003/2025', 'Kostenschätzung', 'Fremder'],
      },
      member: {
        names: ['Radwegekonzept Innenstadt', 'Grundstücksverkauf Geheimweg', 'Haushaltssatzung 2026', 'Bebauungsplan Nr. 42'],
        secrets: ['Entwurf', '0003/2025', 'Fremder'],
      },
      otherMember: { names: [], secrets: [] },
      otherEditor: { names: [], secrets: [] },
      editor: {
        names: ['Radwegekonzept Innenstadt', 'Grundstücksverkauf Geheimweg', 'Haushaltssatzung 2026', 'Entwurfspunkt Spielplatz', 'Bebauungsplan Nr. 42', 'Punkt einer Entwurfssitzung'],
        secrets: ['Fremder'],
      },
      admin: { names: [], secrets: [] },
    };
    SEEN.otherMember = SEEN.anonymous;
    SEEN.otherEditor = SEEN.anonymous;
    SEEN.admin = SEEN.editor;
    const ROLES = Object.keys(SEEN) as Role[];

    it('lists the agenda of a session in agenda order, with keyset pages', async () => {
      const first = await get(`${path}?session=${march}&limit=2`, 'member').expect(200);
      expect(first.headers['content-type']).toMatch(/application\/json/);
      expect(first.body.data.map((a: Named) => a.number)).toEqual(['Ö 1', 'N 1']);
      expect(first.body.data[0]).toMatchObject({
        order: 0,
        name: 'Radwegekonzept Innenstadt',
        public: true,
        result: 'einstimmig beschlossen',
        start: '2025-03-04T18:40:00+01:00',
        end: '2025-03-04T19:05:00+01:00',
        session: { id: march, name: 'Ratssitzung März', start: '2025-03-04T18:00:00+01:00' },
        published: true,
      });
      const next = new URL(first.body.links.next as string);
      expect(next.searchParams.get('session')).toBe(march);
      const second = await get(`${next.pathname}${next.search}`, 'member').expect(200);
      expect(second.body.data.map((a: Named) => a.number)).toEqual(['Ö 2']);
      expect(second.body.links.next).toBeUndefined();
      const aprilList = await get(`${path}?session=${april}`).expect(200);
      expect(aprilList.body.data.map((a: Named) => a.name)).toEqual(['Bebauungsplan Nr. 42']);
    });

    it('lists all items of the body in id order without a session filter, page by page', async () => {
      const seen: string[] = [];
      let url: string | null = `${path}?limit=2`;
      while (url) {
        const page: { body: { data: Named[]; links: { next?: string } } } = await get(url, 'editor').expect(200);
        expect(page.body.data.length).toBeLessThanOrEqual(2);
        seen.push(...page.body.data.map((a) => a.id));
        url = page.body.links.next ? new URL(page.body.links.next).pathname + new URL(page.body.links.next).search : null;
      }
      expect(seen).toHaveLength(6);
      expect(seen).toEqual([...seen].sort());
      expect(seen).not.toContain(foreign);
    });

    it('filters by modified_since and rejects unknown or malformed parameters', async () => {
      const future = await get(`${path}?modified_since=2999-01-01T00:00:00%2B01:00`).expect(200);
      expect(future.body.data).toEqual([]);
      const res = await get(`${path}?session=42&colour=red&limit=0`).expect(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['colour', 'limit', 'session']);
      await get(`${path}?cursor=not-a-cursor`).expect(400);
      // A cursor of the session order does not fit the id order.
      const paged = await get(`${path}?session=${march}&limit=1`).expect(200);
      const cursor = new URL(paged.body.links.next as string).searchParams.get('cursor') as string;
      await get(`${path}?cursor=${cursor}`).expect(400);
    });

    it('shows the detail with session, documents, files and consultations', async () => {
      const res = await get(`${path}/${open1}`).expect(200);
      expect(res.body).toMatchObject({
        id: open1,
        number: 'Ö 1',
        order: 0,
        session: { id: march, name: 'Ratssitzung März', start: '2025-03-04T18:00:00+01:00' },
        published: true,
      });
      expect(res.body.documents).toEqual([expect.objectContaining({ reference: '0001/2025', name: 'Radwegekonzept', type: 'Beschlussvorlage', public: true })]);
      expect(res.body.files).toEqual([
        expect.objectContaining({ name: 'Lageplan Radwege', accessUrl: expect.stringMatching(/^http:\/\/api\.test\/v1\/bodies\/musterstadt\/files\/.+\/content$/) }),
      ]);
      expect(res.body.consultations).toEqual([
        expect.objectContaining({ role: 'Entscheidung', authoritative: true, committee: expect.objectContaining({ name: 'Rat der Stadt' }), document: expect.objectContaining({ reference: '0001/2025' }) }),
      ]);
    });

    it.each(ROLES)('list: %s sees exactly what the role allows, counts included', async (role) => {
      const res = await get(`${path}?limit=200`, role).expect(200);
      expect(res.body.data.map((a: Named) => a.name).sort()).toEqual([...SEEN[role].names].sort());
      const text = JSON.stringify(res.body);
      for (const secretText of SEEN[role].secrets) expect(text).not.toContain(secretText);
      const session = await get(`${path}?session=${march}&limit=200`, role).expect(200);
      expect(session.body.data).toHaveLength(SEEN[role].names.filter((n) => !['Bebauungsplan Nr. 42', 'Punkt einer Entwurfssitzung'].includes(n)).length);
      const text2 = JSON.stringify(session.body);
      for (const secretText of SEEN[role].secrets) expect(text2).not.toContain(secretText);
    });

    it.each(ROLES)('detail: %s gets 404 for hidden items, exactly as for missing ones', async (role) => {
      const missing = await get(`${path}/${MISSING}`, role).expect(404);
      const visibleTo = (name: string) => SEEN[role].names.includes(name);
      const cases: [string, string][] = [
        [secret, 'Grundstücksverkauf Geheimweg'],
        [draftItem, 'Entwurfspunkt Spielplatz'],
        [inDraftSession, 'Punkt einer Entwurfssitzung'],
        [foreign, 'Fremder Tagesordnungspunkt'],
      ];
      for (const [id, name] of cases) {
        const res = await get(`${path}/${id}`, role).expect(visibleTo(name) ? 200 : 404);
        if (res.status === 404) {
          expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
          expect(JSON.stringify(res.body)).not.toContain(name);
          expect(notFoundShape(res.body, id)).toEqual(notFoundShape(missing.body, MISSING));
        } else {
          expect(res.body.name).toBe(name);
        }
      }
      const open = await get(`${path}/${open1}`, role).expect(200);
      const text = JSON.stringify(open.body);
      for (const secretText of SEEN[role].secrets) expect(text).not.toContain(secretText);
    });

    it('shows members the non-public documents and files of an item, but no drafts', async () => {
      const res = await get(`${path}/${open1}`, 'member').expect(200);
      expect(res.body.documents.map((d: { reference: string }) => d.reference)).toEqual(['0001/2025', '0002/2025']);
      expect(res.body.files.map((f: { name: string }) => f.name)).toEqual(['Lageplan Radwege', 'Vertrauliche Kostenschätzung']);
      expect(res.body.consultations).toHaveLength(2);
      const hidden = await get(`${path}/${secret}`, 'member').expect(200);
      expect(hidden.body).toMatchObject({ public: false, resolutionText: 'vertraulicher Beschluss' });
      expect(hidden.body.files.map((f: { name: string }) => f.name)).toEqual(['Wertgutachten Geheimweg']);
      expect(res.headers['cache-control']).toMatch(/private/);
    });

    it('shows editors drafts everywhere', async () => {
      const res = await get(`${path}/${open1}`, 'editor').expect(200);
      expect(res.body.documents.map((d: { reference: string }) => d.reference)).toEqual(['0001/2025', '0002/2025', '0003/2025']);
      expect(res.body.files.map((f: { name: string }) => f.name)).toEqual(['Lageplan Radwege', 'Vertrauliche Kostenschätzung', 'Anlage im Entwurf']);
      const draft = await get(`${path}/${draftItem}`, 'editor').expect(200);
      expect(draft.body.published).toBe(false);
    });

    it('answers malformed ids and unknown bodies with problems, and If-None-Match with 304', async () => {
      const bad = await get(`${path}/42`).expect(400);
      expect(bad.headers['content-type']).toMatch(/problem\+json/);
      await get(`/v1/bodies/nirgendwo/agenda-items`).expect(404);
      const first = await get(`${path}/${open1}`).expect(200);
      await t.http().get(`${path}/${open1}`).set('If-None-Match', first.headers.etag).expect(304);
    });
  });

  it('documents its routes and schemas in OpenAPI', async () => {
    const spec = (await t.http().get('/docs/openapi.json').expect(200)).body;
    const base = '/v1/bodies/{body}/agenda-items';
    expect(Object.keys(spec.paths[base]).sort()).toEqual(['get', 'post']);
    expect(Object.keys(spec.paths[`${base}/{id}`]).sort()).toEqual(['delete', 'get', 'patch']);
    for (const step of ['publish', 'unpublish']) expect(spec.paths[`${base}/{id}/${step}`].post.security).toBeDefined();
    expect(spec.paths[base].get.responses['200'].content['application/json'].schema.$ref).toBe('#/components/schemas/AgendaItemPage');
    expect(spec.components.schemas['AgendaItemDetailDto']).toBeDefined();
  });

  describe('writing', () => {
    let sessionId: string;
    let otherSessionId: string;

    beforeAll(async () => {
      sessionId = (await createSession(t.ds, { bodyId: t.body.id, name: 'Bauausschuss Mai', start: new Date('2025-05-13T15:00:00Z') })).id;
      otherSessionId = (await createSession(t.ds, { bodyId: t.other.id, name: 'Fremde Sitzung' })).id;
    });

    const count = async (): Promise<number> => (await t.ds.query('SELECT count(*)::int AS n FROM agenda_item'))[0].n;
    const events = async (id: string): Promise<{ action: string; audience_before: number; audience_after: number; api_key_id: string | null }[]> =>
      t.ds.query('SELECT action, audience_before, audience_after, api_key_id FROM change_event WHERE resource_id = $1 ORDER BY id', [id]);

    it('refuses anonymous callers, members and keys of another body on every write', async () => {
      const item = await createAgendaItem(t.ds, { bodyId: t.body.id, sessionId, name: 'Unberührbar', position: 90 });
      const writes: Write[] = [
        ['post', path, { sessionId, name: 'Neuer Punkt' }],
        ['patch', `${path}/${item.id}`, { name: 'Geändert' }],
        ['delete', `${path}/${item.id}`],
        ['post', `${path}/${item.id}/publish`],
        ['post', `${path}/${item.id}/unpublish`],
      ];
      await expectWritesRefused(t, writes);
      const row = await t.ds.query('SELECT name, deleted_at, published_at IS NOT NULL AS published FROM agenda_item WHERE id = $1', [item.id]);
      expect(row[0]).toMatchObject({ name: 'Unberührbar', deleted_at: null, published: true });
    });

    it('creates a draft at the end of the agenda, publishes, changes, withdraws and deletes it, recording change events', async () => {
      const created = await t.http().post(path).set(...bearer(t.keys.editor)).send({ sessionId, number: 'Ö 7', name: 'Neubau Feuerwache', start: '2025-05-13T17:30:00+02:00' }).expect(201);
      const id = created.body.id as string;
      const last = (await t.ds.query('SELECT max(position)::int AS n FROM agenda_item WHERE session_id = $1 AND id <> $2 AND deleted_at IS NULL', [sessionId, id]))[0].n as number;
      expect(created.body).toMatchObject({ published: false, order: last + 1, public: true, start: '2025-05-13T17:30:00+02:00', session: { id: sessionId } });
      await get(`${path}/${id}`).expect(404);
      await get(`${path}/${id}`, 'member').expect(404);

      const second = await t.http().post(path).set(...bearer(t.keys.admin)).send({ sessionId, name: 'Anfragen', publish: true }).expect(201);
      expect(second.body).toMatchObject({ order: last + 2, published: true, number: null });

      await t.http().post(`${path}/${id}/publish`).set(...bearer(t.keys.editor)).expect(200);
      await get(`${path}/${id}`).expect(200);

      const updated = await t.http().patch(`${path}/${id}`).set(...bearer(t.keys.editor)).send({ public: false, resolutionText: 'Zuschlag an Bieter B', start: null }).expect(200);
      expect(updated.body).toMatchObject({ public: false, resolutionText: 'Zuschlag an Bieter B', start: null, name: 'Neubau Feuerwache' });
      const anonymous = await get(`${path}/${id}`).expect(404);
      expect(JSON.stringify(anonymous.body)).not.toContain('Feuerwache');
      await get(`${path}/${id}`, 'member').expect(200);

      const unpublished = await t.http().post(`${path}/${id}/unpublish`).set(...bearer(t.keys.editor)).expect(200);
      expect(unpublished.body.published).toBe(false);
      await get(`${path}/${id}`, 'member').expect(404);

      await t.http().delete(`${path}/${id}`).set(...bearer(t.keys.editor)).expect(204);
      await get(`${path}/${id}`, 'editor').expect(404);
      await t.http().delete(`${path}/${id}`).set(...bearer(t.keys.editor)).expect(404);
      await t.http().post(`${path}/${id}/publish`).set(...bearer(t.keys.editor)).expect(404);

      const log = await events(id);
      expect(log.map((e) => e.action)).toEqual(['created', 'published', 'updated', 'unpublished', 'deleted']);
      expect(log[1]).toMatchObject({ audience_before: 0, audience_after: 2 });
      expect(log[2]).toMatchObject({ audience_before: 2, audience_after: 1 });
      expect(log[4]).toMatchObject({ audience_before: 0, audience_after: -1 });
      expect(log.every((e) => e.api_key_id)).toBe(true);
    });

    it('moves an item to the end of another session', async () => {
      const target = await createSession(t.ds, { bodyId: t.body.id, name: 'Rat Juli', start: new Date('2025-07-01T16:00:00Z') });
      await createAgendaItem(t.ds, { bodyId: t.body.id, sessionId: target.id, position: 5, name: 'Einwohnerfragestunde' });
      const item = await createAgendaItem(t.ds, { bodyId: t.body.id, sessionId, position: 50, name: 'Verschobener Punkt' });
      const doc = await createDocument(t.ds, { bodyId: t.body.id, name: 'Verschobene Vorlage' });
      const consultation = await createConsultation(t.ds, { bodyId: t.body.id, documentId: doc.id, agendaItemId: item.id, sessionId });
      const moved = await t.http().patch(`${path}/${item.id}`).set(...bearer(t.keys.editor)).send({ sessionId: target.id }).expect(200);
      expect(moved.body).toMatchObject({ order: 6, session: { id: target.id, name: 'Rat Juli' } });
      // The consultation under the item moves along, so session and agenda item stay consistent.
      const row = await t.ds.query('SELECT session_id FROM consultation WHERE id = $1', [consultation.id]);
      expect(row[0].session_id).toBe(target.id);
      expect((await events(consultation.id)).map((e) => e.action)).toEqual(['updated']);
    });

    it('rejects bad input on create with field errors and changes nothing', async () => {
      const before = await count();
      const cases: [Record<string, unknown>, string[]][] = [
        [{}, ['name', 'sessionId']],
        [{ sessionId, name: 'x', colour: 'red' }, ['colour']],
        [{ sessionId: 'nope', name: 'x' }, ['sessionId']],
        [{ sessionId, name: 42 }, ['name']],
        [{ sessionId, name: '' }, ['name']],
        [{ sessionId, name: 'x', public: 'yes' }, ['public']],
        [{ sessionId, name: 'x', position: -1 }, ['position']],
        [{ sessionId, name: 'x', position: 'first' }, ['position']],
        [{ sessionId, name: 'x', start: 'tomorrow' }, ['start']],
        [{ sessionId, name: 'x', start: '2025-05-13T18:00:00' }, ['start']],
        [{ sessionId, name: 'x', start: '2025-05-13T18:00:00+02:00', end: '2025-05-13T17:00:00+02:00' }, ['end']],
        [{ sessionId: MISSING, name: 'x' }, ['sessionId']],
        [{ sessionId: otherSessionId, name: 'x' }, ['sessionId']],
      ];
      for (const [body, fields] of cases) {
        const res = await t.http().post(path).set(...bearer(t.keys.editor)).send(body).expect(400);
        expect(res.headers['content-type']).toMatch(/problem\+json/);
        expect([...new Set(res.body.errors.map((e: { field: string }) => e.field))].sort()).toEqual(fields);
      }
      await t.http().post(path).set(...bearer(t.keys.editor)).set('Content-Type', 'application/json').send('{"name": ').expect(400);
      expect(await count()).toBe(before);
    });

    it('rejects bad input on update with field errors and changes nothing', async () => {
      const item = await createAgendaItem(t.ds, { bodyId: t.body.id, sessionId, position: 60, name: 'Stabiler Punkt', start: new Date('2025-05-13T16:00:00Z') });
      const snapshot = async () => (await t.ds.query('SELECT * FROM agenda_item WHERE id = $1', [item.id]))[0];
      const before = await snapshot();
      const eventsBefore = (await events(item.id)).length;
      const cases: [Record<string, unknown>, string[]][] = [
        [{ colour: 'red' }, ['colour']],
        [{ name: null }, ['name']],
        [{ sessionId: null }, ['sessionId']],
        [{ public: 1 }, ['public']],
        [{ number: 7 }, ['number']],
        [{ end: '2025-05-13T15:00:00+02:00' }, ['end']],
        [{ sessionId: MISSING }, ['sessionId']],
        [{ sessionId: otherSessionId }, ['sessionId']],
      ];
      for (const [body, fields] of cases) {
        const res = await t.http().patch(`${path}/${item.id}`).set(...bearer(t.keys.editor)).send(body).expect(400);
        expect(res.headers['content-type']).toMatch(/problem\+json/);
        expect([...new Set(res.body.errors.map((e: { field: string }) => e.field))].sort()).toEqual(fields);
      }
      expect(await snapshot()).toEqual(before);
      expect(await events(item.id)).toHaveLength(eventsBefore);
      await t.http().patch(`${path}/${MISSING}`).set(...bearer(t.keys.editor)).send({ name: 'x' }).expect(404);
    });

    it('cannot reach items of another body through this body', async () => {
      const foreignSession = await createSession(t.ds, { bodyId: t.other.id, name: 'Andersdorf Rat' });
      const foreign = await createAgendaItem(t.ds, { bodyId: t.other.id, sessionId: foreignSession.id, name: 'Andersdorfer Punkt' });
      await t.http().patch(`${path}/${foreign.id}`).set(...bearer(t.keys.editor)).send({ name: 'Übernommen' }).expect(404);
      await t.http().delete(`${path}/${foreign.id}`).set(...bearer(t.keys.editor)).expect(404);
      await t.http().post(`${path}/${foreign.id}/unpublish`).set(...bearer(t.keys.editor)).expect(404);
      const row = await t.ds.query('SELECT name, deleted_at, published_at IS NOT NULL AS published FROM agenda_item WHERE id = $1', [foreign.id]);
      expect(row[0]).toMatchObject({ name: 'Andersdorfer Punkt', deleted_at: null, published: true });
    });
  });
});
