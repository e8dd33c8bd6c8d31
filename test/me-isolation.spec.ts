import { bearer, startWithBody } from './support/app';
import { auth, createAccount, TestAccount } from './support/accounts';
import { createCommittee, createDocument, createFile } from './support/factories';

type Ctx = Awaited<ReturnType<typeof startWithBody>>;

/**
 * Account A can never read, list, count, search or change account B's data, by any path:
 * one test per endpoint. B holds one of everything, with words and tags A might guess.
 */
describe('one account never reaches another account’s data', () => {
  let t: Ctx;
  let a: TestAccount;
  let b: TestAccount;
  let doc: { id: string };
  let fileId: string;
  let committeeId: string;
  const B: Record<'note' | 'marking' | 'bookmark' | 'follow' | 'keyword', string> = { note: '', marking: '', bookmark: '', follow: '', keyword: '' };

  beforeAll(async () => {
    t = await startWithBody();
    a = await createAccount(t, 'A');
    b = await createAccount(t, 'B');
    doc = await createDocument(t.ds, { bodyId: t.body.id, name: 'Windpark Nord' });
    fileId = (await createFile(t.ds, { bodyId: t.body.id, documentId: doc.id, text: 'Der Windpark Nord erhält fünf Anlagen.' })).id;
    committeeId = (await createCommittee(t.ds, { bodyId: t.body.id, name: 'Umweltausschuss' })).id;
    const as = (path: string, body: object) => t.http().post(path).set(auth(b)).send(body).expect(201);
    B.note = (await as('/v1/me/notes', { target: { type: 'document', id: doc.id }, text: 'Geheimnis von B: Windkraft', tags: ['Vertraulich'] })).body.id;
    B.marking = (await as('/v1/me/markings', { fileId, quote: { exact: 'Windpark Nord' }, note: 'B markiert', tags: ['Vertraulich'] })).body.id;
    B.bookmark = (await as('/v1/me/bookmarks', { target: { type: 'document', id: doc.id } })).body.id;
    B.follow = (await as('/v1/me/follows', { target: { type: 'committee', id: committeeId } })).body.id;
    B.keyword = (await as('/v1/me/follows', { keyword: 'Windpark', body: 'musterstadt' })).body.id;
  });
  afterAll(async () => t.close());

  const http = () => t.http();
  /** B's data, untouched: every item at version 1 and readable by B. */
  async function bUnchanged(): Promise<void> {
    for (const [path, id] of [
      ['notes', B.note],
      ['markings', B.marking],
      ['bookmarks', B.bookmark],
      ['follows', B.follow],
      ['follows', B.keyword],
    ]) {
      const res = await http().get(`/v1/me/${path}/${id}`).set(auth(b)).expect(200);
      expect(res.body.version).toBe(1);
    }
  }
  const ids = (res: { body: { data: { id: string }[] } }): string[] => res.body.data.map((d) => d.id);

  it('GET /v1/me/account counts only its own', async () => {
    const res = await http().get('/v1/me/account').set(auth(a)).expect(200);
    expect(res.body.id).toBe(a.id);
    expect(res.body.usage).toEqual({ notes: 0, markings: 0, bookmarks: 0, follows: 0, devices: 1 });
  });

  it('GET /v1/me/tokens lists only its own devices', async () => {
    const res = await http().get('/v1/me/tokens').set(auth(a)).expect(200);
    expect(ids(res)).toEqual([a.tokenId]);
    expect(res.text).not.toContain('"B"');
  });

  it('DELETE /v1/me/tokens/{id} cannot revoke another account’s token', async () => {
    await http().delete(`/v1/me/tokens/${b.tokenId}`).set(auth(a)).expect(404);
    await http().get('/v1/me/account').set(auth(b)).expect(200);
  });

  it('POST /v1/me/pairing-codes pairs a device with its own account only', async () => {
    const code = await http().post('/v1/me/pairing-codes').set(auth(a)).expect(201);
    const paired = await http().post('/v1/me/pair').send({ code: code.body.code }).expect(201);
    expect(paired.body.account.id).toBe(a.id);
    await http().get(`/v1/me/notes/${B.note}`).set(auth({ token: paired.body.token })).expect(404);
  });

  it('GET /v1/me/notes lists, filters and searches only its own', async () => {
    for (const query of ['', `?target_type=document&target_id=${doc.id}`, '?tag=vertraulich', '?q=Geheimnis', '?q=windkraft', '?body=musterstadt', '?format=jsonld']) {
      const res = await http().get(`/v1/me/notes${query}`).set(auth(a)).expect(200);
      const data = JSON.stringify(JSON.parse(res.text).data ?? JSON.parse(res.text).items);
      expect({ query, leak: data.includes(B.note) || data.includes('Geheimnis') }).toEqual({ query, leak: false });
    }
  });

  it('GET /v1/me/notes/{id} does not find another account’s note', async () => {
    const res = await http().get(`/v1/me/notes/${B.note}`).set(auth(a)).expect(404);
    expect(res.text).not.toContain('Geheimnis');
    await http().get(`/v1/me/notes/${B.note}?format=jsonld`).set(auth(a)).expect(404);
  });

  it('POST /v1/me/notes with another account’s id makes a note of its own', async () => {
    const res = await http().post('/v1/me/notes').set(auth(a)).send({ id: B.note, target: { type: 'document', id: doc.id }, text: 'Meins' }).expect(201);
    expect(res.body).toMatchObject({ id: B.note, text: 'Meins' });
    await bUnchanged();
    await http().delete(`/v1/me/notes/${B.note}`).set(auth(a)).set('If-Match', '*').expect(204);
    await bUnchanged();
  });

  it('PATCH /v1/me/notes/{id} cannot change another account’s note', async () => {
    const fresh = await http().post('/v1/me/notes').set(auth(b)).send({ target: { type: 'document', id: doc.id }, text: 'Nur B' }).expect(201);
    await http().patch(`/v1/me/notes/${fresh.body.id}`).set(auth(a)).set('If-Match', '*').send({ text: 'übernommen' }).expect(404);
    expect((await http().get(`/v1/me/notes/${fresh.body.id}`).set(auth(b)).expect(200)).body.text).toBe('Nur B');
  });

  it('DELETE /v1/me/notes/{id} cannot delete another account’s note', async () => {
    const fresh = await http().post('/v1/me/notes').set(auth(b)).send({ target: { type: 'document', id: doc.id }, text: 'Bleibt' }).expect(201);
    await http().delete(`/v1/me/notes/${fresh.body.id}`).set(auth(a)).set('If-Match', '*').expect(404);
    await http().get(`/v1/me/notes/${fresh.body.id}`).set(auth(b)).expect(200);
  });

  it('GET /v1/me/markings lists, filters and searches only its own', async () => {
    for (const query of ['', `?file_id=${fileId}`, '?tag=vertraulich', '?q=markiert', '?q=windpark', '?status=anchored', '?format=jsonld']) {
      const res = await http().get(`/v1/me/markings${query}`).set(auth(a)).expect(200);
      const data = JSON.stringify(JSON.parse(res.text).data ?? JSON.parse(res.text).items);
      expect({ query, leak: data.includes(B.marking) || data.includes('B markiert') }).toEqual({ query, leak: false });
    }
  });

  it('GET /v1/me/markings/{id} does not find another account’s marking', async () => {
    await http().get(`/v1/me/markings/${B.marking}`).set(auth(a)).expect(404);
  });

  it('POST /v1/me/markings with another account’s id makes a marking of its own', async () => {
    const res = await http().post('/v1/me/markings').set(auth(a)).send({ id: B.marking, fileId, quote: { exact: 'fünf Anlagen' } }).expect(201);
    expect(res.body.quote.exact).toBe('fünf Anlagen');
    await bUnchanged();
  });

  it('PATCH /v1/me/markings/{id} cannot change another account’s marking', async () => {
    const fresh = await http().post('/v1/me/markings').set(auth(b)).send({ fileId, quote: { exact: 'erhält' } }).expect(201);
    await http().patch(`/v1/me/markings/${fresh.body.id}`).set(auth(a)).set('If-Match', '*').send({ color: 'pink' }).expect(404);
    expect((await http().get(`/v1/me/markings/${fresh.body.id}`).set(auth(b)).expect(200)).body.color).toBe('yellow');
  });

  it('DELETE /v1/me/markings/{id} cannot delete another account’s marking', async () => {
    await http().delete(`/v1/me/markings/${B.marking}`).set(auth(a)).set('If-Match', '*').expect(204); // its own marking of that id
    await bUnchanged();
    const fresh = await http().post('/v1/me/markings').set(auth(b)).send({ fileId, quote: { exact: 'Anlagen' } }).expect(201);
    await http().delete(`/v1/me/markings/${fresh.body.id}`).set(auth(a)).set('If-Match', '*').expect(404);
  });

  it('GET /v1/me/bookmarks lists only its own, also when asked for the object', async () => {
    for (const query of ['', `?target_type=document&target_id=${doc.id}`, '?body=musterstadt']) {
      const res = await http().get(`/v1/me/bookmarks${query}`).set(auth(a)).expect(200);
      expect(ids(res)).not.toContain(B.bookmark);
    }
  });

  it('GET /v1/me/bookmarks/{id} does not find another account’s bookmark', async () => {
    await http().get(`/v1/me/bookmarks/${B.bookmark}`).set(auth(a)).expect(404);
  });

  it('POST /v1/me/bookmarks makes a bookmark of its own for an object the other bookmarked', async () => {
    const res = await http().post('/v1/me/bookmarks').set(auth(a)).send({ target: { type: 'document', id: doc.id } }).expect(201);
    expect(res.body.id).not.toBe(B.bookmark);
    await bUnchanged();
  });

  it('DELETE /v1/me/bookmarks/{id} cannot delete another account’s bookmark', async () => {
    await http().delete(`/v1/me/bookmarks/${B.bookmark}`).set(auth(a)).expect(404);
    await bUnchanged();
  });

  it('GET /v1/me/follows lists only its own', async () => {
    const res = await http().get('/v1/me/follows').set(auth(a)).expect(200);
    expect(ids(res)).not.toEqual(expect.arrayContaining([B.follow]));
    expect(res.text).not.toContain('Windpark');
  });

  it('GET /v1/me/follows/{id} does not find another account’s follow', async () => {
    await http().get(`/v1/me/follows/${B.follow}`).set(auth(a)).expect(404);
    await http().get(`/v1/me/follows/${B.keyword}`).set(auth(a)).expect(404);
  });

  it('POST /v1/me/follows makes a follow of its own for what the other follows', async () => {
    const res = await http().post('/v1/me/follows').set(auth(a)).send({ keyword: 'Windpark', body: 'musterstadt' }).expect(201);
    expect(res.body.id).not.toBe(B.keyword);
    await bUnchanged();
  });

  it('DELETE /v1/me/follows/{id} cannot delete another account’s follow', async () => {
    await http().delete(`/v1/me/follows/${B.follow}`).set(auth(a)).expect(404);
    await bUnchanged();
  });

  it('GET /v1/me/sync never shows another account’s changes', async () => {
    await http().post('/v1/me/notes').set(auth(b)).send({ target: { type: 'document', id: doc.id }, text: 'Später von B' }).expect(201);
    const res = await http().get('/v1/me/sync?limit=1000').set(auth(a)).expect(200);
    expect(res.text).not.toMatch(/Geheimnis|B markiert|Später von B/);
    // Exactly the live items of A: A's items that reuse B's ids are A's own.
    const own: { kind: string; id: string }[] = await t.ds.query(
      `SELECT 'note' AS kind, id FROM me_note WHERE account_id = $1 AND deleted_at IS NULL UNION ALL SELECT 'marking', id FROM me_marking WHERE account_id = $1 AND deleted_at IS NULL
       UNION ALL SELECT 'bookmark', id FROM me_bookmark WHERE account_id = $1 AND deleted_at IS NULL UNION ALL SELECT 'follow', id FROM me_follow WHERE account_id = $1 AND deleted_at IS NULL`,
      [a.id],
    );
    const pairs = (list: { kind: string; id: string }[]): string[] => list.map((c) => `${c.kind}:${c.id}`).sort();
    expect(pairs(res.body.data)).toEqual(pairs(own));
    // Later changes of B do not reach A's feed either.
    await http().post('/v1/me/bookmarks').set(auth(b)).send({ target: { type: 'committee', id: committeeId } }).expect(201);
    const later = await http().get(res.body.links.next.replace('http://api.test', '')).set(auth(a)).expect(200);
    expect(later.body.data).toEqual([]);
  });

  it('GET /v1/me/feed never answers for another account’s follows', async () => {
    await http().patch(`/v1/bodies/musterstadt/committees/${committeeId}`).set(...bearer(t.keys.editor)).send({ name: 'Ausschuss für Umwelt' }).expect(200);
    const mine = await http().get('/v1/me/feed').set(auth(a)).expect(200);
    expect(mine.body.data.filter((i: { resource: string }) => i.resource === 'committee')).toEqual([]);
    const theirs = await http().get('/v1/me/feed').set(auth(b)).expect(200);
    expect(theirs.body.data.map((i: { resourceId: string }) => i.resourceId)).toContain(committeeId);
  });

  it('PUT /v1/me/feed/read-marker moves its own marker only', async () => {
    const before = (await http().get('/v1/me/feed').set(auth(b)).expect(200)).body.readMarker;
    await http().put('/v1/me/feed/read-marker').set(auth(a)).send({ position: '999999' }).expect(200);
    expect((await http().get('/v1/me/feed').set(auth(b)).expect(200)).body.readMarker).toBe(before);
  });

  it('GET /v1/me/export holds nothing of another account', async () => {
    for (const format of ['json', 'jsonld']) {
      const res = await http().get(`/v1/me/export?format=${format}`).set(auth(a)).expect(200);
      const text = res.text;
      for (const id of [B.bookmark, B.follow, B.keyword]) expect({ format, id, leak: text.includes(id) }).toEqual({ format, id, leak: false });
      expect(text).not.toMatch(/Geheimnis|B markiert|Vertraulich/);
    }
  });

  it('DELETE /v1/me/account deletes its own account only', async () => {
    const c = await createAccount(t);
    await http().delete('/v1/me/account').set(auth(c)).expect(204);
    await bUnchanged();
    await http().get('/v1/me/account').set(auth(b)).expect(200);
  });
});
