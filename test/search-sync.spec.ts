import { searchCommand } from '../src/modules/search/search-cli';
import { renderPdf } from '../src/seed/pdf';
import { bearer, startWithBody } from './support/app';
import { createCommittee } from './support/factories';
import { eventually, startSearchWorker } from './support/search-worker';

type Ctx = Awaited<ReturnType<typeof startWithBody>>;

describe('search index kept in sync through the outbox (PostgreSQL engine)', () => {
  let t: Ctx;
  let worker: Awaited<ReturnType<typeof startSearchWorker>>;
  const base = '/v1/bodies/musterstadt';

  beforeAll(async () => {
    t = await startWithBody({ OUTBOX_POLL_MS: '50' });
    worker = await startSearchWorker(t.config);
  });
  afterAll(async () => {
    await worker?.stop();
    await t.close();
  });

  const total = async (q: string, key?: string): Promise<number> => {
    const req = t.http().get(`${base}/search?q=${encodeURIComponent(q)}`);
    const res = await (key ? req.set(...bearer(key)) : req).expect(200);
    return res.body.total as number;
  };
  const found = (q: string, n: number, key?: string) => eventually(async () => (await total(q, key)) === n, 20_000, `${n} hits for ${q}`);

  it('indexes created documents, follows updates, de-publications and deletions', async () => {
    const created = await t.http().post(`${base}/documents`).set(...bearer(t.keys.editor)).send({ name: 'Lärmaktionsplan Nordstadt', reference: '0500/2025', publish: true }).expect(201);
    const id = created.body.id as string;
    await found('Lärmaktionsplan', 1);
    await t.http().patch(`${base}/documents/${id}`).set(...bearer(t.keys.editor)).send({ name: 'Baumschutzsatzung Nordstadt' }).expect(200);
    await found('Baumschutzsatzung', 1);
    expect(await total('Lärmaktionsplan')).toBe(0);
    await t.http().patch(`${base}/documents/${id}`).set(...bearer(t.keys.editor)).send({ public: false }).expect(200);
    await found('Baumschutzsatzung', 0);
    expect(await total('Baumschutzsatzung', t.keys.member)).toBe(1);
    await t.http().post(`${base}/documents/${id}/unpublish`).set(...bearer(t.keys.editor)).expect(200);
    await found('Baumschutzsatzung', 0, t.keys.member);
    await t.http().post(`${base}/documents/${id}/publish`).set(...bearer(t.keys.editor)).expect(200);
    await found('Baumschutzsatzung', 1, t.keys.member);
    await t.http().delete(`${base}/documents/${id}`).set(...bearer(t.keys.editor)).expect(204);
    await found('Baumschutzsatzung', 0, t.keys.member);
  });

  it('re-indexes a document when a consultation names a committee', async () => {
    const committee = await createCommittee(t.ds, { bodyId: t.body.id, name: 'Ausschuss für Klimaschutz' });
    const doc = await t.http().post(`${base}/documents`).set(...bearer(t.keys.editor)).send({ name: 'Wärmeplanung', publish: true }).expect(201);
    await found('Wärmeplanung', 1);
    await t.http().post(`${base}/consultations`).set(...bearer(t.keys.editor)).send({ documentId: doc.body.id, committeeId: committee.id, publish: true }).expect(201);
    await eventually(async () => {
      const res = await t.http().get(`${base}/search?q=Wärmeplanung&committee=${committee.id}`).expect(200);
      return res.body.total === 1;
    });
  });

  it('extracts the text of an uploaded PDF page by page and finds it', async () => {
    const doc = await t.http().post(`${base}/documents`).set(...bearer(t.keys.editor)).send({ name: 'Straßenbeleuchtung', publish: true }).expect(201);
    const pdf = await renderPdf({
      issuer: 'Stadt Musterstadt',
      title: 'Sanierung der Straßenbeleuchtung',
      date: '2025-03-01',
      blocks: [{ kind: 'paragraph', text: 'Die Umrüstung auf LED-Leuchten in der Schillerstraße spart jährlich 40 Prozent Energie.' }],
    });
    const upload = await t
      .http()
      .post(`${base}/files`)
      .set(...bearer(t.keys.editor))
      .field('documentId', doc.body.id as string)
      .field('publish', 'true')
      .attach('file', pdf.bytes, { filename: 'beleuchtung.pdf', contentType: 'application/pdf' })
      .expect(201);
    const fileId = upload.body.id as string;
    await found('Schillerstrasse', 1);
    const [row] = await t.ds.query(`SELECT text_status, page_count, text FROM file WHERE id = $1`, [fileId]);
    expect(row).toMatchObject({ text_status: 'done', page_count: 1 });
    expect(row.text).toContain('Schillerstraße');
    const res = await t.http().get(`${base}/search?q=Schillerstrasse`).expect(200);
    expect(res.body.data[0]).toMatchObject({ type: 'file', id: fileId, page: 1 });
    expect(res.body.data[0].snippet).toContain('<mark>Schillerstraße</mark>');
  });

  it('records a broken PDF as failed without stopping the worker', async () => {
    const upload = await t
      .http()
      .post(`${base}/files`)
      .set(...bearer(t.keys.editor))
      .field('publish', 'true')
      .attach('file', Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2000, 0x41)]), { filename: 'kaputt.pdf', contentType: 'application/pdf' })
      .expect(201);
    await eventually(async () => (await t.ds.query(`SELECT text_status FROM file WHERE id = $1`, [upload.body.id]))[0].text_status === 'failed');
    const [row] = await t.ds.query(`SELECT text_error FROM file WHERE id = $1`, [upload.body.id]);
    expect(row.text_error).toBeTruthy();
    // Still working afterwards:
    await t.http().post(`${base}/documents`).set(...bearer(t.keys.editor)).send({ name: 'Spielplatzkonzept', publish: true }).expect(201);
    await found('Spielplatzkonzept', 1);
  });

  it('retries failed extractions and rebuilds a body from the command line', async () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const [file] = await t.ds.query(`SELECT id FROM file WHERE text_status = 'done' LIMIT 1`);
      await t.ds.query(`UPDATE file SET text = NULL, text_status = 'failed', text_error = 'storage timeout' WHERE id = $1`, [file.id]);
      await searchCommand(['extract'], { failed: 'true' }, t.config);
      const [row] = await t.ds.query(`SELECT text_status, text_error, text FROM file WHERE id = $1`, [file.id]);
      expect(row).toMatchObject({ text_status: 'done', text_error: null });
      expect(row.text).toContain('Schillerstraße');
      await searchCommand(['reindex'], { body: 'musterstadt' }, t.config);
      expect(log.mock.calls.map((c) => String(c[0])).join('\n')).toMatch(/postgres: indexed \d+ records/);
      await found('Schillerstrasse', 1);
      await expect(searchCommand(['reindex'], { body: 'nirgendwo' }, t.config)).rejects.toThrow(/no body/);
    } finally {
      log.mockRestore();
    }
  });
});
