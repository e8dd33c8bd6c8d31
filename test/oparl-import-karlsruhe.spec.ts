import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ResourceKind } from '../src/common/access/resources';
import { ImportSummary, OparlImporter, totalChanges } from '../src/modules/oparl-import/importer';
import { startTestApp, TestApp } from './support/app';
import { KARLSRUHE_ARCHIVE, realDataPresent, unpackArchive } from './support/real-data';
import { indexerFor } from './support/search';

/**
 * A slice of a real OParl 1.1 system (Stadt Karlsruhe, SessionNet: the meetings and papers of
 * 2024) whose File objects carry the text of the real PDFs, kept as an archive outside the
 * repository: the import matches the source, takes the texts (served by the API, by our own
 * OParl and found by search), and changes nothing the second time.
 */

const present = realDataPresent(KARLSRUHE_ARCHIVE, 'OParl import of the Karlsruhe slice');

type Obj = Record<string, unknown>;

const objectsOf = (value: unknown): Obj[] => (Array.isArray(value) ? (value as unknown[]) : [value]).filter((v): v is Obj => !!v && typeof v === 'object');
const refsOf = (value: unknown): string[] => (Array.isArray(value) ? (value as unknown[]) : [value]).filter((v): v is string => typeof v === 'string');

/** Every object of a saved list (all its pages). */
function readList(folder: string, name: string): Obj[] {
  const dir = join(folder, 'bodies', '0001');
  const pages = readdirSync(dir).filter((f) => f === `${name}.json` || (f.startsWith(`${name}.page-`) && f.endsWith('.json')));
  return pages.flatMap((f) => (JSON.parse(readFileSync(join(dir, f), 'utf8')) as { data: Obj[] }).data).filter((o) => o.deleted !== true);
}

/** What the saved responses hold, counted the plain way: embedded objects, and list objects whose parent is there. */
function countSource(folder: string): Record<string, number> {
  const meetings = readList(folder, 'meetings');
  const papers = readList(folder, 'papers');
  const meetingIds = new Set(meetings.map((m) => String(m.id)));
  const paperIds = new Set(papers.map((p) => String(p.id)));
  const agendaItems = new Set<string>();
  const consultations = new Set<string>();
  const files = new Map<string, Obj[]>();
  const addFile = (f: Obj): void => void files.set(String(f.id), [...(files.get(String(f.id)) ?? []), f]);
  for (const meeting of meetings) {
    for (const key of ['invitation', 'resultsProtocol', 'verbatimProtocol', 'auxiliaryFile']) objectsOf(meeting[key]).forEach(addFile);
    for (const item of objectsOf(meeting.agendaItem)) {
      agendaItems.add(String(item.id));
      for (const key of ['resolutionFile', 'auxiliaryFile']) objectsOf(item[key]).forEach(addFile);
    }
  }
  for (const paper of papers) {
    for (const c of objectsOf(paper.consultation)) consultations.add(String(c.id));
    for (const key of ['mainFile', 'auxiliaryFile']) objectsOf(paper[key]).forEach(addFile);
  }
  for (const item of readList(folder, 'agendaitems')) if (meetingIds.has(String(item.meeting))) agendaItems.add(String(item.id));
  for (const c of readList(folder, 'consultations')) if (paperIds.has(String(c.paper))) consultations.add(String(c.id));
  for (const f of readList(folder, 'files')) {
    const parents = [...refsOf(f.paper), ...refsOf(f.meeting), ...refsOf(f.agendaItem)];
    if (files.has(String(f.id)) || parents.some((p) => paperIds.has(p) || meetingIds.has(p) || agendaItems.has(p))) addFile(f);
  }
  const withText = [...files.values()].filter((copies) => copies.some((f) => typeof f.text === 'string' && /\S/.test(f.text))).length;
  return { session: meetings.length, agenda_item: agendaItems.size, document: papers.length, consultation: consultations.size, file: files.size, withText };
}

(present ? describe : describe.skip)('OParl import of a real OParl 1.1 system with file text (Karlsruhe, saved responses)', () => {
  let t: TestApp;
  let unpacked: { folder: string; remove(): Promise<void> };
  let folder: string;
  let first: ImportSummary;
  const slug = 'karlsruhe';

  beforeAll(async () => {
    unpacked = await unpackArchive(KARLSRUHE_ARCHIVE);
    folder = unpacked.folder;
    t = await startTestApp();
    first = await new OparlImporter(t.ds).run({ source: folder, bodySlug: slug });
    console.log(`OParl import of the Karlsruhe slice: ${first.seconds.toFixed(1)} s`);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await unpacked?.remove();
  });

  const count = async (table: string, where = 'TRUE'): Promise<number> =>
    (await t.ds.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${table} WHERE body_id = $1 AND deleted_at IS NULL AND ${where}`, [first.body.id]))[0].n;

  it('imports as many records as the source holds, and the text of every file that has one', async () => {
    const expected = countSource(folder);
    expect(expected).toEqual({ session: 184, agenda_item: 1634, document: 953, consultation: 1192, file: 3068, withText: 2202 });
    const actual: Record<string, number> = {};
    for (const table of ['session', 'agenda_item', 'document', 'consultation', 'file']) actual[table] = await count(table);
    actual.withText = await count('file', `text IS NOT NULL AND text_origin = 'source'`);
    expect(actual).toEqual(expected);
    expect(first.text).toMatchObject({ files: 3068, source: 2202, extracted: 0, none: 866 });
    // Consultations of papers outside the slice have no parent here: reported, not imported.
    expect(first.counts.consultation).toMatchObject({ new: 1192, failed: 262 });
    expect(first.dangling.find((d) => d.kind === 'consultation' && d.field === 'document')?.count).toBe(262);
    expect(first.warnings).toEqual([]);
  });

  it('holds the words of the real PDFs in file.text and serves them', async () => {
    const [file] = await t.ds.query<{ id: string; text: string }[]>(`SELECT id, text FROM file WHERE body_id = $1 AND source_id = $2`, [
      first.body.id,
      'https://web1.karlsruhe.de/oparl/bodies/0001/files/645787',
    ]);
    expect(file.text).toContain('Freiflächenplanung Landratsamt – Neugestaltung Platz am Ettlinger Tor');
    expect(await count('file', `text LIKE '%Recyclingpapier%'`)).toBeGreaterThan(1000);
    const res = await t.http().get(`/v1/bodies/${slug}/files/${file.id}?include=text`).expect(200);
    expect(res.body).toMatchObject({ textOrigin: 'source' });
    expect(res.body.text).toBe(file.text);
  });

  it('makes words from inside the PDFs findable, through the index its change events build, and serves them as OParl File.text', async () => {
    const events: { resource: ResourceKind; resource_id: string }[] = await t.ds.query(`SELECT resource, resource_id FROM change_event WHERE body_id = $1`, [first.body.id]);
    const indexer = indexerFor(t.ds);
    await indexer.record(events.map((e) => ({ kind: e.resource, id: e.resource_id, visibilityChanged: true })));
    await indexer.drain();
    const [file] = await t.ds.query<{ id: string }[]>(`SELECT id FROM file WHERE body_id = $1 AND source_id = $2`, [first.body.id, 'https://web1.karlsruhe.de/oparl/bodies/0001/files/645787']);
    // A phrase from the PDF's text only, not from any title.
    const q = encodeURIComponent('"Beiertheimer Allee"');
    for (const path of [`/v1/bodies/${slug}/search?q=${q}`, `/v1/search?bodies=${slug}&q=${q}`]) {
      const res = await t.http().get(path).expect(200);
      expect([path, (res.body.data as { id: string }[]).some((h) => h.id === file.id)]).toEqual([path, true]);
    }
    const oparl = await t.http().get(`/oparl/v1.1/file/${file.id}`).expect(200);
    expect(oparl.body.text).toContain('Beiertheimer');
  }, 120_000);

  it('changes nothing, and writes no change event, when run again', async () => {
    const events = async (): Promise<number> => (await t.ds.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM change_event WHERE body_id = $1`, [first.body.id]))[0].n;
    const before = await events();
    const again = await new OparlImporter(t.ds).run({ source: folder, bodySlug: slug });
    console.log(`second import of the Karlsruhe slice: ${again.seconds.toFixed(1)} s`);
    expect(totalChanges(again)).toBe(0);
    expect(await events()).toBe(before);
  }, 60_000);
});
