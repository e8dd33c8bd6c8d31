import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config';
import { createStorage } from '../infra/storage/create-storage';
import { ensureBlobByContent, forEachLimited } from './blobs';
import { md5Uuid, uuidV5 } from './ids';
import { renderBenchmarkPdfs } from './large/blobs';
import { BlobSet, GenerationInput, generateSessions, insertAgendaItems, insertConsultations, insertDocuments, insertFiles, loadVocabulary, planAgendas, pruneUntouched } from './large/generate';
import { LARGE_NAME, LARGE_SLUG, LargeShape, ReferenceData, largeShape, referenceData } from './large/reference';
import { Queryable, pruneRows, returnedRows, timed, upsertRows } from './sql';
import { BodyRow, bodyTable, committeeTable, legislativeTermTable, locationTable, membershipTable, personTable } from './tables';
import { berlinDate } from './time';

/**
 * A big city for benchmarks ("grossstadt"): at scale 1 about 60 committees, 600 people,
 * 3,000 memberships, 12,000 sessions over twelve years, 200,000 agenda items (10 % non-public),
 * 80,000 documents, 120,000 consultations and 250,000 file rows sharing 20 stored PDFs.
 *
 * The big tables are generated inside PostgreSQL. When the body already has the expected
 * numbers of rows nothing is written; otherwise all its rows are rewritten under the same ids
 * and whatever this run did not write is deleted.
 */

export interface SeedLargeOptions {
  scale: number;
  log?: (line: string) => void;
}

export interface SeedLargeResult {
  bodyId: string;
  /** A public file of about 1 MiB, for download benchmarks. */
  largeFileId: string;
}

const COUNTED_TABLES = ['committee', 'person', 'membership', 'session', 'agenda_item', 'document', 'consultation', 'file', 'minutes'] as const;
type Counts = Record<(typeof COUNTED_TABLES)[number], number>;

function largeBody(id: string): BodyRow {
  return {
    id,
    slug: LARGE_SLUG,
    name: LARGE_NAME,
    short_name: 'Großstadt',
    website: 'https://www.grossstadt.example',
    license: 'https://creativecommons.org/licenses/by/4.0/',
    ags: '09999998',
    rgs: '099999980000',
    classification: 'Kreisfreie Stadt',
    contact_email: 'ratsinfo@grossstadt.example',
    contact_name: 'Büro des Rates',
    web_url_templates: JSON.stringify({ session: 'https://www.grossstadt.example/sitzung/{id}', document: 'https://www.grossstadt.example/vorlage/{id}' }),
    deleted_at: null,
  };
}

/** Runs one step and logs it with its duration. */
async function step<T>(log: (line: string) => void, label: string, work: () => Promise<T>, describe: (result: T) => string): Promise<T> {
  const { result, seconds } = await timed(work);
  log(`${LARGE_SLUG}: ${[label, describe(result)].filter(Boolean).join(' ')} (${seconds} s)`);
  return result;
}

async function resolveBodyId(q: Queryable): Promise<string> {
  const rows = returnedRows<{ id: string }>(await q.query('SELECT id FROM body WHERE slug = $1', [LARGE_SLUG]));
  return rows[0]?.id ?? uuidV5(`body:${LARGE_SLUG}`);
}

async function countRows(q: Queryable, bodyId: string): Promise<Counts> {
  const select = COUNTED_TABLES.map((t) => `(SELECT count(*) FROM ${t} WHERE body_id = $1) AS ${t}`).join(', ');
  const row = returnedRows<Record<string, string>>(await q.query(`SELECT ${select}`, [bodyId]))[0] ?? {};
  return Object.fromEntries(COUNTED_TABLES.map((t) => [t, Number(row[t] ?? 0)])) as Counts;
}

/** Counts that do not depend on the day the seed ran (minutes follow the held sessions). */
function expectedCounts(shape: LargeShape, ref: ReferenceData): Omit<Counts, 'minutes'> {
  return {
    committee: ref.committees.length,
    person: shape.people,
    membership: shape.memberships,
    session: shape.sessions,
    agenda_item: shape.agendaItems,
    document: shape.documents,
    consultation: shape.consultations,
    file: shape.files,
  };
}

const formatCounts = (counts: Partial<Counts>): string =>
  Object.entries(counts)
    .map(([table, n]) => `${table} ${n.toLocaleString('en-US')}`)
    .join(', ');

/** Renders the shared PDFs and stores each under the key of the file row that owns it. */
async function storeBlobs(config: AppConfig, bodyId: string): Promise<BlobSet> {
  const storage = createStorage(config);
  const pdfs = await renderBenchmarkPdfs();
  const storageKeys = pdfs.map((_, blob) => `${bodyId}/${md5Uuid(`${bodyId}:file:invitation:${blob}`)}`);
  await forEachLimited(
    pdfs.map((pdf, blob) => ({ pdf, key: storageKeys[blob] })),
    4,
    async ({ pdf, key }) => void (await ensureBlobByContent(storage, key, pdf.bytes, pdf.sha512)),
  );
  return { sizes: pdfs.map((p) => p.bytes.length), sha512s: pdfs.map((p) => p.sha512), storageKeys };
}

async function writeReference(q: Queryable, body: BodyRow, ref: ReferenceData): Promise<void> {
  await upsertRows(q, bodyTable, [body]);
  await upsertRows(q, legislativeTermTable, ref.terms);
  await upsertRows(q, locationTable, ref.locations);
  await upsertRows(q, committeeTable, ref.committees);
  await upsertRows(q, personTable, ref.people);
  await upsertRows(q, membershipTable, ref.memberships);
}

async function pruneReference(q: Queryable, bodyId: string, ref: ReferenceData): Promise<number> {
  const ids = (rows: readonly { id: string }[]): string[] => rows.map((r) => r.id);
  let removed = 0;
  for (const [table, rows] of [
    ['membership', ref.memberships],
    ['person', ref.people],
    ['committee', ref.committees],
    ['location', ref.locations],
    ['legislative_term', ref.terms],
  ] as const) {
    removed += (await pruneRows(q, table, bodyId, ids(rows))).length;
  }
  return removed;
}

async function generate(ds: DataSource, input: GenerationInput, body: BodyRow, log: (line: string) => void): Promise<void> {
  await ds.transaction(async (q) => {
    await step(log, 'reference data', () => writeReference(q, body, input.ref), () => `${input.ref.committees.length} committees, ${input.ref.people.length} people, ${input.ref.memberships.length} memberships`);
    await loadVocabulary(q);
    await step(log, 'sessions', () => generateSessions(q, input), (n) => n.toLocaleString('en-US'));
    await step(log, 'agenda plan', () => planAgendas(q, input), (r) => `${r.documents.toLocaleString('en-US')} documents`);
    await step(log, 'agenda items', () => insertAgendaItems(q, input), () => input.shape.agendaItems.toLocaleString('en-US'));
    await step(log, 'documents', () => insertDocuments(q, input), () => input.shape.documents.toLocaleString('en-US'));
    await step(log, 'consultations', () => insertConsultations(q, input), () => input.shape.consultations.toLocaleString('en-US'));
    await step(log, 'files and minutes', () => insertFiles(q, input), (r) => `${r.files.toLocaleString('en-US')} files, ${r.minutes.toLocaleString('en-US')} minutes`);
    await step(log, 'stale rows removed', async () => (await pruneUntouched(q, input.bodyId)) + (await pruneReference(q, input.bodyId, input.ref)), (n) => n.toLocaleString('en-US'));
  });
}

export async function seedLarge(ds: DataSource, config: AppConfig, opts: SeedLargeOptions): Promise<SeedLargeResult> {
  const log = opts.log ?? ((line: string) => console.log(line));
  if (!Number.isFinite(opts.scale) || opts.scale <= 0 || opts.scale > 20) throw new Error(`scale must be a number above 0 and at most 20, got ${opts.scale}`);
  const run = await timed(async () => {
    const shape = largeShape(opts.scale);
    const bodyId = await resolveBodyId(ds);
    const largeFileId = md5Uuid(`${bodyId}:file:invitation:0`);
    const ref = referenceData(bodyId, shape, berlinDate(new Date()));
    const blobs = await step(log, 'stored PDFs', () => storeBlobs(config, bodyId), (b) => `${b.sizes.length} (${(b.sizes.reduce((a, n) => a + n, 0) / 1e6).toFixed(1)} MB)`);
    const expected = expectedCounts(shape, ref);
    const before = await countRows(ds, bodyId);
    const upToDate = (Object.keys(expected) as (keyof typeof expected)[]).every((table) => before[table] === expected[table]);
    if (upToDate) {
      log(`${LARGE_SLUG}: already seeded at scale ${opts.scale} (${formatCounts(before)}); nothing to do`);
      return { bodyId, largeFileId };
    }
    await generate(ds, { bodyId, shape, ref, blobs }, largeBody(bodyId), log);
    await step(log, 'analyze', () => analyze(ds), () => '');
    log(`${LARGE_SLUG}: ${formatCounts(await countRows(ds, bodyId))}`);
    return { bodyId, largeFileId };
  });
  log(`${LARGE_SLUG}: done in ${run.seconds} s; large file ${run.result.largeFileId}`);
  return run.result;
}

async function analyze(q: Queryable): Promise<void> {
  for (const table of [...COUNTED_TABLES, 'session_committee', 'legislative_term', 'location']) await q.query(`ANALYZE ${table}`);
}
