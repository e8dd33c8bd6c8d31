import { createHash, randomUUID } from 'node:crypto';
import { AccountKeyRing } from '../src/modules/accounts/accounts.crypto';
import { reanchorFile } from '../src/modules/me/anchoring.job';
import { AccountHousekeeping } from '../src/modules/me/housekeeping';
import { createProcessors } from '../src/worker/processors';
import { startWorker } from '../src/worker/worker';
import { bearer, startWithBody } from './support/app';
import { auth, createAccount, TestAccount } from './support/accounts';
import { createDocument, createFile } from './support/factories';
import { eventually } from './support/search-worker';

type Ctx = Awaited<ReturnType<typeof startWithBody>>;

const TEXT = [
  'Stadt Musterstadt – Beschlussvorlage 0123/2026',
  'Der Rat der Stadt Musterstadt beschließt das Radwegekonzept für die Innenstadt.\nDie Kosten von 1,2 Mio. Euro trägt die Stadt.',
  'Anlage: Querungshilfen an allen Knotenpunkten bis Ende 2027.',
].join('\f');

const sha = (s: string): string => createHash('sha512').update(s).digest('hex');

/** What text extraction does when new bytes of a file have been read: the new text, for these bytes. */
async function extracted(t: Ctx, fileId: string, text: string): Promise<void> {
  await t.ds.query(`UPDATE file SET text = $2, text_status = 'done', text_source_sha512 = sha512, text_extracted_at = now() WHERE id = $1`, [fileId, text]);
}

describe('markings', () => {
  let t: Ctx;
  let a: TestAccount;
  let fileId: string;

  beforeAll(async () => {
    t = await startWithBody();
    a = await createAccount(t);
    const doc = await createDocument(t.ds, { bodyId: t.body.id });
    fileId = (await createFile(t.ds, { bodyId: t.body.id, documentId: doc.id, name: 'Beschlussvorlage', text: TEXT, sha512: sha('v1'), storageKey: 'k1' })).id;
    await t.ds.query(`UPDATE file SET text_source_sha512 = sha512, text_status = 'done', text_extracted_at = now() WHERE id = $1`, [fileId]);
  });
  afterAll(async () => t.close());

  const mark = (body: Record<string, unknown>, account: TestAccount = a) => t.http().post('/v1/me/markings').set(auth(account)).send({ fileId, ...body });
  const quoteAt = (exact: string, before = 20, after = 20) => {
    const start = TEXT.indexOf(exact);
    return { quote: { exact, prefix: TEXT.slice(start - before, start), suffix: TEXT.slice(start + exact.length, start + exact.length + after) }, position: { start, end: start + exact.length } };
  };

  it('are anchored in the file’s text when made: exact, fuzzy, orphaned, or pending without text', async () => {
    const exact = await mark({ ...quoteAt('Radwegekonzept für die Innenstadt'), color: 'green', note: 'Kern', tags: ['Verkehr'] }).expect(201);
    expect(exact.body).toMatchObject({
      version: 1,
      file: { type: 'file', id: fileId, available: true, body: 'musterstadt', title: 'Beschlussvorlage' },
      quote: { exact: 'Radwegekonzept für die Innenstadt' },
      anchor: { status: 'anchored', start: TEXT.indexOf('Radwegekonzept'), end: TEXT.indexOf('Radwegekonzept') + 33, page: 2 },
      color: 'green',
      note: 'Kern',
      tags: ['Verkehr'],
    });
    const fuzzy = await mark({ quote: { exact: 'Querungshilfen an allen Knotenpunktn bis Ende 2027' } }).expect(201);
    expect(fuzzy.body.anchor).toMatchObject({ status: 'fuzzy', page: 3, errors: 1 });
    expect(fuzzy.body.color).toBe('yellow');
    const orphan = await mark({ quote: { exact: 'Dieser Satz steht nirgends im Text der Vorlage' } }).expect(201);
    expect(orphan.body.anchor).toEqual({ status: 'orphaned' });
    const doc = await createDocument(t.ds, { bodyId: t.body.id });
    const noText = await createFile(t.ds, { bodyId: t.body.id, documentId: doc.id });
    const pending = await t.http().post('/v1/me/markings').set(auth(a)).send({ fileId: noText.id, quote: { exact: 'irgendwas' }, page: 1 }).expect(201);
    expect(pending.body.anchor).toEqual({ status: 'pending' });
  });

  it('refuse bad input and files the account may not see', async () => {
    const secret = await createFile(t.ds, { bodyId: t.body.id, public: false, text: TEXT });
    const cases: [Record<string, unknown>, string][] = [
      [{ quote: { exact: '' } }, 'quote.exact'],
      [{ quote: { exact: 'x', prefix: 'p'.repeat(201) } }, 'quote.prefix'],
      [{ quote: { exact: 'x' }, position: { start: 5, end: 2 } }, 'position.end'],
      [{ quote: { exact: 'x' }, position: { start: -1, end: 2 } }, 'position.start'],
      [{ quote: { exact: 'x' }, color: 'black' }, 'color'],
      [{ quote: 'x' }, 'quote'],
      [{ fileId: secret.id, quote: { exact: 'Radweg' } }, 'fileId'],
      [{ fileId: randomUUID(), quote: { exact: 'Radweg' } }, 'fileId'],
    ];
    for (const [body, field] of cases) {
      const res = await mark(body).expect(400);
      expect({ field, fields: res.body.errors.map((e: { field: string }) => e.field) }).toEqual({ field, fields: expect.arrayContaining([field]) });
    }
  });

  it('are listed by file, anchor status and tag, and found by the words of quote and note', async () => {
    const b = await createAccount(t);
    await mark({ quote: { exact: 'Die Kosten von 1,2 Mio. Euro' }, note: 'Haushaltsmittel prüfen', tags: ['Geld'] }, b).expect(201);
    await mark({ quote: { exact: 'nicht im Text' } }, b).expect(201);
    const byFile = await t.http().get(`/v1/me/markings?file_id=${fileId}`).set(auth(b)).expect(200);
    expect(byFile.body.data).toHaveLength(2);
    const orphaned = await t.http().get('/v1/me/markings?status=orphaned').set(auth(b)).expect(200);
    expect(orphaned.body.data.map((m: { quote: { exact: string } }) => m.quote.exact)).toEqual(['nicht im Text']);
    const tagged = await t.http().get('/v1/me/markings?tag=GELD').set(auth(b)).expect(200);
    expect(tagged.body.data).toHaveLength(1);
    for (const q of ['kosten', 'haushaltsmittel pruefen']) {
      const found = await t.http().get(`/v1/me/markings?q=${encodeURIComponent(q)}`).set(auth(b)).expect(200);
      expect({ q, n: found.body.data.length }).toEqual({ q, n: 1 });
    }
  });

  it('change colour and note with If-Match, and are anchored again when the selection changes', async () => {
    const m = (await mark({ quote: { exact: 'Radwegekonzept' } }).expect(201)).body;
    const url = `/v1/me/markings/${m.id}`;
    await t.http().patch(url).set(auth(a)).send({ color: 'pink' }).expect(428);
    const v2 = await t.http().patch(url).set(auth(a)).set('If-Match', '"1"').send({ color: 'pink', note: 'Notiz' }).expect(200);
    expect(v2.body).toMatchObject({ version: 2, color: 'pink', note: 'Notiz', anchor: m.anchor });
    const v3 = await t.http().patch(url).set(auth(a)).set('If-Match', '"2"').send({ quote: { exact: 'Querungshilfen' }, note: null }).expect(200);
    expect(v3.body).toMatchObject({ version: 3, note: null, quote: { exact: 'Querungshilfen' }, anchor: { status: 'anchored', page: 3 } });
    const stale = await t.http().patch(url).set(auth(a)).set('If-Match', '"2"').send({ color: 'blue' }).expect(412);
    expect(stale.body.current.version).toBe(3);
    await t.http().delete(url).set(auth(a)).set('If-Match', '"3"').expect(204);
    await t.http().get(url).set(auth(a)).expect(410);
  });

  it('are exported as W3C annotations with quote, position, page and colour', async () => {
    const m = (await mark({ ...quoteAt('Radwegekonzept', 15, 8), color: 'blue', note: 'Wichtig' }).expect(201)).body;
    const res = await t.http().get(`/v1/me/markings/${m.id}?format=jsonld`).set(auth(a)).expect(200);
    const start = TEXT.indexOf('Radwegekonzept');
    expect(JSON.parse(res.text)).toEqual({
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      id: `http://api.test/v1/me/markings/${m.id}`,
      type: 'Annotation',
      created: m.createdAt,
      modified: m.modifiedAt,
      motivation: 'highlighting',
      body: [{ type: 'TextualBody', value: 'Wichtig', format: 'text/markdown', purpose: 'commenting' }],
      target: {
        source: `http://api.test/v1/bodies/musterstadt/files/${fileId}/content`,
        selector: [
          { type: 'TextQuoteSelector', exact: 'Radwegekonzept', prefix: TEXT.slice(start - 15, start), suffix: ' für die' },
          { type: 'TextPositionSelector', start, end: start + 14 },
          { type: 'FragmentSelector', conformsTo: 'http://tools.ietf.org/rfc/rfc3778', value: 'page=2' },
        ],
        styleClass: 'blue',
      },
      stylesheet: { type: 'CssStylesheet', value: '.blue { background-color: #90caf9; }' },
    });
  });
});

describe('re-anchoring when a file is replaced', () => {
  let t: Ctx;

  beforeAll(async () => {
    t = await startWithBody({ ME_TICK_SECONDS: '1' });
  });
  afterAll(async () => t.close());

  async function fileWith(text: string, init: Record<string, unknown> = {}): Promise<string> {
    const doc = await createDocument(t.ds, { bodyId: t.body.id });
    const file = await createFile(t.ds, { bodyId: t.body.id, documentId: doc.id, text, sha512: sha(randomUUID()), storageKey: randomUUID(), ...init });
    await t.ds.query(`UPDATE file SET text_source_sha512 = sha512, text_status = 'done', text_extracted_at = now() WHERE id = $1`, [file.id]);
    return file.id;
  }

  it('moves the markings to their quotes in the new text, flags vanished ones orphaned, keeps them all, and syncs the change', async () => {
    const fileId = await fileWith(TEXT);
    const a = await createAccount(t);
    const mark = async (exact: string): Promise<{ id: string; anchor: { start: number } }> => {
      const start = TEXT.indexOf(exact);
      const body = { fileId, quote: { exact, prefix: TEXT.slice(Math.max(0, start - 20), start), suffix: TEXT.slice(start + exact.length, start + exact.length + 20) }, position: { start, end: start + exact.length } };
      return (await t.http().post('/v1/me/markings').set(auth(a)).send(body).expect(201)).body;
    };
    const moved = await mark('Radwegekonzept für die Innenstadt');
    const edited = await mark('Querungshilfen an allen Knotenpunkten bis Ende 2027');
    const removed = await mark('Die Kosten von 1,2 Mio. Euro trägt die Stadt.');
    const sync = await t.http().get('/v1/me/sync').set(auth(a)).expect(200);

    // New bytes arrive (an import, say): until their text is extracted, nothing moves.
    await t.ds.query(`UPDATE file SET sha512 = $2, modified_at = now() WHERE id = $1`, [fileId, sha('v2')]);
    const keys = new AccountKeyRing(t.config.accounts.keys);
    expect(await reanchorFile(t.ds, keys, fileId)).toBe(0);

    const next = ['Neue Seite eins mit einem Vorwort.', TEXT.split('\f')[0], 'Der Rat der Stadt Musterstadt beschließt das Radwegekonzept für die Innenstadt.', 'Anlage: Querungshilfen an fast allen Knotenpunkten bis Ende 2027.'].join('\f');
    await extracted(t, fileId, next);
    const result = await new AccountHousekeeping(t.ds, keys, t.config.accounts).tick();
    expect(result.reanchored).toBe(3);

    const get = async (id: string) => (await t.http().get(`/v1/me/markings/${id}`).set(auth(a)).expect(200)).body;
    const m1 = await get(moved.id);
    expect(m1).toMatchObject({ version: 2, anchor: { status: 'anchored', page: 3, start: next.indexOf('Radwegekonzept für') } });
    const m2 = await get(edited.id);
    expect(m2.anchor).toMatchObject({ status: 'fuzzy', page: 4 });
    expect(next.slice(m2.anchor.start, m2.anchor.end)).toContain('Knotenpunkten bis Ende 2027');
    const m3 = await get(removed.id);
    expect(m3).toMatchObject({ version: 2, anchor: { status: 'orphaned' }, quote: { exact: 'Die Kosten von 1,2 Mio. Euro trägt die Stadt.' } });
    const orphans = await t.http().get('/v1/me/markings?status=orphaned').set(auth(a)).expect(200);
    expect(orphans.body.data.map((m: { id: string }) => m.id)).toEqual([removed.id]);
    const changes = await t.http().get(sync.body.links.next.replace('http://api.test', '')).set(auth(a)).expect(200);
    expect(changes.body.data.map((c: { id: string }) => c.id).sort()).toEqual([moved.id, edited.id, removed.id].sort());

    // Nothing changed since: a second run does nothing.
    expect(await reanchorFile(t.ds, keys, fileId)).toBe(0);
    expect((await new AccountHousekeeping(t.ds, keys, t.config.accounts).tick()).reanchored).toBe(0);
  });

  it('leaves the markings of accounts that can no longer see the file as they were', async () => {
    const fileId = await fileWith(TEXT);
    const a = await createAccount(t);
    const m = (await t.http().post('/v1/me/markings').set(auth(a)).send({ fileId, quote: { exact: 'Radwegekonzept' } }).expect(201)).body;
    await t.ds.query(`UPDATE file SET public = false WHERE id = $1`, [fileId]);
    await extracted(t, fileId, TEXT.replace('Radwegekonzept', 'Fußverkehrskonzept'));
    expect(await reanchorFile(t.ds, new AccountKeyRing(t.config.accounts.keys), fileId)).toBe(0);
    const after = await t.http().get(`/v1/me/markings/${m.id}`).set(auth(a)).expect(200);
    expect(after.body).toMatchObject({ version: 1, file: { id: fileId, available: false }, anchor: { status: 'anchored' } });
    expect(after.body.anchor.start).toBeUndefined();
    expect(after.body.file.title).toBeUndefined();
  });

  it('is done by the worker after a change event of the file', async () => {
    const fileId = await fileWith(TEXT);
    const a = await createAccount(t);
    const m = (await t.http().post('/v1/me/markings').set(auth(a)).send({ fileId, quote: { exact: 'Querungshilfen an allen Knotenpunkten' } }).expect(201)).body;
    const worker = await startWorker(t.config, createProcessors(t.config));
    try {
      await extracted(t, fileId, `Vorwort.\f${TEXT}`);
      // An editor renames the file: its change event reaches the markings queue.
      await t.http().patch(`/v1/bodies/musterstadt/files/${fileId}`).set(...bearer(t.keys.editor)).send({ name: 'Beschlussvorlage (neu)' }).expect(200);
      await eventually(async () => (await t.http().get(`/v1/me/markings/${m.id}`).set(auth(a))).body.version === 2, 10_000, 're-anchoring');
      const after = (await t.http().get(`/v1/me/markings/${m.id}`).set(auth(a)).expect(200)).body;
      expect(after.anchor).toMatchObject({ status: 'anchored', page: 4 });
    } finally {
      await worker.stop();
    }
  });
});
