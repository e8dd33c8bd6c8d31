import type { Job } from 'bullmq';
import PDFDocument from 'pdfkit';
import { createStorage } from '../src/infra/storage/create-storage';
import { ImportOptions, ImportSummary, OparlImporter, totalChanges } from '../src/modules/oparl-import/importer';
import { formatSummary } from '../src/modules/oparl-import/progress';
import { renderPdf } from '../src/seed/pdf';
import type { ResourceKind } from '../src/common/access/resources';
import { SearchJobs } from '../src/modules/search/search.worker';
import { FakeOparl, json, startFakeOparl } from './fixtures/oparl/server';
import { serveTextstadt, Textstadt, textstadt } from './fixtures/oparl/textstadt';
import { startTestApp, TestApp } from './support/app';

type Row = Record<string, unknown>;

/** A PDF whose only page has a drawing and no text: what a scan is to a reader without OCR. */
function blankPdf(): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4' });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.rect(100, 100, 200, 100).fill('#999999');
  doc.end();
  return done;
}

const pdfWith = async (sentence: string): Promise<Buffer> =>
  (await renderPdf({ issuer: 'Gemeinde Textstadt', title: 'Anlage', date: '2025-03-01', blocks: [{ kind: 'paragraph', text: sentence }] })).bytes;

const later = (minutes: number): string => new Date(Date.parse('2025-03-05T12:00:00+01:00') + minutes * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');

describe('OParl import: file text and the lists of embedded types', () => {
  let t: TestApp;
  let fake: FakeOparl;
  let jobs: SearchJobs;
  /** Files the extract job sent to the search index again. */
  const reindexed: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    fake = await startFakeOparl(() => undefined);
    jobs = new SearchJobs(t.config, { backlogMs: 60_000 });
    const enqueue = jobs.indexer.enqueue.bind(jobs.indexer);
    jest.spyOn(jobs.indexer, 'enqueue').mockImplementation(async (resource, id) => {
      if (resource === 'file') reindexed.push(id);
      return enqueue(resource, id);
    });
  });
  afterAll(async () => {
    await jobs?.close();
    await fake?.close();
    await t?.close();
  });

  const run = (slug: string, options: Partial<ImportOptions> = {}): Promise<ImportSummary> =>
    new OparlImporter(t.ds).run({ source: `${fake.origin}/system`, bodySlug: slug, http: { retryDelayMs: 5 }, allowPrivate: ['127.0.0.1'], ...options });
  const rows = (sql: string, params: unknown[] = []): Promise<Row[]> => t.ds.query<Row[]>(sql, params);
  const bodyId = async (slug: string): Promise<string> => String((await rows(`SELECT id FROM body WHERE slug = $1`, [slug]))[0].id);
  const bySource = async (table: string, slug: string, path: string): Promise<Row> =>
    (await rows(`SELECT * FROM ${table} WHERE body_id = $1 AND source_id = $2`, [await bodyId(slug), `${fake.origin}${path}`]))[0];
  const lastEvent = async (): Promise<number> => Number((await rows(`SELECT COALESCE(max(id), 0) AS id FROM change_event`))[0].id);
  const eventsAfter = (id: number): Promise<Row[]> => rows(`SELECT resource, resource_id, action FROM change_event WHERE id > $1 ORDER BY id`, [id]);

  /** Hands the file change events after `since` to the extract job, as the outbox relay does, and waits for the index. */
  const extractAfter = async (since: number): Promise<void> => {
    for (const e of await eventsAfter(since)) {
      if (e.resource === 'file') await jobs.extract({ data: { resource: 'file', resourceId: e.resource_id, action: e.action } } as Job);
    }
    await jobs.indexer.drain();
  };

  describe('text from the source and the lists of embedded types', () => {
    let city: Textstadt;
    let first: ImportSummary;
    const slug = 'textstadt';

    beforeAll(async () => {
      city = textstadt(fake.origin);
      fake.handler = serveTextstadt(city);
      first = await run(slug, { full: true });
    });

    it('adds objects found only in the lists, in their parents, and reports those whose parent the source lacks', async () => {
      expect(first.counts).toMatchObject({
        session: { new: 1 },
        'agenda-item': { new: 3, failed: 0 },
        document: { new: 1 },
        consultation: { new: 2, failed: 1 },
        membership: { new: 2 },
        file: { new: 5, failed: 0 },
      });
      expect(first.dangling).toContainEqual({ kind: 'consultation', field: 'document', count: 1, examples: [{ from: `${fake.origin}/consultations/3`, to: `${fake.origin}/papers/99` }] });
      const meeting = await bySource('session', slug, '/meetings/1');
      const items = await rows(`SELECT source_id, number, position, result FROM agenda_item WHERE session_id = $1 ORDER BY position`, [meeting.id]);
      expect(items.map((i) => [i.number, i.position])).toEqual([
        ['Ö 1', 0],
        ['Ö 2', 1],
        ['Ö 3', 2],
      ]);
      // The embedded copy of item 1 lacks its result: the standalone object fills it in.
      expect(items[0].result).toBe('zur Kenntnis genommen');
      const paper = await bySource('document', slug, '/papers/1');
      const consultations = await rows(`SELECT source_id, agenda_item_id, role FROM consultation WHERE document_id = $1 ORDER BY position`, [paper.id]);
      expect(consultations).toEqual([
        { source_id: `${fake.origin}/consultations/1`, agenda_item_id: (await bySource('agenda_item', slug, '/agendaItems/2')).id, role: 'Entscheidung' },
        { source_id: `${fake.origin}/consultations/2`, agenda_item_id: null, role: 'Kenntnisnahme' },
      ]);
      const person = await bySource('person', slug, '/people/1');
      expect(await rows(`SELECT role FROM membership WHERE person_id = $1 ORDER BY start_date`, [person.id])).toEqual([{ role: 'Mitglied' }, { role: 'Vorsitzende' }]);
    });

    it('places files by their back-references: URL entries replaced in place, files the parent omits appended', async () => {
      const meeting = await bySource('session', slug, '/meetings/1');
      const paper = await bySource('document', slug, '/papers/1');
      const item = await bySource('agenda_item', slug, '/agendaItems/3');
      const file = (n: number) => bySource('file', slug, `/files/${n}`);
      expect(await file(1)).toMatchObject({ role: 'invitation', session_id: meeting.id, position: 0, size: '1234' });
      expect(await file(2)).toMatchObject({ role: 'auxiliary', session_id: meeting.id, position: 1 });
      expect(await file(3)).toMatchObject({ role: 'main', document_id: paper.id, position: 0 });
      expect(await file(4)).toMatchObject({ role: 'auxiliary', document_id: paper.id, position: 1 });
      expect(await file(5)).toMatchObject({ role: 'auxiliary', agenda_item_id: item.id, position: 0 });
    });

    it('takes File.text as given (line ends, control characters and nothing else normalised), embedded copies first', async () => {
      const texts = await rows(`SELECT source_id, text, text_origin, source_text FROM file WHERE body_id = $1 ORDER BY source_id`, [await bodyId(slug)]);
      expect(texts.map(({ text, text_origin, source_text }) => ({ text, text_origin, source_text }))).toEqual([
        { text: 'Einladung zur Sitzung.\nTagesordnung: Ahornweg', text_origin: 'source', source_text: null },
        { text: 'Anwesend: Birkenweg und Co.\fSeite 2: Kiefernweg', text_origin: 'source', source_text: null },
        { text: 'Vorlage mit eingebettetem Text', text_origin: 'source', source_text: null },
        { text: 'Haushaltssicherungskonzept der Gemeinde', text_origin: 'source', source_text: null },
        // Only white space: no text.
        { text: null, text_origin: null, source_text: null },
      ]);
    });

    it('counts the text of the files in the summary', () => {
      expect(first.text).toMatchObject({ files: 5, source: 4, extracted: 0, none: 1, pendingExtraction: 0, withoutBytes: 5 });
      expect(formatSummary(first)).toContain('File text: 4 of 5 files have text: 4 from the source, 0 extracted from the bytes; 1 without text');
    });

    it('serves the text over REST (with include=text) and as OParl File.text, and says where it came from', async () => {
      const id = String((await bySource('file', slug, '/files/2')).id);
      const detail = await t.http().get(`/v1/bodies/${slug}/files/${id}?include=text`).expect(200);
      expect(detail.body).toMatchObject({ text: 'Anwesend: Birkenweg und Co.\fSeite 2: Kiefernweg', textOrigin: 'source' });
      const plain = await t.http().get(`/v1/bodies/${slug}/files/${id}`).expect(200);
      expect(plain.body.text).toBeUndefined();
      expect(plain.body.textOrigin).toBe('source');
      const list = await t.http().get(`/v1/bodies/${slug}/files`).expect(200);
      expect((list.body.data as { textOrigin: string | null }[]).map((f) => f.textOrigin).sort()).toEqual([null, 'source', 'source', 'source', 'source']);
      const oparl = await t.http().get(`/oparl/v1.1/file/${id}`).expect(200);
      expect(oparl.body.text).toBe('Anwesend: Birkenweg und Co.\fSeite 2: Kiefernweg');
    });

    it('makes the files findable by words of their text, through the change events it wrote', async () => {
      // As the outbox relay records them, and the worker's drain indexes them.
      await jobs.indexer.record((await eventsAfter(0)).map((e) => ({ kind: e.resource as ResourceKind, id: String(e.resource_id), visibilityChanged: true })));
      await jobs.indexer.drain();
      const res = await t.http().get(`/v1/bodies/${slug}/search?q=Haushaltssicherungskonzept&type=file`).expect(200);
      expect((res.body.data as { id: string }[]).map((hit) => hit.id)).toEqual([(await bySource('file', slug, '/files/4')).id]);
    });

    it('asks for modified_since in UTC with Z on the next run, and changes nothing when nothing changed', async () => {
      fake.requests.length = 0;
      const since = await lastEvent();
      const again = await run(slug);
      expect(again.modifiedSince).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      const filtered = fake.requests.filter((u) => u.searchParams.has('modified_since'));
      expect(filtered.map((u) => u.pathname.split('/').pop()).sort()).toEqual(expect.arrayContaining(['agendaItems', 'consultations', 'files', 'meetings', 'memberships', 'organizations', 'papers', 'people']));
      for (const u of filtered) {
        expect(u.searchParams.get('modified_since')).toBe(again.modifiedSince);
        expect(u.search).not.toMatch(/\+|%2B/i);
      }
      expect(totalChanges(again)).toBe(0);
      expect(await eventsAfter(since)).toEqual([]);
    });

    it('re-imports a file whose text changed, and only that file, fetching its parent for its place', async () => {
      const f4 = city.lists.files[3];
      Object.assign(f4, { text: 'Haushaltssicherungskonzept, zweite Fassung', modified: later(60) });
      // A server that answers filters as it should: only what changed.
      fake.handler = serveTextstadt(city, (url) => {
        if (!url.searchParams.has('modified_since') || !/^\/bodies\/1\/\w+$/.test(url.pathname)) return undefined;
        return json({ data: url.pathname.endsWith('/files') ? [f4] : [], pagination: {}, links: {} });
      });
      fake.requests.length = 0;
      const since = await lastEvent();
      const summary = await run(slug);
      const id = (await bySource('file', slug, '/files/4')).id;
      expect(summary.counts.file).toMatchObject({ updated: 1, new: 0, deleted: 0 });
      expect(totalChanges(summary)).toBe(1);
      expect(await eventsAfter(since)).toEqual([{ resource: 'file', resource_id: id, action: 'updated' }]);
      expect(fake.requests.map((u) => u.pathname)).toContain('/papers/1');
      expect((await bySource('file', slug, '/files/4')).text).toBe('Haushaltssicherungskonzept, zweite Fassung');
      // The paper's other children (consultation 2 exists only in the list) are still there.
      expect(await rows(`SELECT count(*)::int AS n FROM consultation WHERE document_id = $1 AND deleted_at IS NULL`, [(await bySource('document', slug, '/papers/1')).id])).toEqual([{ n: 2 }]);
      // Without stored bytes there is nothing to extract, and nothing to index again.
      reindexed.length = 0;
      await extractAfter(since);
      expect(reindexed).toEqual([]);
    });

    it('re-imports a changed meeting without losing what only the standalone objects of its unchanged children say', async () => {
      const meeting = city.lists.meetings[0];
      Object.assign(meeting, { name: 'Gemeinderat März (verlegt)', modified: later(90) });
      fake.handler = serveTextstadt(city, (url) => {
        if (!url.searchParams.has('modified_since') || !/^\/bodies\/1\/\w+$/.test(url.pathname)) return undefined;
        return json({ data: url.pathname.endsWith('/meetings') ? [meeting] : [], pagination: {}, links: {} });
      });
      const since = await lastEvent();
      const summary = await run(slug);
      const session = await bySource('session', slug, '/meetings/1');
      expect(summary.counts.session).toMatchObject({ updated: 1 });
      expect(totalChanges(summary)).toBe(1);
      expect(await eventsAfter(since)).toEqual([{ resource: 'session', resource_id: session.id, action: 'updated' }]);
      // The embedded copies of the invitation and of agenda item 1 lack text, size and result: the stored rows keep them.
      expect(await bySource('file', slug, '/files/1')).toMatchObject({ text: 'Einladung zur Sitzung.\nTagesordnung: Ahornweg', size: '1234', role: 'invitation' });
      expect((await bySource('agenda_item', slug, '/agendaItems/1')).result).toBe('zur Kenntnis genommen');
      // Agenda item 3 is not named by the meeting and not in this run: the source is known to leave such items out.
      expect(await rows(`SELECT count(*)::int AS n FROM agenda_item WHERE session_id = $1 AND deleted_at IS NULL`, [session.id])).toEqual([{ n: 3 }]);
      expect(await rows(`SELECT embeds_all FROM import_source WHERE body_id = $1`, [await bodyId(slug)])).toEqual([{ embeds_all: { agendaItem: false, consultation: false, file: false, membership: false } }]);
    });

    it('reads a list in full, with a warning, when the server refuses the filter', async () => {
      let refused = 0;
      fake.handler = serveTextstadt(city, (url) => {
        if (!url.searchParams.has('modified_since')) return undefined;
        if (url.pathname === '/bodies/1/meetings') return refused++, json({ message: 'unknown parameter' }, 400);
        if (url.pathname === '/bodies/1/files') return refused++, json({ message: 'Fehler' }, 500);
        return undefined;
      });
      const since = await lastEvent();
      const summary = await run(slug);
      expect(summary.modifiedSince).not.toBeNull();
      expect(refused).toBe(4);
      expect(summary.warnings).toEqual(['the meeting list answered 400 to modified_since; it was read in full instead', 'the file list answered 500 to modified_since; it was read in full instead']);
      expect(summary.counts.session).toMatchObject({ unchanged: 1 });
      expect(totalChanges(summary)).toBe(0);
      expect(await eventsAfter(since)).toEqual([]);
      expect(formatSummary(summary)).toContain('Warnings:\n  the meeting list answered 400');
    });

    it('goes on without a list of embedded types it cannot read, and asks again from the same point next time', async () => {
      fake.handler = serveTextstadt(city, (url) => (url.pathname === '/bodies/1/consultations' ? json({ message: 'Fehler' }, 503) : undefined));
      const id = await bodyId(slug);
      const stamps = (): Promise<Row[]> => rows(`SELECT last_started_at, last_success_at FROM import_source WHERE body_id = $1`, [id]);
      const before = await stamps();
      const broken = await run(slug);
      expect(broken.warnings).toEqual([expect.stringMatching(/^the consultation list could not be read \(GET .* answered 503\); what only it holds is missing from this run$/)]);
      expect(totalChanges(broken)).toBe(0);
      // The paper's consultations stay: the one only in that list is not known to be gone.
      expect(await rows(`SELECT count(*)::int AS n FROM consultation WHERE body_id = $1 AND deleted_at IS NULL`, [id])).toEqual([{ n: 2 }]);
      expect(await stamps()).toEqual(before);
      fake.handler = serveTextstadt(city);
      const next = await run(slug);
      expect(next.modifiedSince).toBe(broken.modifiedSince);
      expect(next.warnings).toEqual([]);
      expect(await stamps()).not.toEqual(before);
    });

    it('reads in full once when it has not learnt yet how the source embeds (a body imported by an older version)', async () => {
      await t.ds.query(`UPDATE import_source SET embeds_all = NULL WHERE body_id = $1`, [await bodyId(slug)]);
      const summary = await run(slug);
      expect(summary.modifiedSince).toBeNull();
      expect(summary.warnings).toEqual(['read in full once to learn how the source embeds what its lists of membership, agendaItem, consultation, file hold']);
      expect(totalChanges(summary)).toBe(0);
      expect((await run(slug)).modifiedSince).not.toBeNull();
    });
  });
  describe('file bytes (--download) and text extracted from them', () => {
    let city: Textstadt;
    const slug = 'dateien';
    const text = async (n: number): Promise<Row> =>
      (await rows(`SELECT text, text_origin, source_text, text_status, storage_key IS NOT NULL AS stored FROM file WHERE body_id = $1 AND source_id = $2`, [await bodyId(slug), `${fake.origin}/files/${n}`]))[0];
    const fileId = async (n: number): Promise<string> => String((await bySource('file', slug, `/files/${n}`)).id);
    const download = (): Partial<ImportOptions> => ({ download: { storage: createStorage(t.config), upload: t.config.upload, retryDelayMs: 5 } });

    beforeAll(async () => {
      city = textstadt(fake.origin);
      city.bytes.set('1.pdf', await pdfWith('Die Einladung nennt die Lindenallee.'));
      city.bytes.set('2.pdf', await blankPdf());
      city.bytes.set('3.pdf', Buffer.from('%PDF-1.4 kaputt'));
      city.bytes.set('5.pdf', await pdfWith('Folien zur Ulmenweg-Sanierung.'));
      // File 4 has no bytes at its URL (404).
      fake.handler = serveTextstadt(city);
    });

    it('extracts the downloaded bytes: extracted text replaces the source text, an empty or failed extraction keeps it', async () => {
      const since = await lastEvent();
      const first = await run(slug, { full: true, ...download() });
      expect(first.downloads).toMatchObject({ downloaded: 4, refetched: 0, failed: 1 });
      expect(first.text).toMatchObject({ files: 5, source: 4, extracted: 0, none: 1, pendingExtraction: 4, withoutBytes: 1 });
      reindexed.length = 0;
      await extractAfter(since);
      expect(await text(1)).toMatchObject({ text_origin: 'text-layer', text_status: 'done', source_text: 'Einladung zur Sitzung.\nTagesordnung: Ahornweg' });
      expect((await text(1)).text).toContain('Lindenallee');
      expect(await text(2)).toEqual({ text: 'Anwesend: Birkenweg und Co.\fSeite 2: Kiefernweg', text_origin: 'source', source_text: null, text_status: 'empty', stored: true });
      expect(await text(3)).toEqual({ text: 'Vorlage mit eingebettetem Text', text_origin: 'source', source_text: null, text_status: 'failed', stored: true });
      expect(await text(4)).toEqual({ text: 'Haushaltssicherungskonzept der Gemeinde', text_origin: 'source', source_text: null, text_status: null, stored: false });
      expect(await text(5)).toMatchObject({ text_origin: 'text-layer', text_status: 'done', source_text: null });
      // Only the files whose text changed go to the search index again.
      expect(reindexed.sort()).toEqual([await fileId(1), await fileId(5)].sort());
    });

    it('keeps extracted text when the unchanged source is imported again, and fetches nothing again', async () => {
      const since = await lastEvent();
      const again = await run(slug, download());
      expect(again.downloads).toMatchObject({ downloaded: 0, failed: 1 });
      expect(totalChanges(again)).toBe(0);
      expect(await eventsAfter(since)).toEqual([]);
      expect(again.text).toMatchObject({ files: 5, source: 3, extracted: 2, methods: { 'text-layer': 2 }, none: 0, pendingExtraction: 0 });
      expect(formatSummary(again)).toContain('File text: 5 of 5 files have text: 3 from the source, 2 extracted from the bytes (text-layer 2); 0 without text');
    });

    it('does not let a changed source text overwrite text extracted from the bytes, but keeps it for later', async () => {
      Object.assign(city.lists.files[0], { text: 'Einladung, berichtigt: Ahornweg und Eschenweg' });
      await run(slug, download());
      expect(await text(1)).toMatchObject({ text_origin: 'text-layer', source_text: 'Einladung, berichtigt: Ahornweg und Eschenweg' });
      expect((await text(1)).text).toContain('Lindenallee');
    });

    it('fetches bytes again when the source says they changed, extracts them again, and re-indexes only that file', async () => {
      city.bytes.set('1.pdf', await pdfWith('Neu: die Zedernallee.'));
      Object.assign(city.lists.files[0], { modified: later(120), size: (city.bytes.get('1.pdf') as Buffer).length });
      const since = await lastEvent();
      const summary = await run(slug, download());
      expect(summary.downloads).toMatchObject({ downloaded: 1, refetched: 1, failed: 1 });
      const id = await fileId(1);
      expect((await eventsAfter(since)).map((e) => e.resource_id)).toEqual([id, id]);
      reindexed.length = 0;
      await extractAfter(since);
      expect(reindexed).toEqual([id]);
      expect((await text(1)).text).toContain('Zedernallee');
      expect((await text(1)).text).not.toContain('Lindenallee');
    });

    it('falls back to the source text when the new bytes have none', async () => {
      city.bytes.set('1.pdf', await blankPdf());
      Object.assign(city.lists.files[0], { modified: later(180) });
      const since = await lastEvent();
      await run(slug, download());
      await extractAfter(since);
      expect(await text(1)).toEqual({ text: 'Einladung, berichtigt: Ahornweg und Eschenweg', text_origin: 'source', source_text: null, text_status: 'empty', stored: true });
      const id = await fileId(1);
      const detail = await t.http().get(`/v1/bodies/${slug}/files/${id}?include=text`).expect(200);
      expect(detail.body).toMatchObject({ text: 'Einladung, berichtigt: Ahornweg und Eschenweg', textOrigin: 'source' });
    });

    it('fetches nothing again when only the metadata changed and the bytes are the same', async () => {
      Object.assign(city.lists.files[1], { name: 'Anwesenheitsliste (öffentlich)', modified: later(240) });
      const since = await lastEvent();
      const summary = await run(slug, download());
      expect(summary.downloads).toMatchObject({ downloaded: 1, refetched: 1 });
      // One event: the new name. The same bytes again change nothing and need no extraction.
      expect((await eventsAfter(since)).map((e) => e.resource_id)).toEqual([await fileId(2)]);
      const next = await run(slug, download());
      expect(next.downloads).toMatchObject({ downloaded: 0 });
    });
  });
});
