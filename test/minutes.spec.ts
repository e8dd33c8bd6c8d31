import { Ctx, expectWritesRefused, getAs, MISSING, notFoundShape, Role, Write } from './support/access';
import { bearer, startWithBody } from './support/app';
import { createFile, createMinutes, createSession } from './support/factories';

type Minutes = { id: string; kind: string; status: string; file: { name: string } | null };


describe('minutes', () => {
  let t: Ctx;
  const path = '/v1/bodies/musterstadt/minutes';

  const get = (url: string, role: Role = 'anonymous') => getAs(t, url, role);
  const idsOf = (body: { data: Minutes[] }): string[] => body.data.map((m) => m.id);

  beforeAll(async () => {
    t = await startWithBody();
  });
  afterAll(async () => t.close());

  describe('reading', () => {
    const m: Record<string, string> = {};
    let march: string;

    beforeAll(async () => {
      const b = t.body.id;
      march = (await createSession(t.ds, { bodyId: b, name: 'Ratssitzung März', start: new Date('2025-03-04T17:00:00Z') })).id;
      const draftSession = (await createSession(t.ds, { bodyId: b, name: 'Sitzung im Entwurf', publishedAt: null })).id;
      const otherSession = (await createSession(t.ds, { bodyId: t.other.id, name: 'Andersdorf Rat' })).id;
      const published = await createFile(t.ds, { bodyId: b, sessionId: march, name: 'Ergebnisprotokoll März', role: 'results_protocol' });
      const approved = await createFile(t.ds, { bodyId: b, sessionId: march, name: 'Wortprotokoll genehmigt', role: 'verbatim_protocol' });
      const draft = await createFile(t.ds, { bodyId: b, sessionId: march, name: 'Protokoll Rohfassung', role: 'results_protocol' });
      m.pub = (await createMinutes(t.ds, { bodyId: b, sessionId: march, kind: 'results', status: 'published', fileId: published.id })).id;
      m.appr = (await createMinutes(t.ds, { bodyId: b, sessionId: march, kind: 'verbatim', status: 'approved', fileId: approved.id, approvedAt: new Date('2025-03-18T09:15:00Z'), publishedAt: null })).id;
      m.draft = (await createMinutes(t.ds, { bodyId: b, sessionId: march, kind: 'results', status: 'draft', fileId: draft.id, publishedAt: null })).id;
      m.inDraftSession = (await createMinutes(t.ds, { bodyId: b, sessionId: draftSession, kind: 'results', status: 'published' })).id;
      m.foreign = (await createMinutes(t.ds, { bodyId: t.other.id, sessionId: otherSession, status: 'published' })).id;
    });

    const PUBLIC = { keys: ['pub'], secrets: ['Wortprotokoll genehmigt', 'Rohfassung', 'Entwurf', 'Andersdorf', '"approved"', '"draft"', 'verbatim'] };
    const MEMBER = { keys: ['pub', 'appr'], secrets: ['Rohfassung', 'Entwurf', 'Andersdorf', '"draft"'] };
    const STAFF = { keys: ['pub', 'appr', 'draft', 'inDraftSession'], secrets: ['Andersdorf'] };
    const SEEN: Record<Role, { keys: string[]; secrets: string[] }> = { anonymous: PUBLIC, otherMember: PUBLIC, otherEditor: PUBLIC, member: MEMBER, editor: STAFF, admin: STAFF };
    const ROLES = Object.keys(SEEN) as Role[];
    const sorted = (keys: string[]): string[] => keys.map((k) => m[k]).sort();

    it('lists in id order with keyset pages', async () => {
      const first = await get(`${path}?limit=3`, 'editor').expect(200);
      expect(first.headers['content-type']).toMatch(/application\/json/);
      expect(idsOf(first.body)).toEqual(sorted(STAFF.keys).slice(0, 3));
      const next = new URL(first.body.links.next as string);
      const second = await get(`${next.pathname}${next.search}`, 'editor').expect(200);
      expect(idsOf(second.body)).toEqual(sorted(STAFF.keys).slice(3));
      expect(second.body.links.next).toBeUndefined();
    });

    it('filters by session, status and kind', async () => {
      expect(idsOf((await get(`${path}?session=${march}`).expect(200)).body)).toEqual([m.pub]);
      expect(idsOf((await get(`${path}?session=${march}`, 'member').expect(200)).body)).toEqual(sorted(['pub', 'appr']));
      expect(idsOf((await get(`${path}?status=approved`).expect(200)).body)).toEqual([]);
      expect(idsOf((await get(`${path}?status=approved`, 'member').expect(200)).body)).toEqual([m.appr]);
      expect(idsOf((await get(`${path}?status=draft`, 'member').expect(200)).body)).toEqual([]);
      expect(idsOf((await get(`${path}?status=draft`, 'editor').expect(200)).body)).toEqual([m.draft]);
      expect(idsOf((await get(`${path}?kind=verbatim`, 'member').expect(200)).body)).toEqual([m.appr]);
      expect(idsOf((await get(`${path}?kind=results&session=${march}`, 'editor').expect(200)).body)).toEqual(sorted(['pub', 'draft']));
    });

    it('rejects unknown and malformed query parameters with a problem', async () => {
      const res = await get(`${path}?status=secret&kind=summary&session=x&order=desc`).expect(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['kind', 'order', 'session', 'status']);
    });

    it('shows minutes with session and file', async () => {
      const res = await get(`${path}/${m.appr}`, 'member').expect(200);
      expect(res.body).toEqual({
        id: m.appr,
        kind: 'verbatim',
        status: 'approved',
        approvedAt: '2025-03-18T10:15:00+01:00',
        session: { id: march, name: 'Ratssitzung März', start: '2025-03-04T18:00:00+01:00' },
        file: expect.objectContaining({ name: 'Wortprotokoll genehmigt', role: 'verbatim_protocol', accessUrl: expect.stringContaining('/v1/bodies/musterstadt/files/') }),
        published: false,
        created: expect.any(String),
        modified: expect.any(String),
      });
      const pub = await get(`${path}/${m.pub}`).expect(200);
      expect(pub.body).toMatchObject({ status: 'published', published: true, approvedAt: null, file: { name: 'Ergebnisprotokoll März' } });
    });

    it.each(ROLES)('list: %s sees exactly what the role allows, counts included', async (role) => {
      const res = await get(`${path}?limit=200`, role).expect(200);
      expect(idsOf(res.body)).toEqual(sorted(SEEN[role].keys));
      const text = JSON.stringify(res.body);
      for (const secret of SEEN[role].secrets) expect(text).not.toContain(secret);
    });

    it.each(ROLES)('detail: %s gets 404 for hidden minutes exactly as for missing ones', async (role) => {
      const missing = await get(`${path}/${MISSING}`, role).expect(404);
      for (const key of Object.keys(m)) {
        const visible = SEEN[role].keys.includes(key);
        const res = await get(`${path}/${m[key]}`, role).expect(visible ? 200 : 404);
        const text = JSON.stringify(res.body);
        for (const secret of SEEN[role].secrets) expect(text).not.toContain(secret);
        if (!visible) expect(notFoundShape(res.body, m[key])).toEqual(notFoundShape(missing.body, MISSING));
      }
    });

    it('answers malformed ids and unknown bodies with problems, and If-None-Match with 304', async () => {
      await get(`${path}/1`).expect(400);
      await get('/v1/bodies/nirgendwo/minutes').expect(404);
      const first = await get(`${path}/${m.pub}`).expect(200);
      await t.http().get(`${path}/${m.pub}`).set('If-None-Match', first.headers.etag).expect(304);
    });
  });

  it('documents its routes and schemas in OpenAPI', async () => {
    const spec = (await t.http().get('/docs/openapi.json').expect(200)).body;
    const base = '/v1/bodies/{body}/minutes';
    expect(Object.keys(spec.paths[base]).sort()).toEqual(['get', 'post']);
    expect(Object.keys(spec.paths[`${base}/{id}`]).sort()).toEqual(['delete', 'get', 'patch']);
    for (const step of ['approve', 'publish', 'unpublish']) expect(spec.paths[`${base}/{id}/${step}`].post.security).toBeDefined();
    expect(spec.paths[base].get.responses['200'].content['application/json'].schema.$ref).toBe('#/components/schemas/MinutesPage');
    expect(spec.components.schemas['MinutesDto']).toBeDefined();
  });

  describe('writing', () => {
    let sessionId: string;
    let foreignSession: string;
    let foreignFile: string;

    beforeAll(async () => {
      sessionId = (await createSession(t.ds, { bodyId: t.body.id, name: 'Bauausschuss Mai', start: new Date('2025-05-13T15:00:00Z') })).id;
      foreignSession = (await createSession(t.ds, { bodyId: t.other.id, name: 'Andersdorf Rat' })).id;
      foreignFile = (await createFile(t.ds, { bodyId: t.other.id, name: 'Andersdorfer Protokoll' })).id;
    });

    const count = async (): Promise<number> => (await t.ds.query('SELECT count(*)::int AS n FROM minutes'))[0].n;
    const events = async (id: string): Promise<{ resource: string; action: string; audience_before: number; audience_after: number; api_key_id: string | null }[]> =>
      t.ds.query('SELECT resource, action, audience_before, audience_after, api_key_id FROM change_event WHERE resource_id = $1 ORDER BY id', [id]);
    const as = (key: string) => ({
      post: (url: string, body?: Record<string, unknown>) => t.http().post(url).set(...bearer(key)).send(body ?? {}),
      patch: (url: string, body: Record<string, unknown>) => t.http().patch(url).set(...bearer(key)).send(body),
      delete: (url: string) => t.http().delete(url).set(...bearer(key)),
    });

    it('refuses anonymous callers, members and keys of another body on every write', async () => {
      const existing = await createMinutes(t.ds, { bodyId: t.body.id, sessionId, status: 'approved', publishedAt: null });
      const writes: Write[] = [
        ['post', path, { sessionId }],
        ['patch', `${path}/${existing.id}`, { kind: 'verbatim' }],
        ['delete', `${path}/${existing.id}`],
        ['post', `${path}/${existing.id}/approve`],
        ['post', `${path}/${existing.id}/publish`],
        ['post', `${path}/${existing.id}/unpublish`],
      ];
      const before = await count();
      await expectWritesRefused(t, writes);
      expect(await count()).toBe(before);
      const row = await t.ds.query('SELECT kind, status, deleted_at FROM minutes WHERE id = $1', [existing.id]);
      expect(row[0]).toEqual({ kind: 'results', status: 'approved', deleted_at: null });
    });

    it('runs draft → approved → published → approved, publishing the file with the minutes and recording both', async () => {
      const file = await createFile(t.ds, { bodyId: t.body.id, sessionId, name: 'Niederschrift Bauausschuss', role: 'results_protocol', publishedAt: null });
      const editor = as(t.keys.editor);
      const created = await editor.post(path, { sessionId, kind: 'results', fileId: file.id }).expect(201);
      const id = created.body.id as string;
      expect(created.body).toMatchObject({ status: 'draft', kind: 'results', approvedAt: null, published: false, session: { id: sessionId }, file: { id: file.id } });
      await get(`${path}/${id}`).expect(404);
      await get(`${path}/${id}`, 'member').expect(404);

      const approved = await editor.post(`${path}/${id}/approve`).expect(200);
      expect(approved.body).toMatchObject({ status: 'approved', published: false, approvedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
      await get(`${path}/${id}`).expect(404);
      // The file is still a draft of its own, so members see the minutes but not yet the file.
      expect((await get(`${path}/${id}`, 'member').expect(200)).body.file).toBeNull();
      const again = await editor.post(`${path}/${id}/approve`).expect(409);
      expect(again.headers['content-type']).toMatch(/problem\+json/);
      expect(again.body).toMatchObject({ status: 409, code: 'conflict' });

      const published = await editor.post(`${path}/${id}/publish`).expect(200);
      expect(published.body).toMatchObject({ status: 'published', published: true, file: { id: file.id } });
      const anonymous = await get(`${path}/${id}`).expect(200);
      expect(anonymous.body.file).toMatchObject({ id: file.id, name: 'Niederschrift Bauausschuss' });
      const fileRow = await t.ds.query('SELECT published_at IS NOT NULL AS published FROM file WHERE id = $1', [file.id]);
      expect(fileRow[0].published).toBe(true);
      await editor.post(`${path}/${id}/publish`).expect(409);

      const withdrawn = await editor.post(`${path}/${id}/unpublish`).expect(200);
      expect(withdrawn.body).toMatchObject({ status: 'approved', published: false });
      await get(`${path}/${id}`).expect(404);
      const member = await get(`${path}/${id}`, 'member').expect(200);
      expect(member.body.file).toMatchObject({ id: file.id });
      await editor.post(`${path}/${id}/unpublish`).expect(409);
      // Publishing again leaves the already published file alone.
      await editor.post(`${path}/${id}/publish`).expect(200);

      const log = await events(id);
      expect(log.map((e) => e.action)).toEqual(['created', 'updated', 'published', 'unpublished', 'published']);
      expect(log.map((e) => [e.audience_before, e.audience_after])).toEqual([[-1, 0], [0, 1], [1, 2], [2, 1], [1, 2]]);
      const fileLog = await events(file.id);
      expect(fileLog.map((e) => [e.resource, e.action, e.audience_before, e.audience_after])).toEqual([
        ['file', 'published', 0, 2],
        ['file', 'updated', 2, 1],
        ['file', 'updated', 1, 2],
      ]);
      expect([...log, ...fileLog].every((e) => e.api_key_id)).toBe(true);
    });

    it('publishes draft minutes directly, refuses approving published ones, and records the file tied to new drafts', async () => {
      const file = await createFile(t.ds, { bodyId: t.body.id, sessionId, name: 'Wortprotokoll Mai', role: 'verbatim_protocol' });
      const editor = as(t.keys.admin);
      const created = await editor.post(path, { sessionId, kind: 'verbatim', fileId: file.id }).expect(201);
      const id = created.body.id as string;
      // Tying a public file to draft minutes hides it.
      await get(`${path}/${id}`).expect(404);
      const fileLog = await events(file.id);
      expect(fileLog.map((e) => [e.action, e.audience_before, e.audience_after])).toEqual([['updated', 2, 0]]);
      const published = await editor.post(`${path}/${id}/publish`).expect(200);
      expect(published.body).toMatchObject({ status: 'published', approvedAt: null, file: { id: file.id } });
      const conflict = await editor.post(`${path}/${id}/approve`).expect(409);
      expect(conflict.body.detail).toBe('Diese Niederschrift hat den Status „veröffentlicht“; nur Niederschriften im Status „Entwurf“ können genehmigt werden.');
      const row = await t.ds.query('SELECT status FROM minutes WHERE id = $1', [id]);
      expect(row[0].status).toBe('published');
    });

    it('changes kind and file, and deletes minutes, recording change events', async () => {
      const first = await createFile(t.ds, { bodyId: t.body.id, sessionId, name: 'Erste Fassung', publishedAt: null });
      const second = await createFile(t.ds, { bodyId: t.body.id, sessionId, name: 'Zweite Fassung' });
      const editor = as(t.keys.editor);
      const id = (await editor.post(path, { sessionId, fileId: first.id }).expect(201)).body.id as string;
      const changed = await editor.patch(`${path}/${id}`, { kind: 'verbatim', fileId: second.id }).expect(200);
      expect(changed.body).toMatchObject({ kind: 'verbatim', status: 'draft', file: { id: second.id } });
      const cleared = await editor.patch(`${path}/${id}`, { fileId: null }).expect(200);
      expect(cleared.body.file).toBeNull();
      await editor.delete(`${path}/${id}`).expect(204);
      await get(`${path}/${id}`, 'editor').expect(404);
      await editor.delete(`${path}/${id}`).expect(404);
      await editor.post(`${path}/${id}/approve`).expect(404);
      const log = await events(id);
      expect(log.map((e) => e.action)).toEqual(['created', 'updated', 'updated', 'deleted']);
      expect(log[3]).toMatchObject({ audience_before: 0, audience_after: -1 });
      // The second file was hidden while tied to the draft minutes and is public again once freed.
      expect((await events(second.id)).map((e) => [e.action, e.audience_before, e.audience_after])).toEqual([
        ['updated', 2, 0],
        ['updated', 0, 2],
      ]);
    });

    it('rejects bad input on create with field errors and changes nothing', async () => {
      const before = await count();
      const editor = as(t.keys.editor);
      const cases: [Record<string, unknown>, string[]][] = [
        [{}, ['sessionId']],
        [{ sessionId, colour: 'red' }, ['colour']],
        [{ sessionId, status: 'published' }, ['status']],
        [{ sessionId, kind: 'summary' }, ['kind']],
        [{ sessionId, kind: null }, ['kind']],
        [{ sessionId: 42 }, ['sessionId']],
        [{ sessionId, fileId: 'file-1' }, ['fileId']],
        [{ sessionId: MISSING }, ['sessionId']],
        [{ sessionId: foreignSession }, ['sessionId']],
        [{ sessionId, fileId: foreignFile }, ['fileId']],
        [{ sessionId, fileId: MISSING }, ['fileId']],
      ];
      for (const [body, fields] of cases) {
        const res = await editor.post(path, body).expect(400);
        expect(res.headers['content-type']).toMatch(/problem\+json/);
        expect([...new Set(res.body.errors.map((e: { field: string }) => e.field))].sort()).toEqual(fields);
      }
      expect(await count()).toBe(before);
    });

    it('rejects bad input on update and workflow steps on foreign or missing minutes, changing nothing', async () => {
      const existing = await createMinutes(t.ds, { bodyId: t.body.id, sessionId, status: 'draft', publishedAt: null });
      const snapshot = async () => (await t.ds.query('SELECT * FROM minutes WHERE id = $1', [existing.id]))[0];
      const before = await snapshot();
      const editor = as(t.keys.editor);
      const cases: [Record<string, unknown>, string[]][] = [
        [{ status: 'published' }, ['status']],
        [{ approvedAt: '2025-01-01T00:00:00Z' }, ['approvedAt']],
        [{ sessionId }, ['sessionId']],
        [{ kind: 'summary' }, ['kind']],
        [{ kind: null }, ['kind']],
        [{ fileId: 7 }, ['fileId']],
        [{ fileId: foreignFile }, ['fileId']],
      ];
      for (const [body, fields] of cases) {
        const res = await editor.patch(`${path}/${existing.id}`, body).expect(400);
        expect(res.headers['content-type']).toMatch(/problem\+json/);
        expect([...new Set(res.body.errors.map((e: { field: string }) => e.field))].sort()).toEqual(fields);
      }
      await editor.post(`${path}/${existing.id}/unpublish`).expect(409);
      expect(await snapshot()).toEqual(before);
      expect(await events(existing.id)).toHaveLength(0);
      const foreign = await createMinutes(t.ds, { bodyId: t.other.id, sessionId: foreignSession, status: 'draft' });
      for (const step of ['approve', 'publish', 'unpublish']) await editor.post(`${path}/${foreign.id}/${step}`).expect(404);
      await editor.patch(`${path}/${foreign.id}`, { kind: 'verbatim' }).expect(404);
      await editor.delete(`${path}/${foreign.id}`).expect(404);
      await editor.post(`${path}/${MISSING}/publish`).expect(404);
      const row = await t.ds.query('SELECT status, kind, deleted_at FROM minutes WHERE id = $1', [foreign.id]);
      expect(row[0]).toEqual({ status: 'draft', kind: 'results', deleted_at: null });
    });
  });
});
