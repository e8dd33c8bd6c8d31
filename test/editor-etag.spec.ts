import { bearer, startWithBody } from './support/app';
import { createCommittee, createMinutes, createSession } from './support/factories';

type Ctx = Awaited<ReturnType<typeof startWithBody>>;

/** One kind of record: where it lives, how to make one, a change, and the column that change sets. */
interface Kind {
  name: string;
  path: string;
  table: string;
  create: () => Record<string, unknown>;
  patch: Record<string, unknown>;
  column: string;
}

describe('editor writes: ETag and If-Match', () => {
  let t: Ctx;
  let sessionId: string;
  const base = '/v1/bodies/musterstadt';

  beforeAll(async () => {
    t = await startWithBody();
    sessionId = (await createSession(t.ds, { bodyId: t.body.id, name: 'Ratssitzung Mai', start: new Date('2025-05-13T16:00:00Z') })).id;
  });
  afterAll(async () => t.close());

  const editor = (): [string, string] => bearer(t.keys.editor);
  const events = async (id: string): Promise<string[]> =>
    (await t.ds.query<{ action: string }[]>(`SELECT action FROM change_event WHERE resource_id = $1 ORDER BY id`, [id])).map((e) => e.action);
  const column = async (kind: Kind, id: string): Promise<unknown> => (await t.ds.query<{ v: unknown }[]>(`SELECT ${kind.column} AS v FROM ${kind.table} WHERE id = $1`, [id]))[0].v;

  const kinds: Kind[] = [
    {
      name: 'session',
      path: `${base}/sessions`,
      table: 'session',
      create: () => ({ name: 'Bauausschuss Juni', start: '2025-06-03T18:00:00+02:00' }),
      patch: { name: 'Bauausschuss Juni (verlegt)' },
      column: 'name',
    },
    {
      name: 'document',
      path: `${base}/documents`,
      table: 'document',
      create: () => ({ name: 'Radwegekonzept', reference: '0042/2025' }),
      patch: { name: 'Radwegekonzept Innenstadt' },
      column: 'name',
    },
    {
      name: 'agenda item',
      path: `${base}/agenda-items`,
      table: 'agenda_item',
      create: () => ({ sessionId, number: 'Ö 4', name: 'Neubau Feuerwache' }),
      patch: { result: 'einstimmig beschlossen' },
      column: 'result',
    },
    {
      name: 'committee',
      path: `${base}/committees`,
      table: 'committee',
      create: () => ({ name: 'Ausschuss für Umwelt', kind: 'committee' }),
      patch: { name: 'Ausschuss für Umwelt und Verkehr' },
      column: 'name',
    },
  ];

  describe.each(kinds)('$name', (kind) => {
    let id: string;
    let created: string;

    beforeAll(async () => {
      const res = await t.http().post(kind.path).set(...editor()).send(kind.create()).expect(201);
      id = res.body.id as string;
      created = res.headers.etag;
    });

    it('answers a create, a change and an editor read with the strong ETag of the version', async () => {
      expect(created).toBe('"1"');
      expect((await t.http().get(`${kind.path}/${id}`).set(...editor()).expect(200)).headers.etag).toBe('"1"');

      const changed = await t.http().patch(`${kind.path}/${id}`).set(...editor()).set('If-Match', created).send(kind.patch).expect(200);
      expect(changed.headers.etag).toBe('"2"');
      expect(changed.body).toMatchObject(kind.patch);
      expect((await t.http().get(`${kind.path}/${id}`).set(...bearer(t.keys.admin)).expect(200)).headers.etag).toBe('"2"');
    });

    it('refuses a change made on an older version with 412 and the current version, and changes nothing', async () => {
      const [before] = await t.ds.query(`SELECT version, modified_at FROM ${kind.table} WHERE id = $1`, [id]);
      const valueBefore = await column(kind, id);
      const eventsBefore = await events(id);

      const stale = await t.http().patch(`${kind.path}/${id}`).set(...editor()).set('If-Match', '"1"').send({ [Object.keys(kind.patch)[0]]: 'Überschrieben' }).expect(412);
      expect(stale.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(stale.body).toMatchObject({ status: 412, current: { version: before.version, etag: `"${before.version}"` } });
      expect(stale.headers.etag).toBe(`"${before.version}"`);
      // The record as it is stored, as the editor reads it, to merge the change into.
      expect(stale.body.current.record).toMatchObject({ id, ...kind.patch });

      expect(await column(kind, id)).toEqual(valueBefore);
      const [after] = await t.ds.query(`SELECT version, modified_at FROM ${kind.table} WHERE id = $1`, [id]);
      expect(after).toEqual(before);
      expect(await events(id)).toEqual(eventsBefore);
    });

    it('refuses publishing and deleting on an older version, and allows them on the current one', async () => {
      const current = (await t.http().get(`${kind.path}/${id}`).set(...editor()).expect(200)).headers.etag;
      const eventsBefore = await events(id);
      await t.http().post(`${kind.path}/${id}/publish`).set(...editor()).set('If-Match', '"1"').expect(412);
      await t.http().delete(`${kind.path}/${id}`).set(...editor()).set('If-Match', '"1"').expect(412);
      await t.http().get(`${kind.path}/${id}`).expect(404); // still a draft, still there for editors
      await t.http().get(`${kind.path}/${id}`).set(...editor()).expect(200);
      expect(await events(id)).toEqual(eventsBefore);

      const published = await t.http().post(`${kind.path}/${id}/publish`).set(...editor()).set('If-Match', current).expect(200);
      const next = published.headers.etag;
      expect(next).not.toBe(current);
      await t.http().get(`${kind.path}/${id}`).expect(200);
      await t.http().delete(`${kind.path}/${id}`).set(...editor()).set('If-Match', current).expect(412);
      await t.http().delete(`${kind.path}/${id}`).set(...editor()).set('If-Match', next).expect(204);
      expect((await events(id)).slice(eventsBefore.length)).toEqual(['published', 'deleted']);
    });
  });

  describe('If-Match', () => {
    const path = `${base}/sessions`;
    const create = async (): Promise<{ id: string; etag: string }> => {
      const res = await t.http().post(path).set(...editor()).send({ name: 'Sitzung', start: '2025-07-01T18:00:00+02:00' }).expect(201);
      return { id: res.body.id as string, etag: res.headers.etag };
    };

    it('* matches whatever version is stored; a list matches any version it names; none sent changes as before', async () => {
      const { id } = await create();
      await t.http().patch(`${path}/${id}`).set(...editor()).set('If-Match', '*').send({ cancelled: true }).expect(200);
      const listed = await t.http().patch(`${path}/${id}`).set(...editor()).set('If-Match', '"7", "2"').send({ cancelled: false }).expect(200);
      expect(listed.headers.etag).toBe('"3"');
      const plain = await t.http().patch(`${path}/${id}`).set(...editor()).send({ name: 'Sitzung (neu)' }).expect(200);
      expect(plain.headers.etag).toBe('"4"');
      await t.http().post(`${path}/${id}/unpublish`).set(...editor()).set('If-Match', '*').expect(200);
      await t.http().delete(`${path}/${id}`).set(...editor()).set('If-Match', '*').expect(204);
      await t.http().patch(`${path}/${id}`).set(...editor()).set('If-Match', '*').send({ cancelled: true }).expect(404);
    });

    it('a weak or foreign ETag never matches (412); a malformed header is a 400 that changes nothing', async () => {
      const { id, etag } = await create();
      await t.http().patch(`${path}/${id}`).set(...editor()).set('If-Match', `W/${etag}`).send({ cancelled: true }).expect(412);
      await t.http().patch(`${path}/${id}`).set(...editor()).set('If-Match', '"abc"').send({ cancelled: true }).expect(412);
      for (const header of ['1', '"1', 'W/1', '"1" "2"', '*, "1"', ',', 'abc']) {
        const res = await t.http().patch(`${path}/${id}`).set(...editor()).set('If-Match', header).send({ cancelled: true }).expect(400);
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(res.body.errors).toEqual([expect.objectContaining({ field: 'If-Match' })]);
      }
      await t.http().delete(`${path}/${id}`).set(...editor()).set('If-Match', 'nonsense').expect(400);
      await t.http().post(`${path}/${id}/publish`).set(...editor()).set('If-Match', '"1').expect(400);
      const [row] = await t.ds.query(`SELECT version, cancelled, published_at, deleted_at FROM session WHERE id = $1`, [id]);
      expect(row).toEqual({ version: 1, cancelled: false, published_at: null, deleted_at: null });
      expect(await events(id)).toEqual(['created']);
    });

    it('of two concurrent changes made on the same version, exactly one succeeds', async () => {
      for (let round = 0; round < 5; round++) {
        const { id, etag } = await create();
        const results = await Promise.all(
          ['Erste Fassung', 'Zweite Fassung'].map((name) => t.http().patch(`${path}/${id}`).set(...editor()).set('If-Match', etag).send({ name })),
        );
        expect(results.map((r) => r.status).sort()).toEqual([200, 412]);
        const winner = results.find((r) => r.status === 200);
        const loser = results.find((r) => r.status === 412);
        expect(loser?.body.current).toMatchObject({ version: 2, etag: '"2"', record: { id, name: winner?.body.name } });
        const [row] = await t.ds.query(`SELECT name, version FROM session WHERE id = $1`, [id]);
        expect(row).toEqual({ name: winner?.body.name, version: 2 });
        expect(await events(id)).toEqual(['created', 'updated']);
      }
    });

    it('steps of minutes and file uploads carry versions too', async () => {
      const minutes = await createMinutes(t.ds, { bodyId: t.body.id, sessionId, status: 'draft', publishedAt: null });
      await t.http().post(`${base}/minutes/${minutes.id}/approve`).set(...editor()).set('If-Match', '"2"').expect(412);
      const approved = await t.http().post(`${base}/minutes/${minutes.id}/approve`).set(...editor()).set('If-Match', '"1"').expect(200);
      expect(approved.headers.etag).toBe('"2"');
      await t.http().post(`${base}/minutes/${minutes.id}/publish`).set(...editor()).set('If-Match', '"1"').expect(412);
      await t.http().post(`${base}/minutes/${minutes.id}/publish`).set(...editor()).set('If-Match', '"2"').expect(200);

      const upload = await t
        .http()
        .post(`${base}/files`)
        .set(...editor())
        .field('name', 'Einladung')
        .field('sessionId', sessionId)
        .attach('file', Buffer.from('Einladung zur Sitzung'), { filename: 'einladung.txt', contentType: 'text/plain' })
        .expect(201);
      expect(upload.headers.etag).toBe('"1"');
      const file = upload.body.id as string;
      await t.http().patch(`${base}/files/${file}`).set(...editor()).set('If-Match', '"1"').send({ name: 'Einladung (neu)' }).expect(200);
      await t.http().patch(`${base}/files/${file}`).set(...editor()).set('If-Match', '"1"').send({ name: 'Einladung (alt)' }).expect(412);
      // The bytes keep their own ETag (of their SHA-512), also for editors.
      const bytes = await t.http().get(`${base}/files/${file}/content`).set(...editor()).expect(200);
      expect(bytes.headers.etag).not.toMatch(/^"\d+"$/);
    });

    it('a change by another key moves the version on, so an editor who read before gets a 412', async () => {
      const committee = await createCommittee(t.ds, { bodyId: t.body.id, name: 'Rat', kind: 'council' });
      const read = await t.http().get(`${base}/committees/${committee.id}`).set(...editor()).expect(200);
      expect(read.headers.etag).toBe('"1"');
      await t.http().patch(`${base}/committees/${committee.id}`).set(...bearer(t.keys.admin)).send({ name: 'Rat der Stadt' }).expect(200);
      await t.http().patch(`${base}/committees/${committee.id}`).set(...editor()).set('If-Match', read.headers.etag).send({ name: 'Stadtrat' }).expect(412);
    });
  });

  /** A body's settings and its subscriptions: versioned like records, outside ResourceWriter. */
  interface Setting {
    name: string;
    method: 'patch' | 'put';
    /** The path that reads and changes it (of musterstadt unless `slug` says otherwise). */
    path: (slug?: string) => string;
    /** A change; `n` makes each one differ. */
    change: (n: number) => Record<string, unknown>;
    /** The stored row, to see that a refused write changed nothing. */
    stored: (slug?: string) => Promise<Record<string, unknown> | undefined>;
  }

  describe('settings and subscriptions', () => {
    let webhook: string;
    const slugId = (slug = 'musterstadt'): string => (slug === 'musterstadt' ? t.body.id : t.other.id);
    const row = async (sql: string, param: string): Promise<Record<string, unknown> | undefined> => (await t.ds.query<Record<string, unknown>[]>(sql, [param]))[0];

    beforeAll(async () => {
      const res = await t.http().post(`${base}/webhooks`).set(...editor()).send({ url: 'https://example.org/hook', eventTypes: ['*'] }).expect(201);
      expect(res.headers.etag).toBe('"1"');
      webhook = res.body.id as string;
    });

    const settings: Setting[] = [
      {
        name: 'body settings',
        method: 'patch',
        path: (slug = 'musterstadt') => `/v1/bodies/${slug}`,
        change: (n) => ({ shortName: `Musterstadt ${n}` }),
        stored: (slug) => row(`SELECT short_name, version, modified_at FROM body WHERE id = $1`, slugId(slug)),
      },
      {
        name: 'newsletter settings',
        method: 'put',
        path: (slug = 'musterstadt') => `/v1/bodies/${slug}/newsletter/settings`,
        change: (n) => ({ senderName: `Stadt Musterstadt ${n}` }),
        stored: (slug) => row(`SELECT sender_name, version, modified_at FROM newsletter_settings WHERE body_id = $1`, slugId(slug)),
      },
      {
        name: 'webhook subscription',
        method: 'patch',
        path: () => `${base}/webhooks/${webhook}`,
        change: (n) => ({ description: `Redaktionssystem ${n}` }),
        stored: () => row(`SELECT description, version, updated_at FROM webhook_subscription WHERE id = $1`, webhook),
      },
    ];
    let n = 0;
    const write = (setting: Setting, ifMatch?: string, slug?: string, key = t.keys.editor) => {
      const request = t.http()[setting.method](setting.path(slug)).set(...bearer(key));
      return (ifMatch === undefined ? request : request.set('If-Match', ifMatch)).send(setting.change(++n));
    };

    describe.each(settings)('$name', (setting) => {
      const read = async (): Promise<string> => (await t.http().get(setting.path()).set(...editor()).expect(200)).headers.etag;

      it("answers a change and an editor's read with the strong ETag of the version", async () => {
        const before = await read();
        expect(before).toMatch(/^"\d+"$/);
        const changed = await write(setting, before).expect(200);
        const after = `"${Number(JSON.parse(before)) + 1}"`;
        expect(changed.headers.etag).toBe(after);
        expect(changed.body).toMatchObject(setting.change(n));
        expect(await read()).toBe(after);
        // Without If-Match the change goes ahead and still moves the version on.
        expect((await write(setting).expect(200)).headers.etag).toBe(`"${Number(JSON.parse(after)) + 1}"`);
      });

      it('refuses a change made on an older version with 412 and the current record, and changes nothing', async () => {
        const current = await read();
        const shown = (await t.http().get(setting.path()).set(...editor()).expect(200)).body as Record<string, unknown>;
        const before = await setting.stored();
        const stale = await write(setting, `"${Number(JSON.parse(current)) - 1}"`).expect(412);
        expect(stale.headers['content-type']).toMatch(/application\/problem\+json/);
        const version = Number(JSON.parse(current));
        expect(stale.body).toMatchObject({ status: 412, current: { version, etag: current, record: shown } });
        expect(stale.headers.etag).toBe(current);
        expect(await setting.stored()).toEqual(before);
      });

      it('* matches; weak and foreign ETags never match; a malformed If-Match is a 400 that changes nothing', async () => {
        const current = await read();
        await write(setting, `W/${current}`).expect(412);
        await write(setting, '"abc"').expect(412);
        const before = await setting.stored();
        for (const header of ['1', `${current.slice(0, -1)}`, '*, "1"', ',']) {
          const res = await write(setting, header).expect(400);
          expect(res.body.errors).toEqual([expect.objectContaining({ field: 'If-Match' })]);
        }
        expect(await setting.stored()).toEqual(before);
        const any = await write(setting, '*').expect(200);
        expect(any.headers.etag).toBe(`"${Number(JSON.parse(current)) + 1}"`);
      });

      it('of two concurrent changes made on the same version, exactly one succeeds', async () => {
        for (let round = 0; round < 3; round++) {
          const current = await read();
          const results = await Promise.all([write(setting, current), write(setting, current)]);
          expect(results.map((r) => r.status).sort()).toEqual([200, 412]);
          const winner = results.find((r) => r.status === 200);
          const loser = results.find((r) => r.status === 412);
          expect(loser?.body.current).toMatchObject({ version: Number(JSON.parse(current)) + 1, record: winner?.body });
          expect(await read()).toBe(winner?.headers.etag);
        }
      });
    });

    it('settings never stored read as version 1; two first changes on it: exactly one succeeds', async () => {
      const newsletter = settings[1];
      expect(await newsletter.stored('andersdorf')).toBeUndefined();
      expect((await t.http().get(newsletter.path('andersdorf')).set(...bearer(t.keys.otherEditor)).expect(200)).headers.etag).toBe('"1"');
      const results = await Promise.all([1, 2].map(() => write(newsletter, '"1"', 'andersdorf', t.keys.otherEditor)));
      expect(results.map((r) => r.status).sort()).toEqual([200, 412]);
      expect(results.find((r) => r.status === 200)?.headers.etag).toBe('"2"');
      expect(await newsletter.stored('andersdorf')).toMatchObject({ version: 2 });
    });

    it('a webhook subscription is deleted only on its current version; its secret rotation and enabling move it on', async () => {
      const res = await t.http().post(`${base}/webhooks`).set(...editor()).send({ url: 'https://example.org/other', eventTypes: ['*'] }).expect(201);
      const id = res.body.id as string;
      const path = `${base}/webhooks/${id}`;
      const rotated = await t.http().post(`${path}/rotate-secret`).set(...editor()).set('If-Match', '"1"').expect(200);
      expect(rotated.headers.etag).toBe('"2"');
      await t.http().post(`${path}/enable`).set(...editor()).set('If-Match', '"1"').expect(412);
      expect((await t.http().post(`${path}/enable`).set(...editor()).set('If-Match', '"2"').expect(200)).headers.etag).toBe('"3"');
      await t.http().delete(path).set(...editor()).set('If-Match', 'W/"3"').expect(412);
      await t.http().delete(path).set(...editor()).set('If-Match', '"3').expect(400);
      const stale = await t.http().delete(path).set(...editor()).set('If-Match', '"2"').expect(412);
      expect(stale.body.current).toMatchObject({ version: 3, etag: '"3"', record: { id, enabled: true } });
      await t.http().get(path).set(...editor()).expect(200);
      await t.http().delete(path).set(...editor()).set('If-Match', '"3"').expect(204);
      await t.http().delete(path).set(...editor()).set('If-Match', '*').expect(404);
    });
  });

  describe('reads', () => {
    it('anonymous and member reads keep the weak ETag over the body and answer If-None-Match with 304', async () => {
      const id = (await createSession(t.ds, { bodyId: t.body.id, name: 'Öffentliche Sitzung', start: new Date('2025-08-01T16:00:00Z') })).id;
      for (const key of [null, t.keys.member]) {
        const request = () => (key ? t.http().get(`${base}/sessions/${id}`).set(...bearer(key)) : t.http().get(`${base}/sessions/${id}`));
        const first = await request().expect(200);
        expect(first.headers.etag).toMatch(/^W\/"/);
        await request().set('If-None-Match', first.headers.etag).expect(304);
      }
    });

    it("an editor's read of a record carries its version and answers in full, since the version does not cover the records shown inside it", async () => {
      const id = (await createSession(t.ds, { bodyId: t.body.id, name: 'Sitzung mit Tagesordnung', start: new Date('2025-08-02T16:00:00Z') })).id;
      const first = await t.http().get(`${base}/sessions/${id}`).set(...editor()).expect(200);
      expect(first.headers.etag).toBe('"1"');
      await t.http().post(`${base}/agenda-items`).set(...editor()).send({ sessionId: id, number: 'Ö 1', name: 'Eröffnung', publish: true }).expect(201);
      const again = await t.http().get(`${base}/sessions/${id}`).set(...editor()).set('If-None-Match', '"1"').expect(200);
      expect(again.headers.etag).toBe('"1"');
      expect(again.body.agendaItems).toHaveLength(1);
    });
  });
});
