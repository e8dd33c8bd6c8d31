import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config';
import { createStorage } from '../infra/storage/create-storage';
import type { Storage } from '../infra/storage/storage';
import { ensureBlob, forEachLimited } from './blobs';
import { BODY } from './demo/catalog';
import { DemoWorld, PlannedFile, buildDemoWorld } from './demo/world';
import { uuidV5 } from './ids';
import { renderPdf } from './pdf';
import { Queryable, pruneRows, returnedRows, timed, upsertRows } from './sql';
import {
  FileRow,
  agendaItemTable,
  bodyTable,
  committeeTable,
  consultationTable,
  documentTable,
  fileTable,
  legislativeTermTable,
  locationTable,
  membershipTable,
  minutesTable,
  personTable,
  sessionCommitteeTable,
  sessionTable,
} from './tables';

/**
 * The demo city "Musterstadt": two legislative terms, a council with committees and factions,
 * two years of sessions around today with agendas, minutes and resolutions, about 150
 * documents with consultations, and real PDFs in German for all of them.
 *
 * Idempotent: ids derive from stable keys, rows are upserted (unchanged rows are not touched)
 * and rows the seed wrote earlier but no longer produces are removed. Rows last written through
 * the API are left alone.
 */

export interface SeedDemoOptions {
  /** The moment the calendar is built around; defaults to now. */
  now?: Date;
  log?: (line: string) => void;
}

/** The body keeps its id once created, whatever created it. */
async function resolveBodyId(q: Queryable): Promise<string> {
  const rows = returnedRows<{ id: string }>(await q.query('SELECT id FROM body WHERE slug = $1', [BODY.slug]));
  return rows[0]?.id ?? uuidV5(`body:${BODY.slug}`);
}

async function storedHashes(q: Queryable, bodyId: string): Promise<Map<string, string>> {
  const rows = returnedRows<{ storage_key: string; sha512: string }>(await q.query('SELECT storage_key, sha512 FROM file WHERE body_id = $1', [bodyId]));
  return new Map(rows.map((row) => [row.storage_key, row.sha512]));
}

interface RenderedFile {
  row: FileRow;
  bytes: Buffer;
}

async function renderFiles(files: readonly PlannedFile[]): Promise<RenderedFile[]> {
  const rendered: RenderedFile[] = [];
  for (const file of files) {
    const pdf = await renderPdf(file.content);
    rendered.push({ row: { ...file.row, size: pdf.bytes.length, sha512: pdf.sha512, text: pdf.text, text_origin: 'text-layer' }, bytes: pdf.bytes });
  }
  return rendered;
}

/** Writes the PDFs that storage does not hold yet; returns how many it wrote. */
async function storeBlobs(storage: Storage, files: readonly RenderedFile[], known: Map<string, string>): Promise<number> {
  let written = 0;
  await forEachLimited(files, 8, async ({ row, bytes }) => {
    if (await ensureBlob(storage, row.storage_key, bytes, row.sha512, known.get(row.storage_key))) written++;
  });
  return written;
}

async function writeRows(q: Queryable, world: DemoWorld, files: readonly FileRow[]): Promise<void> {
  await upsertRows(q, bodyTable, [world.body]);
  await upsertRows(q, legislativeTermTable, world.terms);
  await upsertRows(q, locationTable, world.locations);
  await upsertRows(q, committeeTable, world.committees);
  await upsertRows(q, personTable, world.people);
  await upsertRows(q, membershipTable, world.memberships);
  await upsertRows(q, sessionTable, world.sessions);
  await upsertRows(q, sessionCommitteeTable, world.sessionCommittees);
  await upsertRows(q, agendaItemTable, world.agendaItems);
  await upsertRows(q, documentTable, world.documents);
  await upsertRows(q, consultationTable, world.consultations);
  await upsertRows(q, fileTable, files);
  await upsertRows(q, minutesTable, world.minutes);
}

/** Removes what earlier runs wrote and this one did not; returns the storage keys of removed files. */
async function pruneStale(q: Queryable, world: DemoWorld, files: readonly FileRow[]): Promise<{ removed: number; storageKeys: string[] }> {
  const bodyId = world.body.id;
  const ids = (rows: readonly { id: string }[]): string[] => rows.map((r) => r.id);
  let removed = (await pruneRows(q, 'minutes', bodyId, ids(world.minutes))).length;
  const storageKeys = await pruneRows(q, 'file', bodyId, ids(files), 'storage_key');
  removed += storageKeys.length;
  removed += (await pruneRows(q, 'consultation', bodyId, ids(world.consultations))).length;
  removed += (await pruneRows(q, 'agenda_item', bodyId, ids(world.agendaItems))).length;
  const links = returnedRows<{ session_id: string }>(
    await q.query(
      `DELETE FROM session_committee WHERE session_id = ANY($1::uuid[])
         AND (session_id, committee_id) NOT IN (SELECT * FROM unnest($2::uuid[], $3::uuid[])) RETURNING session_id`,
      [ids(world.sessions), world.sessionCommittees.map((l) => l.session_id), world.sessionCommittees.map((l) => l.committee_id)],
    ),
  );
  removed += links.length;
  for (const [table, rows] of [
    ['session', world.sessions],
    ['document', world.documents],
    ['membership', world.memberships],
    ['person', world.people],
    ['committee', world.committees],
    ['location', world.locations],
    ['legislative_term', world.terms],
  ] as const) {
    removed += (await pruneRows(q, table, bodyId, ids(rows))).length;
  }
  return { removed, storageKeys };
}

export async function seedDemo(ds: DataSource, config: AppConfig, options: SeedDemoOptions = {}): Promise<{ bodyId: string }> {
  const log = options.log ?? ((line: string) => console.log(line));
  const { result, seconds } = await timed(async () => {
    const bodyId = await resolveBodyId(ds);
    const world = buildDemoWorld(bodyId, options.now ?? new Date());
    const storage = createStorage(config);
    const rendered = await renderFiles(world.files);
    const written = await storeBlobs(storage, rendered, await storedHashes(ds, bodyId));
    const files = rendered.map((file) => file.row);
    const pruned = await ds.transaction(async (manager) => {
      await writeRows(manager, world, files);
      return pruneStale(manager, world, files);
    });
    for (const key of pruned.storageKeys) await storage.delete(key);
    return { bodyId, world, files: files.length, written, removed: pruned.removed };
  });
  const w = result.world;
  log(
    `${BODY.slug}: ${w.committees.length} committees, ${w.people.length} people, ${w.memberships.length} memberships, ` +
      `${w.sessions.length} sessions, ${w.agendaItems.length} agenda items, ${w.documents.length} documents, ` +
      `${w.consultations.length} consultations, ${result.files} files (${result.written} PDFs written), ${w.minutes.length} minutes; ` +
      `${result.removed} stale rows removed (${seconds} s)`,
  );
  return { bodyId: result.bodyId };
}
