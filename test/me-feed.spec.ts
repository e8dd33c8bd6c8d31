import { FeedRepository } from '../src/modules/me/feed.repository';
import { bearer, startWithBody } from './support/app';
import { auth, createAccount, TestAccount } from './support/accounts';
import { createCommittee, createDocument, createSession } from './support/factories';

type Ctx = Awaited<ReturnType<typeof startWithBody>>;

interface Item {
  position: string;
  action: string;
  resource: string;
  resourceId: string;
  title?: string;
  url?: string;
  because: { follow: string; kind: string; id?: string; keyword?: string }[];
}

describe('the feed of what I follow', () => {
  let t: Ctx;
  let committeeId: string;
  let otherCommitteeId: string;

  beforeAll(async () => {
    t = await startWithBody();
    committeeId = (await createCommittee(t.ds, { bodyId: t.body.id, name: 'Bauausschuss' })).id;
    otherCommitteeId = (await createCommittee(t.ds, { bodyId: t.body.id, name: 'Kulturausschuss' })).id;
  });
  afterAll(async () => t.close());

  const editor = () => bearer(t.keys.editor);
  const feed = async (account: TestAccount, cursor?: string): Promise<{ data: Item[]; links: { next: string }; readMarker: string }> =>
    (await t.http().get(cursor ? cursor.replace('http://api.test', '') : '/v1/me/feed').set(auth(account)).expect(200)).body;
  const follow = async (account: TestAccount, body: object): Promise<string> => (await t.http().post('/v1/me/follows').set(auth(account)).send(body).expect(201)).body.id;

  it('shows changes of a followed committee: its sessions, their agenda items, its documents', async () => {
    const a = await createAccount(t);
    const followId = await follow(a, { target: { type: 'committee', id: committeeId } });
    const session = await t.http().post('/v1/bodies/musterstadt/sessions').set(...editor()).send({ name: 'Sitzung des Bauausschusses', start: '2031-05-12T17:00:00+02:00', committeeIds: [committeeId], publish: true }).expect(201);
    await t.http().post('/v1/bodies/musterstadt/sessions').set(...editor()).send({ name: 'Sitzung des Kulturausschusses', start: '2031-05-13T17:00:00+02:00', committeeIds: [otherCommitteeId], publish: true }).expect(201);
    const item = await t.http().post('/v1/bodies/musterstadt/agenda-items').set(...editor()).send({ sessionId: session.body.id, name: 'Bebauungsplan Nr. 12', number: 'Ö 1', publish: true }).expect(201);
    const hidden = await t.http().post('/v1/bodies/musterstadt/agenda-items').set(...editor()).send({ sessionId: session.body.id, name: 'Grundstücksverkauf', number: 'N 1', public: false, publish: true }).expect(201);
    const page = await feed(a);
    expect(page.data.map((i) => [i.resource, i.resourceId, i.action])).toEqual([
      ['session', session.body.id, 'created'],
      ['agenda-item', item.body.id, 'created'],
    ]);
    expect(page.data[0]).toMatchObject({ title: 'Sitzung des Bauausschusses', url: `http://api.test/v1/bodies/musterstadt/sessions/${session.body.id}` });
    expect(page.data[1].because).toEqual([{ follow: followId, kind: 'committee', id: committeeId }]);
    expect(JSON.stringify(page)).not.toContain(hidden.body.id);

    // A council member's account sees the non-public item as well.
    const member = await createAccount(t);
    await follow(member, { target: { type: 'committee', id: committeeId } });
    await t.ds.query(`UPDATE app_account SET feed_position = 0 WHERE id = $1`, [member.id]);
    await t.http().put(`/v1/bodies/musterstadt/member-accounts/${member.id}`).set(...bearer(t.keys.admin)).expect(200);
    expect((await feed(member)).data.map((i) => i.resourceId)).toContain(hidden.body.id);
  });

  it('shows changes of a followed document and session, and of titles holding a followed keyword', async () => {
    const a = await createAccount(t);
    const doc = await createDocument(t.ds, { bodyId: t.body.id, name: 'Radwegekonzept' });
    const session = await createSession(t.ds, { bodyId: t.body.id, name: 'Ratssitzung' });
    await follow(a, { target: { type: 'document', id: doc.id } });
    await follow(a, { target: { type: 'session', id: session.id } });
    const keyword = await follow(a, { keyword: 'radweg', body: 'musterstadt' });
    await t.http().patch(`/v1/bodies/musterstadt/documents/${doc.id}`).set(...editor()).send({ name: 'Radwegekonzept 2031' }).expect(200);
    const item = await t.http().post('/v1/bodies/musterstadt/agenda-items').set(...editor()).send({ sessionId: session.id, name: 'Haushalt', publish: true }).expect(201);
    const match = await t.http().post('/v1/bodies/musterstadt/documents').set(...editor()).send({ name: 'Neuer Rädweg am Ring', publish: true }).expect(201);
    await t.http().post('/v1/bodies/musterstadt/documents').set(...editor()).send({ name: 'Spielplatz Nord', publish: true }).expect(201);
    await t.http().post('/v1/bodies/andersdorf/documents').set(...bearer(t.keys.otherEditor)).send({ name: 'Radweg in Andersdorf', publish: true }).expect(201);
    const page = await feed(a);
    // The keyword is followed in Musterstadt: the Andersdorf document does not count.
    expect(page.data.map((i) => i.resourceId)).toEqual([doc.id, item.body.id, match.body.id]);
    const byResource = new Map(page.data.map((i) => [i.resourceId, i]));
    expect(byResource.get(doc.id)!.because.map((b) => b.kind).sort()).toEqual(['document', 'keyword']);
    expect(byResource.get(item.body.id)!.because).toEqual([expect.objectContaining({ kind: 'session', id: session.id })]);
    expect(byResource.get(match.body.id)!.because).toEqual([{ follow: keyword, kind: 'keyword', keyword: 'radweg' }]);
  });

  it('starts after the read marker, which devices move forward together', async () => {
    const a = await createAccount(t);
    await follow(a, { target: { type: 'committee', id: otherCommitteeId } });
    const rename = (name: string) => t.http().patch(`/v1/bodies/musterstadt/committees/${otherCommitteeId}`).set(...editor()).send({ name }).expect(200);
    await rename('Kulturausschuss I');
    await rename('Kulturausschuss II');
    const first = await feed(a);
    expect(first.data).toHaveLength(2);
    expect((await feed(a, first.links.next)).data).toEqual([]);
    await t.http().put('/v1/me/feed/read-marker').set(auth(a)).send({ position: first.data[0].position }).expect(200);
    expect((await feed(a)).data.map((i) => i.position)).toEqual([first.data[1].position]);
    const marked = await t.http().put('/v1/me/feed/read-marker').set(auth(a)).send({ position: first.data[1].position }).expect(200);
    expect(marked.body.readMarker).toBe(first.data[1].position);
    // Never backwards.
    expect((await t.http().put('/v1/me/feed/read-marker').set(auth(a)).send({ position: '1' }).expect(200)).body.readMarker).toBe(first.data[1].position);
    expect((await feed(a)).data).toEqual([]);
    await t.http().put('/v1/me/feed/read-marker').set(auth(a)).send({ position: 'latest' }).expect(400);
    // What changed before the account existed is not news to it.
    expect((await feed(await createAccount(t))).data).toEqual([]);
  });

  it('shows a followed object that became non-public as deleted, with nothing of it', async () => {
    const a = await createAccount(t);
    const doc = await createDocument(t.ds, { bodyId: t.body.id, name: 'Vertrauliches Gutachten' });
    await follow(a, { target: { type: 'document', id: doc.id } });
    await t.http().patch(`/v1/bodies/musterstadt/documents/${doc.id}`).set(...editor()).send({ public: false }).expect(200);
    await t.http().patch(`/v1/bodies/musterstadt/documents/${doc.id}`).set(...editor()).send({ name: 'Geheimer Titel' }).expect(200);
    const page = await feed(a);
    expect(page.data.map((i) => [i.resourceId, i.action])).toEqual([[doc.id, 'deleted']]);
    expect(page.data[0].title).toBeUndefined();
    expect(JSON.stringify(page)).not.toContain('Geheimer');
  });

  it('reads a bounded number of events per request and continues where it stopped', async () => {
    const a = await createAccount(t);
    const doc = await createDocument(t.ds, { bodyId: t.body.id });
    await follow(a, { target: { type: 'document', id: doc.id } });
    for (let i = 0; i < 4; i++) await t.http().post('/v1/bodies/musterstadt/documents').set(...editor()).send({ name: `Unbeteiligt ${i}`, publish: true }).expect(201);
    await t.http().patch(`/v1/bodies/musterstadt/documents/${doc.id}`).set(...editor()).send({ name: 'Gefolgt' }).expect(200);
    const repo = t.app.get(FeedRepository, { strict: false });
    const sets = { bodyIds: [t.body.id], committees: [], documents: [doc.id], sessions: [], keywords: [] };
    const [{ marker }] = await t.ds.query(`SELECT feed_position::text AS marker FROM app_account WHERE id = $1`, [a.id]);
    const window = await repo.scan(sets, [], 'http://api.test', marker, 2, 50);
    expect(window.rows).toEqual([]);
    expect(window.exhausted).toBe(false);
    let after = window.scannedTo!;
    let found: string[] = [];
    for (let i = 0; i < 5 && !found.length; i++) {
      const next = await repo.scan(sets, [], 'http://api.test', after, 2, 50);
      found = next.rows.map((r) => r.resourceId);
      after = next.scannedTo ?? after;
    }
    expect(found).toEqual([doc.id]);
  });
});
