import { Pool } from 'pg';
import { oparlListPages } from '../src/infra/metrics/metrics';
import { OparlRenderWorker, renderBody, staleBodies } from '../src/modules/oparl/oparl-rendered';
import { oparlBases, renderedCurrent, renderKey } from '../src/modules/oparl/oparl.repository';
import { seedDemo } from '../src/seed/demo.seed';
import { bearer, startTestApp, TestApp } from './support/app';
import { BODY_LISTS, OparlCity, pathOf, SECRET, startOparlCity } from './support/oparl-city';

/**
 * OParl objects rendered ahead of reads (src/modules/oparl/oparl-rendered.ts): list pages read
 * from them are the very bytes the tables give, and no reader ever sees them stale, whoever
 * wrote (API, worker, SQL) and whatever table was written.
 */

/** Pages served so far, by source. */
async function pagesBySource(): Promise<{ rendered: number; live: number }> {
  const values = (await oparlListPages.get()).values;
  const count = (source: string): number => values.find((v) => v.labels.source === source)?.value ?? 0;
  return { rendered: count('rendered'), live: count('live') };
}

/** Every page of every list of the body, as raw text, keyed by URL, at `limit` objects per page. */
async function listTexts(t: { http: TestApp['http'] }, slug: string, limit: number | null): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  const body = (await t.http().get(`/oparl/v1.1/bodies/${slug}`).expect(200)).body as Record<string, string>;
  for (const name of BODY_LISTS) {
    let next: string | undefined = `${body[name]}${limit === null ? '' : `?limit=${limit}`}`;
    while (next) {
      const res: { text: string; body: unknown } = await t.http().get(pathOf(next)).expect(200);
      texts.set(next, res.text);
      next = (res.body as { links: { next?: string } }).links.next;
    }
  }
  return texts;
}

/** Crawls the body's lists before and after rendering; both crawls must be the same bytes, the second from the rendered objects. */
async function expectSameBytes(t: { http: TestApp['http'] }, slug: string, render: () => Promise<unknown>, limits: (number | null)[]): Promise<number> {
  let pages = 0;
  const live = new Map<number | null, Map<string, string>>();
  for (const limit of limits) live.set(limit, await listTexts(t, slug, limit));
  await render();
  for (const limit of limits) {
    const before = await pagesBySource();
    const rendered = await listTexts(t, slug, limit);
    const after = await pagesBySource();
    const expected = live.get(limit)!;
    expect([...rendered.keys()]).toEqual([...expected.keys()]);
    for (const [url, text] of rendered) expect({ url, text }).toEqual({ url, text: expected.get(url) });
    // Empty lists are answered live (see OparlRepository.renderedPage); every other page is rendered.
    const empty = [...rendered.values()].filter((text) => (JSON.parse(text) as { data: unknown[] }).data.length === 0).length;
    expect({ limit, rendered: after.rendered - before.rendered }).toEqual({ limit, rendered: rendered.size - empty });
    pages += rendered.size;
  }
  return pages;
}

describe('OParl objects rendered ahead of reads', () => {
  let t: OparlCity;
  let pool: Pool;
  const render = async (): Promise<void> => {
    const result = await renderBody(pool, oparlBases(t.config), t.body.id);
    expect(result).not.toBeNull();
  };
  /** Whether an anonymous reader would get the rendered objects of the body now. */
  const current = async (bodyId = t.body.id, bases = oparlBases(t.config)): Promise<boolean> => {
    const { rows } = await pool.query<{ current: boolean }>(`SELECT ${renderedCurrent('$1::uuid', '$2')} AS current`, [bodyId, renderKey(bases)]);
    return rows[0].current;
  };

  beforeAll(async () => {
    t = await startOparlCity();
    pool = new Pool({ connectionString: t.config.databaseUrl, max: 3 });
  }, 60_000);
  afterAll(async () => {
    await pool?.end();
    await t?.close();
  });

  it('are the same bytes as the pages rendered from the tables: every list, several page sizes, nothing secret', async () => {
    const pages = await expectSameBytes(t, 'musterstadt', render, [null, 2, 1000]);
    expect(pages).toBeGreaterThan(30);
    const { rows } = await pool.query<{ j: string }>(`SELECT j::text AS j FROM oparl_rendered WHERE body_id = $1`, [t.body.id]);
    expect(rows.length).toBeGreaterThan(20);
    expect(rows.filter((r) => r.j.includes(SECRET))).toEqual([]);
  });

  it('serve objects at their id: the same bytes as from the tables, and tombstones still from the tables', async () => {
    await pool.query(`DELETE FROM oparl_render_state`);
    const ids = new Set<string>();
    for (const text of (await listTexts(t, 'musterstadt', 1000)).values()) for (const item of (JSON.parse(text) as { data: { id: string }[] }).data) ids.add(item.id);
    const live = new Map<string, string>();
    for (const id of ids) live.set(id, (await t.http().get(pathOf(id)).expect(200)).text);
    await render();
    for (const id of ids) expect({ id, text: (await t.http().get(pathOf(id)).expect(200)).text }).toEqual({ id, text: live.get(id) });
    expect(ids.size).toBeGreaterThan(20);
    // Read from the rendered objects: a row changed behind the renderer's back shows.
    const paper = `http://api.test/oparl/v1.1/paper/${t.ids.paper.id}`;
    await pool.query(`UPDATE oparl_rendered SET j = '{"rendered": true}' WHERE id = $1`, [t.ids.paper.id]);
    expect((await t.http().get(pathOf(paper)).expect(200)).body).toEqual({ rendered: true });
    await render();
    expect((await t.http().get(pathOf(paper)).expect(200)).text).toBe(live.get(paper));
    // A withdrawn paper is no rendered object: its tombstone comes from the tables.
    const withdrawn = await t.http().get(`/oparl/v1.1/paper/${t.ids.withdrawn.id}`).expect(200);
    expect(withdrawn.body).toMatchObject({ deleted: true });
  });

  it('are not read after a write through the API until they are rendered again', async () => {
    await render();
    expect(await current()).toBe(true);
    await t.http().patch(`/v1/bodies/musterstadt/documents/${t.ids.paper.id}`).set(...bearer(t.keys.editor)).send({ name: 'Radwegekonzept, geändert' }).expect(200);
    expect(await current()).toBe(false);
    const before = await pagesBySource();
    const page = await t.http().get('/oparl/v1.1/bodies/musterstadt/paper').expect(200);
    expect(page.text).toContain('Radwegekonzept, geändert');
    expect((await pagesBySource()).live - before.live).toBe(1);
    await render();
    expect(await current()).toBe(true);
    const again = await pagesBySource();
    expect((await t.http().get('/oparl/v1.1/bodies/musterstadt/paper').expect(200)).text).toBe(page.text);
    expect((await pagesBySource()).rendered - again.rendered).toBe(1);
  });

  it.each([
    ['body', `UPDATE body SET name = name WHERE id = $1`],
    ['committee', `UPDATE committee SET name = name WHERE body_id = $1`],
    ['person', `UPDATE person SET name = name WHERE body_id = $1`],
    ['membership', `UPDATE membership SET role = role WHERE body_id = $1`],
    ['location', `UPDATE location SET room = room WHERE body_id = $1`],
    ['legislative_term', `UPDATE legislative_term SET name = name WHERE body_id = $1`],
    ['session', `UPDATE session SET name = name WHERE body_id = $1`],
    ['session_committee', `UPDATE session_committee SET position = position WHERE session_id IN (SELECT id FROM session WHERE body_id = $1)`],
    ['agenda_item', `UPDATE agenda_item SET name = name WHERE body_id = $1`],
    ['document', `UPDATE document SET name = name WHERE body_id = $1`],
    ['consultation', `UPDATE consultation SET role = role WHERE body_id = $1`],
    ['file', `UPDATE file SET name = name WHERE body_id = $1`],
    ['minutes', `UPDATE minutes SET kind = kind WHERE body_id = $1`],
    ['file (deleted)', `DELETE FROM file WHERE body_id = $1 AND name LIKE '%Karte%'`],
  ])('go stale with a write in plain SQL to %s, of this body only', async (_table, sql) => {
    await render();
    await renderBody(pool, oparlBases(t.config), t.other.id);
    expect([await current(), await current(t.other.id)]).toEqual([true, true]);
    const { rowCount } = await pool.query(sql, [t.body.id]);
    expect(rowCount).toBeGreaterThan(0);
    expect([await current(), await current(t.other.id)]).toEqual([false, true]);
  });

  it('stay current after a write that was rolled back', async () => {
    await render();
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`UPDATE document SET name = 'verworfen' WHERE body_id = $1`, [t.body.id]);
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
    expect(await current()).toBe(true);
  });

  it('go stale with a write that was under way while they were rendered and committed after', async () => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`UPDATE document SET name = 'Radwegekonzept, später' WHERE id = $1`, [t.ids.paper.id]);
      await render();
      expect(await current()).toBe(true);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    expect(await current()).toBe(false);
    expect((await t.http().get('/oparl/v1.1/bodies/musterstadt/paper').expect(200)).text).toContain('Radwegekonzept, später');
  });

  it('are read by no process that renders differently (another PUBLIC_URL)', async () => {
    await render();
    expect(await current(t.body.id, { oparl: 'https://elsewhere.example/oparl/v1.1', rest: 'https://elsewhere.example' })).toBe(false);
    expect(await current()).toBe(true);
  });

  it('lose what is no longer public', async () => {
    await render();
    const count = async (): Promise<number> => Number((await pool.query(`SELECT count(*) FROM oparl_rendered WHERE body_id = $1 AND kind = 'meeting'`, [t.body.id])).rows[0].count);
    const meetings = await count();
    await t.http().post(`/v1/bodies/musterstadt/sessions/${t.ids.invited.id}/unpublish`).set(...bearer(t.keys.editor)).expect(200);
    const result = await renderBody(pool, oparlBases(t.config), t.body.id);
    expect(result?.removed).toBeGreaterThanOrEqual(1);
    expect(await count()).toBe(meetings - 1);
    expect((await t.http().get('/oparl/v1.1/bodies/musterstadt/meeting').expect(200)).text).not.toContain(t.ids.invited.id);
  });

  it('are rendered by the worker once writes are quiet, and the worker stops cleanly', async () => {
    const worker = new OparlRenderWorker({ ...t.config, oparlRender: { enabled: true, quietSeconds: 0, maxDelaySeconds: 0 } }, 50);
    await worker.start();
    try {
      await t.http().patch(`/v1/bodies/musterstadt/documents/${t.ids.paper.id}`).set(...bearer(t.keys.editor)).send({ name: 'Radwegekonzept, vom Worker' }).expect(200);
      const deadline = Date.now() + 20_000;
      while (!(await current()) || !(await current(t.other.id))) {
        if (Date.now() > deadline) throw new Error('the worker did not render the bodies');
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(await staleBodies(pool, oparlBases(t.config), { quietSeconds: 0, maxDelaySeconds: 0 })).toEqual([]);
      const before = await pagesBySource();
      expect((await t.http().get('/oparl/v1.1/bodies/musterstadt/paper').expect(200)).text).toContain('Radwegekonzept, vom Worker');
      expect((await pagesBySource()).rendered - before.rendered).toBe(1);
      // A deleted body's rendered objects go with it.
      const rendered = async (): Promise<number> => Number((await pool.query(`SELECT count(*) FROM oparl_rendered WHERE body_id = $1`, [t.other.id])).rows[0].count);
      expect(await rendered()).toBeGreaterThan(0);
      await pool.query(`UPDATE body SET deleted_at = now() WHERE id = $1`, [t.other.id]);
      while ((await rendered()) > 0) {
        if (Date.now() > deadline) throw new Error("the worker did not remove the deleted body's objects");
        await new Promise((r) => setTimeout(r, 50));
      }
      expect((await pool.query(`SELECT count(*)::int AS n FROM oparl_render_state WHERE body_id = $1`, [t.other.id])).rows[0].n).toBe(0);
    } finally {
      await pool.query(`UPDATE body SET deleted_at = NULL WHERE id = $1`, [t.other.id]);
      await worker.close();
    }
  });

  it('are removed, and writes no longer recorded for long, by a worker with pre-rendering off', async () => {
    await render();
    await pool.query(`UPDATE document SET name = name WHERE id = $1`, [t.ids.paper.id]);
    const worker = new OparlRenderWorker({ ...t.config, oparlRender: { enabled: false, quietSeconds: 0, maxDelaySeconds: 0 } }, 50);
    const left = async (): Promise<number[]> =>
      (await pool.query<{ n: number }>(`SELECT (SELECT count(*) FROM oparl_rendered)::int AS n UNION ALL SELECT (SELECT count(*) FROM oparl_render_state)::int UNION ALL SELECT (SELECT count(*) FROM oparl_write)::int`)).rows.map((r) => r.n);
    expect((await left()).every((n) => n > 0)).toBe(true);
    await worker.start();
    try {
      const deadline = Date.now() + 20_000;
      while ((await left()).some((n) => n > 0)) {
        if (Date.now() > deadline) throw new Error('the worker did not empty the tables');
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      await worker.close();
    }
    expect(await current()).toBe(false);
    expect((await t.http().get('/oparl/v1.1/bodies/musterstadt/paper').expect(200)).text).toContain('Radwegekonzept');
  });

  it('wait for writes to be quiet before the worker renders them again', async () => {
    await render();
    await pool.query(`UPDATE document SET name = name WHERE id = $1`, [t.ids.paper.id]);
    const [quiet] = (await staleBodies(pool, oparlBases(t.config), { quietSeconds: 3600, maxDelaySeconds: 7200 })).filter((b) => b.id === t.body.id);
    expect(quiet).toMatchObject({ unrendered: false, due: false });
    const [due] = (await staleBodies(pool, oparlBases(t.config), { quietSeconds: 3600, maxDelaySeconds: 0 })).filter((b) => b.id === t.body.id);
    expect(due).toMatchObject({ unrendered: false, due: true });
  });
});

describe('OParl objects rendered ahead of reads, on the demo city', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
    await seedDemo(t.ds, t.config, { now: new Date('2026-03-02T09:00:00+01:00'), log: () => undefined });
  }, 180_000);
  afterAll(async () => t?.close());

  it('are the same bytes as the pages rendered from the tables', async () => {
    const pool = new Pool({ connectionString: t.config.databaseUrl, max: 1 });
    try {
      const [{ id }] = (await pool.query<{ id: string }>(`SELECT id::text FROM body WHERE slug = 'musterstadt'`)).rows;
      const pages = await expectSameBytes(t, 'musterstadt', () => renderBody(pool, oparlBases(t.config), id), [null, 7]);
      expect(pages).toBeGreaterThan(100);
    } finally {
      await pool.end();
    }
  }, 120_000);
});
