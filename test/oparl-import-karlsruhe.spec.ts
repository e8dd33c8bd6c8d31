import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ImportSummary, OparlImporter, totalChanges } from '../src/modules/oparl-import/importer';
import { startTestApp, TestApp } from './support/app';

/**
 * A slice of a real OParl 1.1 system (Stadt Karlsruhe, SessionNet: the meetings and papers of
 * 2024) whose File objects carry the text of the real PDFs, kept as an archive outside the
 * repository: the import matches the source, takes the texts, and changes nothing the second
 * time.
 */

const ARCHIVE = join(__dirname, '..', '..', 'shared', 'oparl', 'real', 'karlsruhe-2024.tar.xz');
const present = existsSync(ARCHIVE);
if (!present) console.log(`OParl import of the Karlsruhe slice skipped: no archive at ${ARCHIVE}`);

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
  let folder: string;
  let first: ImportSummary;
  const slug = 'karlsruhe';

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'oparl-karlsruhe-'));
    await promisify(execFile)('tar', ['xJf', ARCHIVE, '-C', folder]);
    t = await startTestApp();
    first = await new OparlImporter(t.ds).run({ source: folder, bodySlug: slug });
    console.log(`OParl import of the Karlsruhe slice: ${first.seconds.toFixed(1)} s`);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    if (folder) await rm(folder, { recursive: true, force: true });
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

  it('changes nothing, and writes no change event, when run again', async () => {
    const events = async (): Promise<number> => (await t.ds.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM change_event WHERE body_id = $1`, [first.body.id]))[0].n;
    const before = await events();
    const again = await new OparlImporter(t.ds).run({ source: folder, bodySlug: slug });
    console.log(`second import of the Karlsruhe slice: ${again.seconds.toFixed(1)} s`);
    expect(totalChanges(again)).toBe(0);
    expect(await events()).toBe(before);
  }, 60_000);
});
