import { bearer, startWithBody } from './support/app';
import { createAgendaItem, createCommittee, createConsultation, createDocument, createFile, createMinutes, createSession } from './support/factories';

type Ctx = Awaited<ReturnType<typeof startWithBody>>;

describe('sessions', () => {
  let t: Ctx;
  const path = '/v1/bodies/musterstadt/sessions';

  beforeAll(async () => {
    t = await startWithBody();
  });
  afterAll(async () => t.close());

  describe('reading', () => {
    let sessionId: string;
    let draftId: string;

    beforeAll(async () => {
      const b = t.body.id;
      const committee = await createCommittee(t.ds, { bodyId: b, name: 'Rat der Stadt', kind: 'council' });
      const session = await createSession(t.ds, { bodyId: b, name: 'Ratssitzung März', start: new Date('2025-03-04T17:00:00Z'), committeeIds: [committee.id] });
      sessionId = session.id;
      await createSession(t.ds, { bodyId: b, name: 'Ratssitzung April', start: new Date('2025-04-08T16:00:00Z') });
      await createSession(t.ds, { bodyId: b, name: 'Ratssitzung Mai', start: new Date('2025-05-06T16:00:00Z'), cancelled: true });
      draftId = (await createSession(t.ds, { bodyId: b, name: 'Entwurf Juni', start: new Date('2025-06-03T16:00:00Z'), publishedAt: null })).id;
      await createSession(t.ds, { bodyId: t.other.id, name: 'Fremde Sitzung', start: new Date('2025-03-05T17:00:00Z') });

      const pub = await createAgendaItem(t.ds, { bodyId: b, sessionId, number: 'Ö 1', position: 0, name: 'Radwegekonzept Innenstadt' });
      const secret = await createAgendaItem(t.ds, { bodyId: b, sessionId, number: 'N 1', position: 1, name: 'Grundstücksverkauf Geheimweg', public: false, resolutionText: 'vertraulich' });
      const doc = await createDocument(t.ds, { bodyId: b, name: 'Radwegekonzept', reference: '0001/2025' });
      const secretDoc = await createDocument(t.ds, { bodyId: b, name: 'Kaufvertrag Geheimweg', reference: '0002/2025', public: false });
      await createConsultation(t.ds, { bodyId: b, documentId: doc.id, agendaItemId: pub.id, sessionId });
      await createConsultation(t.ds, { bodyId: b, documentId: secretDoc.id, agendaItemId: secret.id, sessionId });
      await createFile(t.ds, { bodyId: b, agendaItemId: secret.id, name: 'Geheimanlage', role: 'auxiliary' });
      await createFile(t.ds, { bodyId: b, sessionId, name: 'Einladung', role: 'invitation' });
      const minutesFile = await createFile(t.ds, { bodyId: b, sessionId, name: 'Niederschrift', role: 'results_protocol' });
      await createMinutes(t.ds, { bodyId: b, sessionId, fileId: minutesFile.id, status: 'approved' });
    });

    it('lists the calendar in start order with stable keyset pages', async () => {
      const first = await t.http().get(`${path}?limit=2`).expect(200);
      expect(first.headers['content-type']).toMatch(/application\/json/);
      expect(first.body.data.map((s: { name: string }) => s.name)).toEqual(['Ratssitzung März', 'Ratssitzung April']);
      expect(first.body.data[0]).toMatchObject({ start: '2025-03-04T18:00:00+01:00', state: 'scheduled', cancelled: false, published: true });
      expect(first.body.data[0].committees).toEqual([expect.objectContaining({ name: 'Rat der Stadt' })]);
      const next = new URL(first.body.links.next as string);
      expect(next.searchParams.get('limit')).toBe('2');
      const second = await t.http().get(`${next.pathname}${next.search}`).expect(200);
      expect(second.body.data.map((s: { name: string }) => s.name)).toEqual(['Ratssitzung Mai']);
      expect(second.body.links.next).toBeUndefined();
    });

    it('filters by date range, committee, state and cancellation', async () => {
      const march = await t.http().get(`${path}?from=2025-03-01&to=2025-03-31`).expect(200);
      expect(march.body.data.map((s: { name: string }) => s.name)).toEqual(['Ratssitzung März']);
      const cancelled = await t.http().get(`${path}?cancelled=true`).expect(200);
      expect(cancelled.body.data.map((s: { name: string }) => s.name)).toEqual(['Ratssitzung Mai']);
      const byCommittee = await t.http().get(`${path}?committee=${march.body.data[0].committees[0].id}`).expect(200);
      expect(byCommittee.body.data).toHaveLength(1);
      const held = await t.http().get(`${path}?state=held`).expect(200);
      expect(held.body.data).toHaveLength(0);
    });

    it('rejects unknown and malformed query parameters with a problem', async () => {
      const res = await t.http().get(`${path}?colour=red&limit=5000&from=yesterday`).expect(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 400, code: 'invalid_fields' });
      const fields = res.body.errors.map((e: { field: string }) => e.field).sort();
      expect(fields).toEqual(['colour', 'from', 'limit']);
      await t.http().get(`${path}?cursor=not-a-cursor`).expect(400);
    });

    it('never shows drafts or non-public agenda content to anonymous callers', async () => {
      const list = await t.http().get(`${path}?limit=200`).expect(200);
      expect(JSON.stringify(list.body)).not.toContain('Entwurf Juni');
      await t.http().get(`${path}/${draftId}`).expect(404);
      const detail = await t.http().get(`${path}/${sessionId}`).expect(200);
      const text = JSON.stringify(detail.body);
      expect(detail.body.agendaItems.map((a: { number: string }) => a.number)).toEqual(['Ö 1']);
      for (const secret of ['Geheimweg', 'N 1', 'vertraulich', 'Geheimanlage', '0002/2025']) expect(text).not.toContain(secret);
      expect(detail.body.agendaItems[0].documents.map((d: { reference: string }) => d.reference)).toEqual(['0001/2025']);
      expect(detail.body.files.map((f: { name: string }) => f.name)).toEqual(['Einladung']);
      expect(detail.body.minutes).toEqual([]);
      expect(detail.headers['cache-control']).toMatch(/public/);
    });

    it('shows non-public agenda items, documents, files and approved minutes to members, but not drafts', async () => {
      const detail = await t.http().get(`${path}/${sessionId}`).set(...bearer(t.keys.member)).expect(200);
      expect(detail.body.agendaItems.map((a: { number: string }) => a.number)).toEqual(['Ö 1', 'N 1']);
      expect(detail.body.agendaItems[1].documents[0]).toMatchObject({ reference: '0002/2025', public: false });
      expect(detail.body.agendaItems[1].files.map((f: { name: string }) => f.name)).toEqual(['Geheimanlage']);
      expect(detail.body.minutes).toEqual([expect.objectContaining({ status: 'approved' })]);
      expect(detail.headers['cache-control']).toMatch(/private/);
      await t.http().get(`${path}/${draftId}`).set(...bearer(t.keys.member)).expect(404);
    });

    it('treats keys of another body like anonymous callers', async () => {
      const detail = await t.http().get(`${path}/${sessionId}`).set(...bearer(t.keys.otherMember)).expect(200);
      expect(detail.body.agendaItems).toHaveLength(1);
      await t.http().get(`${path}/${draftId}`).set(...bearer(t.keys.otherEditor)).expect(404);
    });

    it('shows drafts to editors', async () => {
      await t.http().get(`${path}/${draftId}`).set(...bearer(t.keys.editor)).expect(200);
      const list = await t.http().get(`${path}?limit=200`).set(...bearer(t.keys.editor)).expect(200);
      expect(list.body.data.map((s: { name: string }) => s.name)).toContain('Entwurf Juni');
    });

    it('answers If-None-Match with 304', async () => {
      const first = await t.http().get(`${path}/${sessionId}`).expect(200);
      expect(first.headers.etag).toBeTruthy();
      await t.http().get(`${path}/${sessionId}`).set('If-None-Match', first.headers.etag).expect(304);
    });

    it('answers unknown bodies, ids and malformed ids with problems', async () => {
      await t.http().get('/v1/bodies/nirgendwo/sessions').expect(404);
      await t.http().get(`${path}/00000000-0000-4000-8000-000000000000`).expect(404);
      const bad = await t.http().get(`${path}/42`).expect(400);
      expect(bad.headers['content-type']).toMatch(/problem\+json/);
      expect(bad.headers['x-request-id']).toBeTruthy();
    });
  });

  describe('writing', () => {
    it('refuses anonymous, member and foreign editor keys', async () => {
      const body = { name: 'Neue Sitzung', start: '2025-09-01T18:00:00+02:00' };
      await t.http().post(path).send(body).expect(401);
      await t.http().post(path).set(...bearer(t.keys.member)).send(body).expect(403);
      await t.http().post(path).set(...bearer(t.keys.otherEditor)).send(body).expect(403);
      await t.http().post(path).set('Authorization', 'Bearer rk_wrong').send(body).expect(401);
    });

    it('creates a draft, publishes, updates and deletes it, recording change events', async () => {
      const committee = await createCommittee(t.ds, { bodyId: t.body.id, name: 'Bauausschuss' });
      const created = await t
        .http()
        .post(path)
        .set(...bearer(t.keys.editor))
        .send({ name: 'Bauausschuss Sept.', start: '2025-09-01T18:00:00+02:00', committeeIds: [committee.id] })
        .expect(201);
      const id = created.body.id as string;
      expect(created.body).toMatchObject({ published: false, start: '2025-09-01T18:00:00+02:00', committees: [{ id: committee.id }] });
      await t.http().get(`${path}/${id}`).expect(404);

      await t.http().post(`${path}/${id}/publish`).set(...bearer(t.keys.editor)).expect(200);
      await t.http().get(`${path}/${id}`).expect(200);

      const updated = await t.http().patch(`${path}/${id}`).set(...bearer(t.keys.admin)).send({ cancelled: true, end: null }).expect(200);
      expect(updated.body).toMatchObject({ cancelled: true, end: null });

      await t.http().delete(`${path}/${id}`).set(...bearer(t.keys.editor)).expect(204);
      await t.http().get(`${path}/${id}`).set(...bearer(t.keys.editor)).expect(404);
      await t.http().delete(`${path}/${id}`).set(...bearer(t.keys.editor)).expect(404);

      const events = await t.ds.query(`SELECT action, audience_before, audience_after, api_key_id FROM change_event WHERE resource_id = $1 ORDER BY id`, [id]);
      expect(events.map((e: { action: string }) => e.action)).toEqual(['created', 'published', 'updated', 'deleted']);
      expect(events[1]).toMatchObject({ audience_before: 0, audience_after: 2 });
      expect(events.every((e: { api_key_id: string | null }) => e.api_key_id)).toBe(true);
      const row = await t.ds.query(`SELECT deleted_at IS NOT NULL AS gone FROM session WHERE id = $1`, [id]);
      expect(row[0].gone).toBe(true);
    });

    it('rejects bad input with field errors and changes nothing', async () => {
      const before = await t.ds.query('SELECT count(*)::int AS n FROM session');
      const cases: [Record<string, unknown>, string[]][] = [
        [{}, ['name', 'start']],
        [{ name: 'x', start: 'tomorrow' }, ['start']],
        [{ name: 'x', start: '2025-09-01T18:00:00' }, ['start']],
        [{ name: 'x', start: '2025-09-01T18:00:00+02:00', colour: 'red' }, ['colour']],
        [{ name: 'x', start: '2025-09-01T18:00:00+02:00', state: 'done' }, ['state']],
        [{ name: 'x', start: '2025-09-01T18:00:00+02:00', end: '2025-09-01T17:00:00+02:00' }, ['end']],
        [{ name: 'x', start: '2025-09-01T18:00:00+02:00', committeeIds: ['nope'] }, ['committeeIds']],
        [{ name: 'x', start: '2025-09-01T18:00:00+02:00', locationId: '00000000-0000-4000-8000-000000000000' }, ['locationId']],
        [{ name: '', start: '2025-09-01T18:00:00+02:00' }, ['name']],
      ];
      for (const [body, fields] of cases) {
        const res = await t.http().post(path).set(...bearer(t.keys.editor)).send(body).expect(400);
        expect(res.headers['content-type']).toMatch(/problem\+json/);
        expect([...new Set(res.body.errors.map((e: { field: string }) => e.field.split('.')[0]))].sort()).toEqual(fields);
      }
      const other = await createCommittee(t.ds, { bodyId: t.other.id, name: 'Fremder Ausschuss' });
      const res = await t.http().post(path).set(...bearer(t.keys.editor)).send({ name: 'x', start: '2025-09-01T18:00:00+02:00', committeeIds: [other.id] }).expect(400);
      expect(res.body.errors[0].field).toBe('committeeIds.0');
      await t.http().post(path).set(...bearer(t.keys.editor)).set('Content-Type', 'application/json').send('{"name": ').expect(400);
      const after = await t.ds.query('SELECT count(*)::int AS n FROM session');
      expect(after[0].n).toBe(before[0].n);
    });

    it('names every reference that is not a live record of this body, in the order sent', async () => {
      const MISSING = '00000000-0000-4000-8000-000000000000';
      const own = await createCommittee(t.ds, { bodyId: t.body.id, name: 'Hauptausschuss' });
      const gone = await createCommittee(t.ds, { bodyId: t.body.id, name: 'Aufgelöst', deletedAt: new Date() });
      const foreign = await createCommittee(t.ds, { bodyId: t.other.id, name: 'Fremder Ausschuss' });
      const res = await t
        .http()
        .post(path)
        .set(...bearer(t.keys.editor))
        .set('Accept-Language', 'en')
        .send({ name: 'x', start: '2025-09-01T18:00:00+02:00', locationId: MISSING, committeeIds: [own.id.toUpperCase(), MISSING, foreign.id, gone.id, MISSING] })
        .expect(400);
      expect(res.body.detail).toBe('The request refers to records that do not exist in this body.');
      expect(res.body.errors).toEqual([
        { field: 'locationId', code: 'unknown_reference', message: 'locationId does not name a location of this body' },
        ...[1, 2, 3, 4].map((i) => ({ field: `committeeIds.${i}`, code: 'unknown_reference', message: `committeeIds.${i} does not name a committee of this body` })),
      ]);
      const ok = await t.http().post(path).set(...bearer(t.keys.editor)).send({ name: 'x', start: '2025-09-01T18:00:00+02:00', committeeIds: [own.id.toUpperCase()] }).expect(201);
      expect(ok.body.id).toEqual(expect.any(String));
    });
  });
});
