import { randomUUID } from 'node:crypto';
import { bearer, startTestApp, startWithBody } from './support/app';
import { auth, createAccount, TestAccount } from './support/accounts';
import { createAgendaItem, createBody, createCommittee, createDocument, createFile, createSession } from './support/factories';

type Ctx = Awaited<ReturnType<typeof startWithBody>>;

describe('notes', () => {
  let t: Ctx;
  let a: TestAccount;
  let doc: { id: string };
  let file: { id: string };

  beforeAll(async () => {
    t = await startWithBody();
    a = await createAccount(t);
    doc = await createDocument(t.ds, { bodyId: t.body.id, name: 'Radwegekonzept Innenstadt', reference: '0123/2025' });
    file = await createFile(t.ds, { bodyId: t.body.id, documentId: doc.id, name: 'Anlage 1' });
  });
  afterAll(async () => t.close());

  const post = (body: Record<string, unknown>, account: TestAccount = a) => t.http().post('/v1/me/notes').set(auth(account)).send(body);

  it('are written on sessions, agenda items, documents, files (with a page) and committees', async () => {
    const session = await createSession(t.ds, { bodyId: t.body.id });
    const item = await createAgendaItem(t.ds, { bodyId: t.body.id, sessionId: session.id });
    const committee = await createCommittee(t.ds, { bodyId: t.body.id, name: 'Bauausschuss' });
    for (const [type, id, title] of [
      ['session', session.id, 'Sitzung des Rates'],
      ['agenda-item', item.id, 'Ö 1 Radwegekonzept Innenstadt'],
      ['document', doc.id, '0123/2025 Radwegekonzept Innenstadt'],
      ['committee', committee.id, 'Bauausschuss'],
    ]) {
      const res = await post({ target: { type, id }, text: `Notiz zu ${type}` }).expect(201);
      expect(res.body.target).toEqual({ type, id, available: true, body: 'musterstadt', title, url: expect.stringContaining(`/v1/bodies/musterstadt/`) });
      expect(res.headers.etag).toBe('"1"');
      expect(res.headers.location).toBe(`http://api.test/v1/me/notes/${res.body.id}`);
    }
    const onPage = await post({ target: { type: 'file', id: file.id, page: 3 }, text: '**Seite 3**: Tabelle prüfen', tags: ['Haushalt', 'haushalt', 'Rückfrage'] }).expect(201);
    expect(onPage.body).toMatchObject({ version: 1, text: '**Seite 3**: Tabelle prüfen', tags: ['Haushalt', 'Rückfrage'], target: { type: 'file', id: file.id, page: 3, available: true } });
    const one = await t.http().get(`/v1/me/notes/${onPage.body.id}`).set(auth(a)).expect(200);
    expect(one.body).toEqual(onPage.body);
    expect(one.headers['cache-control']).toBe('no-store');
  });

  it('refuse bad input with a 400 naming the field, and change nothing', async () => {
    const before = await t.ds.query(`SELECT count(*)::int AS n FROM me_note`);
    const cases: [Record<string, unknown>, string][] = [
      [{ target: { type: 'document', id: doc.id }, text: '' }, 'text'],
      [{ target: { type: 'document', id: doc.id }, text: 'x'.repeat(20_001) }, 'text'],
      [{ target: { type: 'person', id: doc.id }, text: 'x' }, 'target.type'],
      [{ target: { type: 'document', id: 'nope' }, text: 'x' }, 'target.id'],
      [{ target: { type: 'document', id: doc.id, page: 2 }, text: 'x' }, 'target.page'],
      [{ target: { type: 'document', id: doc.id }, text: 'x', tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, 'tags'],
      [{ target: { type: 'document', id: doc.id }, text: 'x', tags: ['x'.repeat(51)] }, 'tags'],
      [{ target: { type: 'document', id: doc.id }, text: 'x', owner: 'someone' }, 'owner'],
      [{ target: { type: 'document', id: randomUUID() }, text: 'x' }, 'target.id'],
      [{ target: { type: 'document' }, text: 'x' }, 'target.id'],
    ];
    for (const [body, field] of cases) {
      const res = await post(body).expect(400);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect({ field, fields: res.body.errors.map((e: { field: string }) => e.field) }).toEqual({ field, fields: expect.arrayContaining([field]) });
    }
    await t.http().get('/v1/me/notes?target_id=' + doc.id).set(auth(a)).expect(400);
    await t.http().get('/v1/me/notes?sort=oldest').set(auth(a)).expect(400);
    await t.http().get('/v1/me/notes?q=!').set(auth(a)).expect(400);
    await t.http().get('/v1/me/notes?body=atlantis').set(auth(a)).expect(400);
    expect(await t.ds.query(`SELECT count(*)::int AS n FROM me_note`)).toEqual(before);
  });

  it('cannot be written on what the account may not see', async () => {
    const secret = await createDocument(t.ds, { bodyId: t.body.id, public: false });
    const draft = await createDocument(t.ds, { bodyId: t.body.id, publishedAt: null });
    for (const id of [secret.id, draft.id]) {
      const res = await post({ target: { type: 'document', id }, text: 'x' }).expect(400);
      expect(res.body.errors).toEqual([{ field: 'target.id', code: 'unknown_reference', message: expect.stringContaining('Vorlage') }]);
    }
  });

  it('are listed by object, by body and by tag, newest first, keyset-paged', async () => {
    const b = await createAccount(t);
    const other = await createDocument(t.ds, { bodyId: t.other.id, name: 'Kita-Ausbau' });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await post({ target: { type: 'document', id: doc.id }, text: `Punkt ${i}`, tags: i % 2 ? ['Fraktion'] : [] }, b).expect(201)).body.id);
    await post({ target: { type: 'document', id: other.id }, text: 'Andersdorf' }, b).expect(201);
    const first = await t.http().get(`/v1/me/notes?target_type=document&target_id=${doc.id}&limit=3`).set(auth(b)).expect(200);
    expect(first.body.data.map((n: { id: string }) => n.id)).toEqual(ids.slice(2).reverse());
    const rest = await t.http().get(first.body.links.next.replace('http://api.test', '')).set(auth(b)).expect(200);
    expect(rest.body.data.map((n: { id: string }) => n.id)).toEqual(ids.slice(0, 2).reverse());
    expect(rest.body.links.next).toBeUndefined();
    const byBody = await t.http().get('/v1/me/notes?body=andersdorf').set(auth(b)).expect(200);
    expect(byBody.body.data.map((n: { text: string }) => n.text)).toEqual(['Andersdorf']);
    const byTag = await t.http().get('/v1/me/notes?tag=fraktion').set(auth(b)).expect(200);
    expect(byTag.body.data.map((n: { text: string }) => n.text)).toEqual(['Punkt 3', 'Punkt 1']);
    const byType = await t.http().get('/v1/me/notes?target_type=committee').set(auth(b)).expect(200);
    expect(byType.body.data).toEqual([]);
  });

  it('are found by words of their text and tags, with umlauts, ß and word beginnings', async () => {
    const c = await createAccount(t);
    await post({ target: { type: 'document', id: doc.id }, text: 'Die Gebühren der Straßenreinigung steigen um 4 %.', tags: ['Haushalt'] }, c).expect(201);
    await post({ target: { type: 'document', id: doc.id }, text: 'Kita-Ausbau: Träger fragen.' }, c).expect(201);
    const find = async (q: string): Promise<string[]> =>
      (await t.http().get(`/v1/me/notes?q=${encodeURIComponent(q)}`).set(auth(c)).expect(200)).body.data.map((n: { text: string }) => n.text.slice(0, 12));
    expect(await find('gebuehren')).toEqual(['Die Gebühren']);
    expect(await find('Strasse steig')).toEqual(['Die Gebühren']);
    expect(await find('haushalt')).toEqual(['Die Gebühren']);
    expect(await find('Traeger')).toEqual(['Kita-Ausbau:']);
    expect(await find('Gebühren Kita')).toEqual([]);
    expect(await find('reinigung')).toEqual([]);
  });

  it('change only with If-Match: a stale version gets 412 with the current note', async () => {
    const created = (await post({ target: { type: 'document', id: doc.id }, text: 'Erste Fassung', tags: ['A'] }).expect(201)).body;
    const url = `/v1/me/notes/${created.id}`;
    const missing = await t.http().patch(url).set(auth(a)).send({ text: 'Ohne Vorbedingung' }).expect(428);
    expect(missing.headers['content-type']).toMatch(/problem\+json/);
    const v2 = await t.http().patch(url).set(auth(a)).set('If-Match', '"1"').send({ text: 'Zweite Fassung' }).expect(200);
    expect(v2.body).toMatchObject({ version: 2, text: 'Zweite Fassung', tags: ['A'] });
    expect(v2.headers.etag).toBe('"2"');
    const stale = await t.http().patch(url).set(auth(a)).set('If-Match', '"1"').send({ text: 'Verloren?' }).expect(412);
    expect(stale.body.current).toMatchObject({ version: 2, text: 'Zweite Fassung' });
    expect(stale.headers.etag).toBe('"2"');
    await t.http().patch(url).set(auth(a)).set('If-Match', 'W/"2"').send({ text: 'Schwach' }).expect(412);
    const v3 = await t.http().patch(url).set(auth(a)).set('If-Match', '"2"').send({ tags: ['B'], page: null }).expect(200);
    expect(v3.body).toMatchObject({ version: 3, text: 'Zweite Fassung', tags: ['B'] });
    await t.http().patch(url).set(auth(a)).set('If-Match', '"3"').send({ page: 2 }).expect(400);
    await t.http().patch(url).set(auth(a)).set('If-Match', '*').send({ text: 'Überschrieben' }).expect(200);
    // Nothing changed: no new version.
    const same = await t.http().patch(url).set(auth(a)).set('If-Match', '"4"').send({ text: 'Überschrieben' }).expect(200);
    expect(same.body.version).toBe(4);

    await t.http().delete(url).set(auth(a)).expect(428);
    await t.http().delete(url).set(auth(a)).set('If-Match', '"3"').expect(412);
    await t.http().delete(url).set(auth(a)).set('If-Match', '"4"').expect(204);
    await t.http().delete(url).set(auth(a)).set('If-Match', '"4"').expect(204);
    await t.http().get(url).set(auth(a)).expect(410);
    await t.http().patch(url).set(auth(a)).set('If-Match', '*').send({ text: 'zu spät' }).expect(410);
    await t.http().get(`/v1/me/notes/${randomUUID()}`).set(auth(a)).expect(404);
  });

  it('are created once: a client-chosen id or an Idempotency-Key makes a repeat answer the first', async () => {
    const id = randomUUID();
    const body = { id, target: { type: 'document', id: doc.id }, text: 'Offline geschrieben', tags: ['Zug'] };
    const first = await post(body).expect(201);
    const again = await post(body).expect(200);
    expect(again.body).toEqual(first.body);
    const conflict = await post({ ...body, text: 'Anders' }).expect(409);
    expect(conflict.body.current).toEqual(first.body);

    const key = `create-${randomUUID()}`;
    const made = await t.http().post('/v1/me/notes').set(auth(a)).set('Idempotency-Key', key).send({ target: { type: 'document', id: doc.id }, text: 'Einmal' }).expect(201);
    const replay = await t.http().post('/v1/me/notes').set(auth(a)).set('Idempotency-Key', key).send({ target: { type: 'document', id: doc.id }, text: 'Einmal' }).expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body.id).toBe(made.body.id);
    await t.http().post('/v1/me/notes').set(auth(a)).set('Idempotency-Key', key).send({ target: { type: 'document', id: doc.id }, text: 'Zweimal' }).expect(422);
    await t.http().post('/v1/me/notes').set(auth(a)).set('Idempotency-Key', 'ä'.repeat(3)).send({ target: { type: 'document', id: doc.id }, text: 'x' }).expect(400);
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM me_note WHERE account_id = $1 AND id IN ($2, $3)`, [a.id, id, made.body.id]);
    expect(n).toBe(2);

    await t.http().delete(`/v1/me/notes/${id}`).set(auth(a)).set('If-Match', '*').expect(204);
    await post(body).expect(410);
  });

  it('on an object that is withdrawn or deleted stay their owner’s, showing nothing of it but its id', async () => {
    const d = await createDocument(t.ds, { bodyId: t.body.id, name: 'Bald nichtöffentlich' });
    const note = (await post({ target: { type: 'document', id: d.id }, text: 'Meine Notiz' }).expect(201)).body;
    await t.http().patch(`/v1/bodies/musterstadt/documents/${d.id}`).set(...bearer(t.keys.editor)).send({ public: false }).expect(200);
    const hidden = await t.http().get(`/v1/me/notes/${note.id}`).set(auth(a)).expect(200);
    expect(hidden.body.target).toEqual({ type: 'document', id: d.id, available: false });
    expect(hidden.body.text).toBe('Meine Notiz');
    expect(hidden.text).not.toContain('Bald nichtöffentlich');
    await t.http().delete(`/v1/bodies/musterstadt/documents/${d.id}`).set(...bearer(t.keys.editor)).expect(204);
    const listed = await t.http().get(`/v1/me/notes?target_type=document&target_id=${d.id}`).set(auth(a)).expect(200);
    expect(listed.body.data).toEqual([expect.objectContaining({ id: note.id, target: { type: 'document', id: d.id, available: false } })]);
  });

  it('are W3C annotations with format=jsonld', async () => {
    const note = (await post({ target: { type: 'file', id: file.id, page: 2 }, text: 'Siehe Tabelle', tags: ['Zahlen'] }).expect(201)).body;
    const res = await t.http().get(`/v1/me/notes/${note.id}?format=jsonld`).set(auth(a)).expect(200);
    expect(res.headers['content-type']).toBe('application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"; charset=utf-8');
    expect(JSON.parse(res.text)).toEqual({
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      id: `http://api.test/v1/me/notes/${note.id}`,
      type: 'Annotation',
      created: note.createdAt,
      modified: note.modifiedAt,
      motivation: 'commenting',
      body: [
        { type: 'TextualBody', value: 'Siehe Tabelle', format: 'text/markdown', purpose: 'commenting' },
        { type: 'TextualBody', value: 'Zahlen', purpose: 'tagging' },
      ],
      target: {
        source: `http://api.test/v1/bodies/musterstadt/files/${file.id}/content`,
        selector: { type: 'FragmentSelector', conformsTo: 'http://tools.ietf.org/rfc/rfc3778', value: 'page=2' },
      },
    });
    const page = JSON.parse((await t.http().get('/v1/me/notes?format=jsonld&tag=zahlen').set(auth(a)).expect(200)).text);
    expect(page).toMatchObject({ type: 'AnnotationPage', items: [{ id: `http://api.test/v1/me/notes/${note.id}` }] });
    expect(page.items[0]['@context']).toBeUndefined();
  });
});

describe('notes: quotas and rate limits', () => {
  it('refuse a create over ME_MAX_NOTES with 403 naming the quota, and writes over ME_WRITES_PER_MINUTE with 429', async () => {
    const t = await startTestApp({ ME_MAX_NOTES: '2', ME_WRITES_PER_MINUTE: '5' });
    try {
      const body = await createBody(t.ds, { slug: 'musterstadt' });
      const doc = await createDocument(t.ds, { bodyId: body.id });
      const a = await createAccount(t);
      const note = (text: string) => t.http().post('/v1/me/notes').set(auth(a)).send({ target: { type: 'document', id: doc.id }, text });
      const first = (await note('eins').expect(201)).body;
      await note('zwei').expect(201);
      const refused = await note('drei').expect(403);
      expect(refused.body.quota).toEqual({ kind: 'notes', limit: 2 });
      await t.http().delete(`/v1/me/notes/${first.id}`).set(auth(a)).set('If-Match', '"1"').expect(204);
      await note('drei').expect(201);
      const limited = await note('vier').expect(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      // Another account has its own budget.
      await t.http().post('/v1/me/notes').set(auth(await createAccount(t))).send({ target: { type: 'document', id: doc.id }, text: 'eigenes' }).expect(201);
    } finally {
      await t.close();
    }
  });
});
