import { ReadCache, ReadCacheInterceptor } from '../src/common/cache/read-cache';
import type { AppConfig } from '../src/config/config';
import { Db } from '../src/infra/database/db.service';
import { NewsletterCrypto } from '../src/modules/newsletter/newsletter.crypto';
import { bearer, startWithBody } from './support/app';
import { createAgendaItem, createDocument, createSession } from './support/factories';

type Ctx = Awaited<ReturnType<typeof startWithBody>>;

/** Something file-type recognises as PDF. */
function pdf(size: number): Buffer {
  const head = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1');
  const body = Buffer.alloc(size - head.length);
  for (let i = 0; i < body.length; i++) body[i] = (i * 31 + 7) & 0xff;
  return Buffer.concat([head, body]);
}

describe('read cache of public pages', () => {
  let t: Ctx;
  const api = '/v1/bodies/musterstadt';
  const path = `${api}/sessions`;
  const names = (res: { body: { data: { name: string }[] } }) => res.body.data.map((s) => s.name);

  beforeAll(async () => {
    t = await startWithBody({ READ_CACHE_MS: '60000' });
    await createSession(t.ds, { bodyId: t.body.id, name: 'Erste', start: new Date('2025-03-04T17:00:00Z') });
  });
  afterAll(async () => t.close());

  it('serves repeated anonymous reads from memory, with the same ETag', async () => {
    const first = await t.http().get(path).expect(200);
    // A row written behind the API's back is not seen while the page is cached …
    await createSession(t.ds, { bodyId: t.body.id, name: 'Heimlich', start: new Date('2025-03-05T17:00:00Z') });
    const second = await t.http().get(path).expect(200);
    expect(names(second)).toEqual(['Erste']);
    expect(second.headers.etag).toBe(first.headers.etag);
    await t.http().get(path).set('If-None-Match', first.headers.etag).expect(304);
    // … while keyed readers always get fresh pages.
    const member = await t.http().get(path).set(...bearer(t.keys.member)).expect(200);
    expect(names(member)).toEqual(['Erste', 'Heimlich']);
  });

  it('caches calendar feeds and OParl lists, which many clients poll', async () => {
    const feed = await t.http().get(`${api}/calendar.ics`).expect(200);
    const oparl = await t.http().get('/oparl/v1.1/bodies/musterstadt/meeting').expect(200);
    // Next week, so that the feed would show it if it were read afresh.
    const hidden = await createSession(t.ds, { bodyId: t.body.id, name: 'Hinter dem Rücken', start: new Date(Date.now() + 7 * 86_400_000) });
    try {
      expect((await t.http().get(`${api}/calendar.ics`).expect(200)).text).toBe(feed.text);
      expect((await t.http().get('/oparl/v1.1/bodies/musterstadt/meeting').expect(200)).text).toBe(oparl.text);
      expect((await t.http().get(`${api}/calendar.ics`).set(...bearer(t.keys.member)).expect(200)).text).toContain('Hinter dem Rücken');
    } finally {
      await t.ds.query(`DELETE FROM session WHERE id = $1`, [hidden.id]);
    }
  });

  it('answers a hit before Nest with the headers of the first answer, and 304 and CORS as for any answer', async () => {
    const feedPath = `${api}/calendar.ics`;
    const first = await t.http().get(feedPath).set('Origin', 'https://example.org').expect(200);
    // Nest's pipeline runs this interceptor for every request of a cached route it handles.
    const handled = jest.spyOn(ReadCacheInterceptor.prototype, 'intercept');
    try {
      const hit = await t.http().get(feedPath).set('Origin', 'https://app.example').expect(200);
      await t.http().get(feedPath).set('If-None-Match', first.headers.etag).expect(304);
      // Nest never saw the hits: they were answered before its pipeline.
      expect(handled).not.toHaveBeenCalled();
      expect(hit.text).toBe(first.text);
      for (const name of ['content-type', 'content-disposition', 'etag', 'cache-control', 'vary', 'content-security-policy', 'x-content-type-options']) {
        expect([name, hit.headers[name]]).toEqual([name, first.headers[name]]);
      }
      expect(hit.headers['x-request-id']).toBeDefined();
      expect(hit.headers['x-request-id']).not.toBe(first.headers['x-request-id']);
      expect(hit.headers['access-control-allow-origin']).toBe('*');
    } finally {
      handled.mockRestore();
    }
  });

  it('compresses a hit as any answer over 1 KB', async () => {
    const [session] = await t.ds.query(`SELECT id FROM session WHERE name = 'Erste'`);
    const items = await Promise.all([0, 1, 2, 3].map((position) => createAgendaItem(t.ds, { bodyId: t.body.id, sessionId: session.id, number: `Ö ${position + 1}`, position })));
    const oparl = '/oparl/v1.1/bodies/musterstadt/agendaItem';
    try {
      const first = await t.http().get(oparl).expect(200);
      expect(Buffer.byteLength(first.text)).toBeGreaterThan(1024);
      const handled = jest.spyOn(ReadCacheInterceptor.prototype, 'intercept');
      try {
        const zipped = await t.http().get(oparl).set('Accept-Encoding', 'gzip').expect(200);
        expect(handled).not.toHaveBeenCalled();
        expect(zipped.headers['content-encoding']).toBe('gzip');
        expect(zipped.text).toBe(first.text);
      } finally {
        handled.mockRestore();
      }
    } finally {
      await t.ds.query(`DELETE FROM agenda_item WHERE id = ANY($1)`, [items.map((i) => i.id)]);
    }
  });

  it('keeps the pages when an upload is refused before anything is written', async () => {
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.from([0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff, 0, 0]), Buffer.alloc(2000)]);
    const document = await createDocument(t.ds, { bodyId: t.body.id });
    await t
      .http()
      .post(`${api}/files`)
      .set(...bearer(t.keys.editor))
      .field('documentId', document.id)
      .field('publish', 'true')
      .attach('file', exe, { filename: 'tool.exe', contentType: 'application/octet-stream' })
      .expect(415);
    expect(names(await t.http().get(path).expect(200))).toEqual(['Erste']);
  });

  it('drops the pages of a body on every write through the API', async () => {
    await t.http().post(path).set(...bearer(t.keys.editor)).send({ name: 'Neu', start: '2025-03-06T18:00:00+01:00', publish: true }).expect(201);
    const res = await t.http().get(path).expect(200);
    expect(names(res)).toEqual(['Erste', 'Heimlich', 'Neu']);
  });

  it('drops only the changed body\'s pages when a body is changed', async () => {
    const other = '/v1/bodies/andersdorf/sessions';
    await t.http().get(other).expect(200);
    await t.http().get(api).expect(200);
    await createSession(t.ds, { bodyId: t.other.id, name: 'Andersdorf heimlich' });
    await t.http().patch(api).set(...bearer(t.keys.editor)).send({ name: 'Stadt Musterstadt (neu)' }).expect(200);
    expect((await t.http().get(api).expect(200)).body.name).toBe('Stadt Musterstadt (neu)');
    expect(names(await t.http().get(other).expect(200))).toEqual([]);
  });

  it('lets concurrent misses share one query', async () => {
    const db = t.app.get(Db);
    const spy = jest.spyOn(db, 'jsonRows');
    const url = `${path}?limit=7`;
    const results = await Promise.all(Array.from({ length: 10 }, () => t.http().get(url).expect(200)));
    const listQueries = spy.mock.calls.filter(([sql]) => String(sql).includes('FROM session s')).length;
    spy.mockRestore();
    expect(listQueries).toBe(1);
    expect(new Set(results.map((r) => r.text)).size).toBe(1);
  });

  it('does not cache errors', async () => {
    const id = '00000000-0000-4000-8000-00000000c0de';
    await t.http().get(`${path}/${id}`).expect(404);
    await createSession(t.ds, { id, bodyId: t.body.id, name: 'Spät', start: new Date('2025-03-07T17:00:00Z') });
    // Well within the cache window: a cached 404 would still be served here.
    const found = await t.http().get(`${path}/${id}`).expect(200);
    expect(found.body.name).toBe('Spät');
    await t.http().get(`${path}?limit=0`).expect(400);
  });

  it('does not cache file downloads: concurrent anonymous downloads all get the bytes', async () => {
    const bytes = pdf(50_000);
    const uploaded = await t
      .http()
      .post(`${api}/files`)
      .set(...bearer(t.keys.editor))
      .field('publish', 'true')
      .attach('file', bytes, { filename: 'vorlage.pdf', contentType: 'application/pdf' })
      .expect(201);
    const url = `${api}/files/${uploaded.body.id as string}/content`;
    const download = () =>
      t
        .http()
        .get(url)
        .buffer(true)
        .parse((res, callback) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => callback(null, Buffer.concat(chunks)));
        })
        .timeout(10_000)
        .expect(200);
    const results = await Promise.all([download(), download(), download()]);
    for (const res of results) expect((res.body as Buffer).equals(bytes)).toBe(true);
  });

  describe('routes that depend on request headers', () => {
    const NL = `${api}/newsletter`;
    const TOKEN = 'X-Newsletter-Token';
    const tokens: Record<string, string> = {};

    /** Subscribes and confirms through the API; the confirmation token is read from the delivery log. */
    async function confirmed(email: string): Promise<string> {
      await t.http().post(`${NL}/subscriptions`).send({ email, topics: { all: true }, frequency: 'daily', language: 'de' }).expect(202);
      const crypto = new NewsletterCrypto(t.config.newsletter.keys);
      const rows: { email: string; secret: string }[] = await t.ds.query(
        `SELECT s.email_ciphertext AS email, d.secret_ciphertext AS secret FROM newsletter_delivery d JOIN newsletter_subscription s ON s.id = d.subscription_id WHERE d.kind = 'confirm'`,
      );
      const row = rows.find((r) => crypto.decrypt(r.email) === email)!;
      const res = await t.http().post(`${NL}/confirm`).send({ token: crypto.decrypt(row.secret) }).expect(200);
      return res.body.manageToken as string;
    }

    beforeAll(async () => {
      for (const email of ['anna@musterstadt.example', 'bernd@musterstadt.example']) tokens[email] = await confirmed(email);
    });

    it('answers every caller of GET subscription with their own data, also concurrently', async () => {
      const emails = Object.keys(tokens);
      for (let round = 0; round < 3; round++) {
        const results = await Promise.all(emails.map((email) => t.http().get(`${NL}/subscription`).set(TOKEN, tokens[email]).expect(200)));
        expect(results.map((r) => r.body.email)).toEqual(emails);
      }
      await t.http().get(`${NL}/subscription`).set(TOKEN, 'x'.repeat(43)).expect(401);
    });

    it('answers every caller of GET subscription/export with their own data, also concurrently', async () => {
      const emails = Object.keys(tokens);
      const results = await Promise.all(emails.map((email) => t.http().get(`${NL}/subscription/export`).set(TOKEN, tokens[email]).expect(200)));
      expect(results.map((r) => r.body.subscription.email)).toEqual(emails);
      // An unknown token next to a known one: each gets its own answer.
      const [known, unknown] = await Promise.all([
        t.http().get(`${NL}/subscription/export`).set(TOKEN, tokens[emails[0]]),
        t.http().get(`${NL}/subscription/export`).set(TOKEN, 'y'.repeat(43)),
      ]);
      expect([known.status, unknown.status]).toEqual([200, 401]);
    });
  });
});

describe('read cache admission', () => {
  const cache = () => new ReadCache({ readCacheMs: 60_000 } as AppConfig);

  it('keeps small pages from their first read', async () => {
    const c = cache();
    await c.load('b1 /small', 'b1', () => Promise.resolve('{"data":[]}'));
    expect(c.get('b1 /small')?.body.toString()).toBe('{"data":[]}');
  });

  it('keeps large pages only from their second read, so that a harvest of every page does not fill it', async () => {
    const c = cache();
    const large = JSON.stringify({ data: 'x'.repeat(40_000) });
    let loads = 0;
    const load = () => {
      loads++;
      return Promise.resolve(large);
    };
    expect(await c.load('b1 /large?cursor=1', 'b1', load)).toBe(large);
    expect(c.get('b1 /large?cursor=1')).toBeUndefined();
    expect(await c.load('b1 /large?cursor=1', 'b1', load)).toBe(large);
    expect(c.get('b1 /large?cursor=1')?.body.toString()).toBe(large);
    expect(loads).toBe(2);
  });
});
