import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import Redis from 'ioredis';
import { logRequest } from '../src/app';
import { bearer, startWithBody } from './support/app';
import { auth, createAccount, pairDevice } from './support/accounts';
import { createDocument, createFile } from './support/factories';

const run = promisify(execFile);

type Ctx = Awaited<ReturnType<typeof startWithBody>>;

/** Words nobody else writes, planted in every text field an account has. */
const PHRASE = 'Quittenmarmelade Zauberwort Brückenhäuschen';
const WORDS = ['quittenmarmelade', 'zauberwort', 'brückenhäuschen', 'brueckenhaeuschen', 'bruckenhauschen'];
const QUOTE = 'Sanierung der Lindenbrücke im Frühjahr';

async function dump(t: Ctx, ...args: string[]): Promise<string> {
  const url = new URL(t.config.databaseUrl);
  const { stdout } = await run('pg_dump', ['-h', url.hostname, '-p', url.port || '5432', '-U', url.username || 'postgres', '--no-owner', ...args, url.pathname.slice(1)], {
    maxBuffer: 512 * 1024 * 1024,
  });
  return stdout.toLowerCase();
}

describe('private by design', () => {
  let t: Ctx;
  let doc: { id: string };
  let fileId: string;

  beforeAll(async () => {
    t = await startWithBody();
    doc = await createDocument(t.ds, { bodyId: t.body.id, name: 'Lindenbrücke' });
    fileId = (await createFile(t.ds, { bodyId: t.body.id, documentId: doc.id, text: `Die Stadt plant die ${QUOTE} 2027.` })).id;
  });
  afterAll(async () => t.close());

  async function plant(): Promise<{ id: string; token: string; tokenId: string }> {
    const a = await createAccount(t, `Tablet ${PHRASE}`);
    await pairDevice(t, a, `Telefon ${PHRASE}`);
    await t.http().post('/v1/me/notes').set(auth(a)).send({ target: { type: 'document', id: doc.id }, text: `Notiz: ${PHRASE}`, tags: ['Quittenmarmelade'] }).expect(201);
    await t.http().post('/v1/me/markings').set(auth(a)).send({ fileId, quote: { exact: QUOTE, prefix: 'Die Stadt plant die ', suffix: ' 2027.' }, note: PHRASE, tags: ['Zauberwort'] }).expect(201);
    await t.http().post('/v1/me/follows').set(auth(a)).send({ keyword: 'Brückenhäuschen', body: 'musterstadt' }).expect(201);
    await t.http().post('/v1/me/bookmarks').set(auth(a)).send({ target: { type: 'file', id: fileId } }).expect(201);
    await t.http().post('/v1/me/notes').set(auth(a)).set('Idempotency-Key', 'quittenmarmelade-1').send({ target: { type: 'document', id: doc.id }, text: 'Zweite Notiz zauberwort' }).expect(201);
    return a;
  }

  it('keeps no note, marking, tag, keyword or device name in plain in the database (a dump holds none of the planted words)', async () => {
    await plant();
    const all = await dump(t);
    expect(all).toContain('lindenbrücke'); // the dump holds the council data
    for (const word of WORDS) expect({ word, found: all.includes(word) }).toEqual({ word, found: false });
    // The marked passage is the file's (public) text; the marking itself holds it only encrypted.
    const personal = await dump(t, '--data-only', '-t', 'me_*', '-t', 'app_*');
    expect(personal).not.toContain(QUOTE.toLowerCase());
    expect(personal).not.toContain('lindenbrücke');
  });

  it('keeps personal texts out of the search index, the change feed and every staff key’s view', async () => {
    const before = await t.ds.query(`SELECT count(*)::int AS n FROM change_event`);
    const a = await plant();
    expect(await t.ds.query(`SELECT count(*)::int AS n FROM change_event`)).toEqual(before);
    for (const key of [t.keys.admin, t.keys.editor, t.keys.member]) {
      const found = await t.http().get('/v1/bodies/musterstadt/search?q=Quittenmarmelade').set(...bearer(key)).expect(200);
      expect(found.body.total).toBe(0);
      const changes = await t.http().get('/v1/bodies/musterstadt/changes?limit=200').set(...bearer(key)).expect(200);
      expect(changes.text).not.toContain(a.id);
    }
    const grants = await t.http().get('/v1/bodies/musterstadt/member-accounts').set(...bearer(t.keys.admin)).expect(200);
    expect(grants.text.toLowerCase()).not.toContain('quitten');
    const redis = new Redis(t.config.redisUrl);
    try {
      const keys = await redis.keys(`${t.config.redisPrefix}:*`);
      const values = await Promise.all(keys.map(async (k) => ((await redis.type(k)) === 'string' ? ((await redis.get(k)) ?? '') : '')));
      expect(`${keys.join(' ')} ${values.join(' ')}`.toLowerCase()).not.toMatch(/quitten|zauberwort/);
    } finally {
      redis.disconnect();
    }
  });

  it('leaves the query of personal routes (search words, tags) out of request logs', () => {
    expect(logRequest({ method: 'GET', url: '/v1/me/notes?q=Quittenmarmelade&tag=geheim' }).url).toBe('/v1/me/notes?…');
    expect(logRequest({ method: 'GET', url: '/v1/bodies/musterstadt/search?q=Haushalt' }).url).toBe('/v1/bodies/musterstadt/search?q=Haushalt');
  });

  it('exports everything in one call, as JSON and as JSON-LD', async () => {
    const a = await plant();
    const json = await t.http().get('/v1/me/export').set(auth(a)).expect(200);
    expect(json.headers['content-disposition']).toContain('attachment');
    expect(json.headers['cache-control']).toBe('no-store');
    const body = JSON.parse(json.text);
    expect(body.account).toMatchObject({ id: a.id, usage: { notes: 2, markings: 1, bookmarks: 1, follows: 1, devices: 2 } });
    expect(body.devices.map((d: { deviceName: string }) => d.deviceName)).toEqual([`Tablet ${PHRASE}`, `Telefon ${PHRASE}`]);
    expect(body.notes.map((n: { text: string }) => n.text).sort()).toEqual([`Notiz: ${PHRASE}`, 'Zweite Notiz zauberwort']);
    expect(body.markings[0]).toMatchObject({ quote: { exact: QUOTE }, note: PHRASE, tags: ['Zauberwort'], anchor: { status: 'anchored' } });
    expect(body.bookmarks[0].target).toMatchObject({ type: 'file', id: fileId });
    expect(body.follows[0]).toMatchObject({ kind: 'keyword', keyword: 'Brückenhäuschen', body: 'musterstadt' });

    const ld = await t.http().get('/v1/me/export?format=jsonld').set(auth(a)).expect(200);
    expect(ld.headers['content-type']).toMatch(/^application\/ld\+json/);
    const collection = JSON.parse(ld.text);
    expect(collection).toMatchObject({ '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'AnnotationCollection', total: 5, first: { type: 'AnnotationPage' } });
    expect(collection.first.items.map((i: { motivation: string }) => i.motivation).sort()).toEqual(['bookmarking', 'bookmarking', 'commenting', 'commenting', 'highlighting']);
    await t.http().get('/v1/me/export?format=pdf').set(auth(a)).expect(400);
  });

  it('deletes everything in one call: rows, search tokens, keys, counters', async () => {
    const a = await plant();
    const redis = new Redis(t.config.redisUrl);
    try {
      expect(await redis.keys(`${t.config.redisPrefix}:*${a.id}*`)).not.toEqual([]);
      await t.http().delete('/v1/me/account').set(auth(a)).expect(204);
      expect(await redis.keys(`${t.config.redisPrefix}:*${a.id}*`)).toEqual([]);
    } finally {
      redis.disconnect();
    }
    const tables: { table_name: string }[] = await t.ds.query(
      `SELECT DISTINCT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'account_id'`,
    );
    expect(tables.map((r) => r.table_name).sort()).toEqual(
      ['app_account_token', 'app_member_grant', 'app_pairing_code', 'me_bookmark', 'me_follow', 'me_idempotency_key', 'me_marking', 'me_note'].sort(),
    );
    for (const { table_name } of tables) {
      const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM ${table_name} WHERE account_id = $1`, [a.id]);
      expect({ table_name, n }).toEqual({ table_name, n: 0 });
    }
    expect(await dump(t, '--data-only')).not.toContain(a.id);
  });
});
