import { randomUUID } from 'node:crypto';
import { AccountKeyRing } from '../src/modules/accounts/accounts.crypto';
import { AccountHousekeeping } from '../src/modules/me/housekeeping';
import { startWithBody } from './support/app';
import { auth, createAccount, pairDevice, TestAccount } from './support/accounts';
import { createCommittee, createDocument } from './support/factories';

type Ctx = Awaited<ReturnType<typeof startWithBody>>;

interface Change {
  position: string;
  kind: string;
  id: string;
  version: number;
  deleted: boolean;
  item?: Record<string, unknown> & { version: number };
}

/** What an offline-first app keeps: its items by kind and id, and where it last synced. */
class Replica {
  items = new Map<string, Record<string, unknown>>();
  cursor: string | null = null;

  constructor(
    private readonly t: Ctx,
    readonly device: TestAccount,
  ) {}

  async sync(): Promise<Change[]> {
    const seen: Change[] = [];
    for (;;) {
      const url = this.cursor ? this.cursor.replace('http://api.test', '') : '/v1/me/sync?limit=3';
      const res = await this.t.http().get(url).set(auth(this.device)).expect(200);
      for (const change of res.body.data as Change[]) {
        seen.push(change);
        if (change.deleted) this.items.delete(`${change.kind}:${change.id}`);
        else this.items.set(`${change.kind}:${change.id}`, change.item!);
      }
      this.cursor = res.body.links.next;
      if (!res.body.data.length) return seen;
    }
  }

  state(): Record<string, unknown> {
    return Object.fromEntries([...this.items.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
  }
}

describe('sync for offline-first apps', () => {
  let t: Ctx;
  let doc: { id: string };
  let committeeId: string;

  beforeAll(async () => {
    t = await startWithBody();
    doc = await createDocument(t.ds, { bodyId: t.body.id });
    committeeId = (await createCommittee(t.ds, { bodyId: t.body.id })).id;
  });
  afterAll(async () => t.close());

  it('answers everything first, then only what changed since, deletions as tombstones, in order', async () => {
    const a = await createAccount(t);
    const note = (await t.http().post('/v1/me/notes').set(auth(a)).send({ target: { type: 'document', id: doc.id }, text: 'eins' }).expect(201)).body;
    const gone = (await t.http().post('/v1/me/notes').set(auth(a)).send({ target: { type: 'document', id: doc.id }, text: 'zwei' }).expect(201)).body;
    await t.http().delete(`/v1/me/notes/${gone.id}`).set(auth(a)).set('If-Match', '"1"').expect(204);
    const first = await t.http().get('/v1/me/sync').set(auth(a)).expect(200);
    expect(first.headers['cache-control']).toBe('no-store');
    // A first sync knows nothing to delete: no tombstones.
    expect(first.body.data).toEqual([{ position: '1', kind: 'note', id: note.id, version: 1, deleted: false, item: note }]);
    const since = first.body.links.next.replace('http://api.test', '');
    expect((await t.http().get(since).set(auth(a)).expect(200)).body.data).toEqual([]);

    await t.http().patch(`/v1/me/notes/${note.id}`).set(auth(a)).set('If-Match', '"1"').send({ text: 'eins, geändert' }).expect(200);
    await t.http().delete(`/v1/me/notes/${note.id}`).set(auth(a)).set('If-Match', '"2"').expect(204);
    const later = await t.http().get(since).set(auth(a)).expect(200);
    expect(later.body.data).toEqual([{ position: '5', kind: 'note', id: note.id, version: 3, deleted: true }]);
    await t.http().get('/v1/me/sync?cursor=bm9wZQ').set(auth(a)).expect(400);
    await t.http().get('/v1/me/sync?limit=1001').set(auth(a)).expect(400);
  });

  it('lets two devices that edited offline converge without losing an edit', async () => {
    const tablet = new Replica(t, await createAccount(t, 'Tablet'));
    const phone = new Replica(t, await pairDevice(t, tablet.device, 'Telefon'));
    const shared = (await t.http().post('/v1/me/notes').set(auth(tablet.device)).send({ target: { type: 'document', id: doc.id }, text: 'Entwurf', tags: ['A'] }).expect(201)).body;
    const oldBookmark = (await t.http().post('/v1/me/bookmarks').set(auth(tablet.device)).send({ target: { type: 'committee', id: committeeId } }).expect(201)).body;
    await tablet.sync();
    await phone.sync();
    expect(phone.state()).toEqual(tablet.state());

    // Offline on both devices: the tablet rewrites the text and writes a new note (its own id);
    // the phone adds a tag, removes the bookmark, and both bookmark and follow the same document.
    const offlineNote = randomUUID();
    const tabletBookmark = randomUUID();
    const phoneBookmark = randomUUID();

    // Back online, the tablet first. Its create is retried after a lost answer: still one note.
    const on = (r: Replica) => t.http().post('/v1/me/notes').set(auth(r.device));
    await t.http().patch(`/v1/me/notes/${shared.id}`).set(auth(tablet.device)).set('If-Match', '"1"').send({ text: 'Entwurf, überarbeitet im Zug' }).expect(200);
    await on(tablet).send({ id: offlineNote, target: { type: 'document', id: doc.id }, text: 'Offline notiert' }).expect(201);
    await on(tablet).send({ id: offlineNote, target: { type: 'document', id: doc.id }, text: 'Offline notiert' }).expect(200);
    await t.http().post('/v1/me/bookmarks').set(auth(tablet.device)).send({ id: tabletBookmark, target: { type: 'document', id: doc.id } }).expect(201);
    await t.http().post('/v1/me/follows').set(auth(tablet.device)).send({ target: { type: 'document', id: doc.id } }).expect(201);

    // The phone's edit was made on version 1: 412 with the current note, merged, sent again.
    const stale = await t.http().patch(`/v1/me/notes/${shared.id}`).set(auth(phone.device)).set('If-Match', '"1"').send({ tags: ['A', 'B'] }).expect(412);
    const merged = { tags: [...new Set([...stale.body.current.tags, 'A', 'B'])] };
    await t.http().patch(`/v1/me/notes/${shared.id}`).set(auth(phone.device)).set('If-Match', `"${stale.body.current.version}"`).send(merged).expect(200);
    await t.http().delete(`/v1/me/bookmarks/${oldBookmark.id}`).set(auth(phone.device)).expect(204);
    // The same document bookmarked twice offline: the server keeps one, and says which.
    const dup = await t.http().post('/v1/me/bookmarks').set(auth(phone.device)).send({ id: phoneBookmark, target: { type: 'document', id: doc.id } }).expect(200);
    expect(dup.body.id).toBe(tabletBookmark);
    await t.http().post('/v1/me/follows').set(auth(phone.device)).send({ target: { type: 'document', id: doc.id } }).expect(200);

    await tablet.sync();
    await phone.sync();
    expect(phone.state()).toEqual(tablet.state());
    const note = tablet.items.get(`note:${shared.id}`) as { text: string; tags: string[]; version: number };
    expect(note).toMatchObject({ text: 'Entwurf, überarbeitet im Zug', tags: ['A', 'B'], version: 3 });
    expect(tablet.items.has(`note:${offlineNote}`)).toBe(true);
    expect(tablet.items.has(`bookmark:${oldBookmark.id}`)).toBe(false);
    expect([...tablet.items.keys()].filter((k) => k.startsWith('bookmark:'))).toEqual([`bookmark:${tabletBookmark}`]);
    expect([...tablet.items.keys()].filter((k) => k.startsWith('follow:'))).toHaveLength(1);
    // And both equal what the server holds.
    const exported = (await t.http().get('/v1/me/export').set(auth(tablet.device)).expect(200)).body;
    const server = Object.fromEntries(
      (['note', 'marking', 'bookmark', 'follow'] as const).flatMap((kind) => (exported[`${kind}s`] as { id: string }[]).map((item) => [`${kind}:${item.id}`, item])),
    );
    expect(tablet.state()).toEqual(Object.fromEntries(Object.entries(server).sort(([x], [y]) => (x < y ? -1 : 1))));
  });

  it('never skips a change while devices write concurrently', async () => {
    const tablet = new Replica(t, await createAccount(t));
    const phone = await pairDevice(t, tablet.device);
    const writes = Array.from({ length: 24 }, (_, i) =>
      t.http().post('/v1/me/notes').set(auth(i % 2 ? phone : tablet.device)).send({ target: { type: 'document', id: doc.id }, text: `Notiz ${i}` }).expect(201),
    );
    // Syncing while the writes land.
    const during = tablet.sync();
    await Promise.all(writes);
    await during;
    const seen = await tablet.sync();
    const all = [...tablet.items.keys()].filter((k) => k.startsWith('note:'));
    expect(all).toHaveLength(24);
    const positions = seen.map((c) => Number(c.position));
    expect(positions).toEqual([...positions].sort((x, y) => x - y));
  });

  it('asks for a full sync after deletions older than ME_TOMBSTONE_DAYS were purged', async () => {
    const a = await createAccount(t);
    const replica = new Replica(t, a);
    const note = (await t.http().post('/v1/me/notes').set(auth(a)).send({ target: { type: 'document', id: doc.id }, text: 'alt' }).expect(201)).body;
    await replica.sync();
    const stale = replica.cursor!.replace('http://api.test', '');
    await t.http().delete(`/v1/me/notes/${note.id}`).set(auth(a)).set('If-Match', '"1"').expect(204);
    await t.ds.query(`UPDATE me_note SET deleted_at = now() - interval '91 days' WHERE account_id = $1`, [a.id]);
    const purged = await new AccountHousekeeping(t.ds, new AccountKeyRing(t.config.accounts.keys), t.config.accounts).purgeTombstones();
    expect(purged).toBeGreaterThan(0);
    const res = await t.http().get(stale).set(auth(a)).expect(410);
    expect(res.body).toMatchObject({ code: 'gone', detail: expect.stringMatching(/ohne Cursor/) });
    expect((await t.http().get('/v1/me/sync').set(auth(a)).expect(200)).body.data).toEqual([]);
  });
});
