import { bearer, startWithBody } from './support/app';
import { meiliPresent, startTestMeili, TestMeili } from './support/meili';
import { eventually, startSearchWorker } from './support/search-worker';

type Ctx = Awaited<ReturnType<typeof startWithBody>>;

const title = 'search with Meilisearch down';

(meiliPresent(title, { own: true }) ? describe : describe.skip)(title, () => {
  let t: Ctx;
  let meili: TestMeili;
  let worker: Awaited<ReturnType<typeof startSearchWorker>>;
  const base = '/v1/bodies/musterstadt';

  beforeAll(async () => {
    meili = await startTestMeili({ own: true });
    t = await startWithBody({ MEILI_URL: meili.url, MEILI_MASTER_KEY: meili.key, MEILI_INDEX: meili.index, OUTBOX_POLL_MS: '50', MEILI_TIMEOUT_MS: '2000' });
    worker = await startSearchWorker(t.config, { backlogMs: 200 });
    await worker.jobs.start();
  });
  afterAll(async () => {
    await worker?.stop();
    await t?.close();
    await meili?.close();
  });

  const total = async (q: string): Promise<number> => (await t.http().get(`${base}/search?q=${encodeURIComponent(q)}`).expect(200)).body.total as number;

  it('keeps accepting writes and catches up when the engine returns', async () => {
    await t.http().post(`${base}/documents`).set(...bearer(t.keys.editor)).send({ name: 'Parkraumkonzept Altstadt', publish: true }).expect(201);
    await eventually(async () => (await total('Parkraumkonzept')) === 1);

    await meili.stop();
    const created = await t.http().post(`${base}/documents`).set(...bearer(t.keys.editor)).send({ name: 'Hundesteuersatzung', publish: true }).expect(201);
    await t.http().patch(`${base}/documents/${created.body.id}`).set(...bearer(t.keys.editor)).send({ documentType: 'Satzung' }).expect(200);
    const [parking] = await t.ds.query(`SELECT id FROM document WHERE name = 'Parkraumkonzept Altstadt'`);
    await t.http().delete(`${base}/documents/${parking.id}`).set(...bearer(t.keys.editor)).expect(204);
    await eventually(async () => (await t.ds.query(`SELECT count(*)::int AS n FROM search_backlog`))[0].n >= 2, 20_000, 'the backlog');
    const down = await t.http().get(`${base}/search?q=Hundesteuersatzung`);
    expect(down.status).toBe(503);
    expect(down.headers['content-type']).toMatch(/problem\+json/);

    await meili.restart();
    await eventually(async () => (await total('Hundesteuersatzung')) === 1, 30_000, 'the index to catch up');
    await eventually(async () => (await total('Parkraumkonzept')) === 0, 30_000, 'the deletion to reach the index');
    await eventually(async () => (await t.ds.query(`SELECT count(*)::int AS n FROM search_backlog`))[0].n === 0, 10_000, 'an empty backlog');
  });
});
