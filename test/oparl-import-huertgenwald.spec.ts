import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ImportSummary, OparlImporter, totalChanges } from '../src/modules/oparl-import/importer';
import { startTestApp, TestApp } from './support/app';
import { checkOparlConformance } from './support/oparl-conformance';

/**
 * A real municipality's OParl 1.0 crawl (saved responses, kept outside the repository): the
 * import matches the source less its deleted objects, is fast, changes nothing the second
 * time, and our OParl output of the imported body validates against the OParl 1.1 schemas.
 */

const FOLDER = join(__dirname, '..', '..', 'shared', 'oparl', 'real', 'huertgenwald-sdnet-rim');
const present = existsSync(join(FOLDER, 'system.json'));
if (!present) console.log(`OParl import of real data skipped: no saved crawl at ${FOLDER}`);

type Obj = Record<string, unknown>;

const objectsOf = (value: unknown): Obj[] => (Array.isArray(value) ? (value as Obj[]) : value && typeof value === 'object' ? [value as Obj] : []);

/** Counts what the saved responses hold, less the deleted objects, per table of ours. */
function countSource(): Record<string, number> {
  const lists: Record<string, Obj[]> = { organization: [], person: [], meeting: [], paper: [] };
  for (const name of readdirSync(join(FOLDER, 'body', '1'))) {
    const list = name.split('.')[0];
    const page = JSON.parse(readFileSync(join(FOLDER, 'body', '1', name), 'utf8')) as { data: Obj[] };
    lists[list].push(...page.data.filter((o) => o.deleted !== true));
  }
  const files = new Set<string>();
  const locations = new Set<string>();
  let agendaItems = 0;
  let consultations = 0;
  let minutes = 0;
  const body = (JSON.parse(readFileSync(join(FOLDER, 'body.json'), 'utf8')) as { data: Obj[] }).data[0];
  for (const l of objectsOf(body.location)) locations.add(String(l.id));
  for (const meeting of lists.meeting) {
    for (const l of objectsOf(meeting.location)) locations.add(String(l.id));
    for (const key of ['invitation', 'resultsProtocol', 'verbatimProtocol', 'auxiliaryFile']) for (const f of objectsOf(meeting[key])) files.add(String(f.id));
    minutes += objectsOf(meeting.resultsProtocol).length + objectsOf(meeting.verbatimProtocol).length;
    for (const item of objectsOf(meeting.agendaItem)) {
      agendaItems++;
      for (const key of ['resolutionFile', 'auxiliaryFile']) for (const f of objectsOf(item[key])) files.add(String(f.id));
    }
  }
  for (const paper of lists.paper) {
    consultations += objectsOf(paper.consultation).length;
    for (const key of ['mainFile', 'auxiliaryFile']) for (const f of objectsOf(paper[key])) files.add(String(f.id));
  }
  return {
    committee: lists.organization.length,
    person: lists.person.length,
    membership: lists.person.reduce((sum, p) => sum + objectsOf(p.membership).length, 0),
    session: lists.meeting.length,
    agenda_item: agendaItems,
    document: lists.paper.length,
    consultation: consultations,
    file: files.size,
    minutes,
    location: locations.size,
  };
}

(present ? describe : describe.skip)('OParl import of a real OParl 1.0 system (saved responses)', () => {
  let t: TestApp;
  let first: ImportSummary;
  const slug = 'huertgenwald';

  beforeAll(async () => {
    t = await startTestApp();
    first = await new OparlImporter(t.ds).run({ source: FOLDER, bodySlug: slug });
    console.log(`OParl import of the real crawl: ${first.seconds.toFixed(1)} s`);
  }, 120_000);
  afterAll(async () => t?.close());

  // Speed is shown by the CLI's own timing (`npm run cli -- import oparl <folder>`), not asserted here.
  it('reads the crawl as OParl 1.0', () => {
    expect(first.version).toBe('1.0');
  });

  it('imports as many records as the source holds, less its deleted objects', async () => {
    const expected = countSource();
    const actual: Record<string, number> = {};
    for (const table of Object.keys(expected)) {
      const [row] = await t.ds.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM ${table} WHERE body_id = $1 AND deleted_at IS NULL AND source_id IS NOT NULL`,
        [first.body.id],
      );
      actual[table] = row.n;
    }
    expect(actual).toEqual(expected);
    expect(expected.session).toBe(346);
    expect(expected.document).toBe(2097);
    for (const counts of Object.values(first.counts)) expect(counts?.failed).toBe(0);
  });

  it('reports the dangling references of the source (person locations missing from the crawl)', () => {
    expect(first.dangling.map((d) => `${d.kind}.${d.field}`)).toEqual(['person.location']);
    expect(first.dangling[0].count).toBe(35);
  });

  it('reports zero changes on a second import of the same data', async () => {
    const again = await new OparlImporter(t.ds).run({ source: FOLDER, bodySlug: slug });
    expect(totalChanges(again)).toBe(0);
    expect(again.counts.file).toMatchObject({ new: 0, updated: 0, deleted: 0 });
  });

  it('serves the imported body over OParl 1.1 so that it passes the whole conformance suite', async () => {
    const started = Date.now();
    const report = await checkOparlConformance(t.app, slug, { limit: 1000, fileBytes: 50 });
    console.log(`OParl conformance of the imported body: ${JSON.stringify(report.stats)} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    expect(report.violations.slice(0, 50)).toEqual([]);
    expect(report.violations).toHaveLength(0);
    expect(report.stats.validated).toBeGreaterThan(17_000);
  }, 300_000);
});
