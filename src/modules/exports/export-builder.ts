import { createHash, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream, WriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PassThrough, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import Database from 'better-sqlite3';
import { Client, type ClientBase, type Pool } from 'pg';
import { ZipFile } from 'yazl';
import type { Storage } from '../../infra/storage/storage';
import { OparlBases, publicBodySql, publicObjectsSql, Statement } from '../oparl/oparl.repository';
import { KINDS, OBJECT_SEGMENTS, OPARL_VISIBILITY } from '../oparl/oparl.sql';
import { RESOURCES } from '../../common/access/resources';
import { EXPORT_TABLES, ExportColumn, ExportTable } from './export-tables';

/** Version of the archive layout; raised when files or columns change incompatibly. */
export const EXPORT_FORMAT_VERSION = 1;
/**
 * Rows per FETCH from a cursor: enough that round trips do not count, few enough that a batch
 * stays near `BATCH_BYTES` (meetings with their agendas are large), for flat memory.
 */
const BATCH = { first: 100, min: 20, max: 2000 };
const BATCH_BYTES = 512 * 1024;
/** Connections that read at the same time, each on its own PostgreSQL backend (and core). */
const LANES = 2;
/** Deflate level of the archive: 6 (zlib's default) costs little more time than 1 and saves about a fifth. */
const ZIP_LEVEL = 6;
/** First key of the advisory locks of exports (the second is the body); the others are in migrate.ts and the newsletter. */
const EXPORT_LOCK = 7_301_004;

export interface ExportBody {
  id: string;
  slug: string;
  name: string;
  license: string | null;
}

export interface BuiltExport {
  id: string;
  generatedAt: Date;
  size: number;
  sha256: string;
  storageKey: string;
  counts: Record<string, number>;
  /** Milliseconds per part of the build (see `ExportTimings`). */
  timings: ExportTimings;
}

/**
 * Where a build spent its time, in milliseconds. The parts of the files overlap (two
 * connections read at once, the archive is compressed while they do), so they add up to
 * more than `total`.
 */
export interface ExportTimings {
  /** Per file (`oparl/<type>`, `<table>`): from its first statement to its last byte. */
  files: Record<string, number>;
  /** Waiting for PostgreSQL (rendering the rows), summed over the connections. */
  postgres: number;
  /** Writing JSON Lines and CSV (escaping, hashing, writing to disk). */
  text: number;
  /** Inserting into SQLite. */
  sqlite: number;
  /** From the last file written to the archive stored (compressing what is left, storing). */
  archive: number;
  total: number;
}

/**
 * A build of this body's export is running elsewhere (another process or machine holds its
 * lock), so this one did not start. Nothing was written. Callers skip the body or try later.
 */
export class ExportAlreadyRunning extends Error {
  constructor(readonly slug: string) {
    super(`an export of body "${slug}" is already being built (by another process); this one did not start`);
    this.name = 'ExportAlreadyRunning';
  }
}

/**
 * Takes the body's export lock on `client`: a PostgreSQL session-level advisory lock, so it
 * holds across processes and machines and ends with the connection if the process dies.
 * Throws `ExportAlreadyRunning` when another connection holds it.
 */
export async function lockBodyExport(client: ClientBase, body: ExportBody): Promise<void> {
  const { rows } = await client.query<{ locked: boolean }>(`SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked`, [EXPORT_LOCK, body.id]);
  if (!rows[0].locked) throw new ExportAlreadyRunning(body.slug);
}

export async function unlockBodyExport(client: ClientBase, body: ExportBody): Promise<void> {
  await client.query(`SELECT pg_advisory_unlock($1, hashtext($2))`, [EXPORT_LOCK, body.id]);
}

/** A file of the archive being written: bytes go to disk, their SHA-256 along the way. */
class Entry {
  readonly hash = createHash('sha256');
  private readonly out: WriteStream;

  constructor(
    readonly name: string,
    readonly path: string,
  ) {
    this.out = createWriteStream(path);
  }

  async write(text: string): Promise<void> {
    if (!text) return;
    // Encoded once, for the digest and the file alike.
    const chunk = Buffer.from(text);
    this.hash.update(chunk);
    // `once` rejects on 'error' and removes both listeners when either fires.
    if (!this.out.write(chunk)) await once(this.out, 'drain');
  }

  async close(): Promise<string> {
    await new Promise<void>((resolve, reject) => this.out.end((error?: Error | null) => (error ? reject(error) : resolve())));
    return this.hash.digest('hex');
  }

  /** Closes the file after a failure, without waiting for it. */
  abort(): void {
    this.out.destroy();
  }
}

/** A stream that passes its bytes on and shows each chunk to `see` (a digest, a count). */
function tap(see: (chunk: Buffer) => void): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      see(chunk);
      callback(null, chunk);
    },
  });
}

/** A CSV/SQLite value of a column from its SQL text. */
function sqliteValue(column: ExportColumn, value: string | null): string | number | null {
  if (value === null) return null;
  if (column.type === 'integer') return Number(value);
  if (column.type === 'boolean') return value === 'true' ? 1 : 0;
  return value;
}

const NEEDS_QUOTES = /[",\r\n]/;
/** One CSV field as RFC 4180 writes it: quoted (quotes doubled) only when it holds a comma, quote or line break; NULL is empty. */
function csvField(value: string | null): string {
  if (value === null) return '';
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
const csvLine = (values: (string | null)[]): string => values.map(csvField).join(',') + '\n';

/** The SQL of a table's public rows in id order: $1 body, $2 REST base URL (if used). */
function tableSql(table: ExportTable, bodyId: string, rest: string): Statement {
  const r = RESOURCES[table.resource];
  const usesRest = table.columns.some((c) => c.sql.includes('%REST%'));
  const columns = table.columns.map((c, i) => `${c.sql.replace('%REST%', '$2::text')} AS c${i}`).join(', ');
  const sql = `SELECT ${columns} FROM ${r.table} x JOIN body b ON b.id = x.body_id
    WHERE x.body_id = $1::uuid AND ${r.visible('x', OPARL_VISIBILITY)} ORDER BY x.id`;
  return { sql, values: usesRest ? [bodyId, rest] : [bodyId] };
}

/** A connection reading in the build's snapshot, with the time it waited for PostgreSQL. */
class Lane {
  waited = 0;
  private cursors = 0;

  constructor(readonly client: ClientBase) {}

  /** Runs `statement` through a cursor and hands its rows (as arrays of column texts) on in batches. */
  async each(statement: Statement, batch: (rows: (string | null)[][]) => Promise<void>): Promise<void> {
    const cursor = `export_${++this.cursors}`;
    await this.timed(() => this.client.query(`DECLARE ${cursor} NO SCROLL CURSOR FOR ${statement.sql}`, statement.values));
    for (let size = BATCH.first; ; ) {
      const { rows } = await this.timed(() => this.client.query<(string | null)[]>({ text: `FETCH ${size} FROM ${cursor}`, rowMode: 'array' }));
      if (rows.length) await batch(rows);
      if (rows.length < size) break;
      // The next batch from the size of the rows so far (their first column: the JSON, or the id).
      const bytes = rows.reduce((sum, row) => sum + (row[0]?.length ?? 0) * (row.length > 1 ? row.length : 1), 0) / rows.length;
      size = Math.max(BATCH.min, Math.min(BATCH.max, Math.round(BATCH_BYTES / Math.max(bytes, 1))));
    }
    await this.client.query(`CLOSE ${cursor}`);
  }

  private async timed<T>(work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await work();
    } finally {
      this.waited += performance.now() - started;
    }
  }
}

/** One file (or table) of the archive, built on whichever lane is free. */
interface Part {
  name: string;
  run(lane: Lane): Promise<void>;
}

/**
 * Builds the bulk export of one body: OParl objects as JSON Lines per type, a CSV file per
 * table, a SQLite file with the same tables, `manifest.json` and `SHA256SUMS`, zipped.
 *
 * All reads see one snapshot of the database (a repeatable-read transaction, shared by its
 * connections), so the files agree with each other. Each type and table is one statement
 * read through a cursor in batches, rendered by PostgreSQL; two connections read at once,
 * so PostgreSQL renders on two cores. Rows go to files in a temporary folder (never the
 * whole city in memory); each file joins the archive as soon as it is complete, so it is
 * compressed (on libuv's threads) while the others are still read, and the archive is
 * streamed to storage with its size and SHA-256 taken on the way. Only what the anonymous
 * audience sees goes in.
 */
export class ExportBuilder {
  constructor(
    private readonly pool: Pool,
    private readonly storage: Storage,
    private readonly bases: OparlBases,
  ) {}

  /**
   * `client` is a connection the caller holds (the one with the body's lock); the build reads
   * on it and on one more connection of its own (with the pool's settings), and leaves
   * `client` idle, outside a transaction.
   */
  async build(body: ExportBody, client: ClientBase, log: (line: string) => void = () => undefined): Promise<BuiltExport> {
    const started = performance.now();
    const id = randomUUID();
    const generatedAt = new Date();
    const storageKey = `exports/${body.id}/${id}.zip`;
    const dir = await mkdtemp(join(tmpdir(), 'ratsinfo-export-'));
    const timings: ExportTimings = { files: {}, postgres: 0, text: 0, sqlite: 0, archive: 0, total: 0 };
    const sums = new Map<string, string>();
    const counts: Record<string, number> = {};
    const open: Entry[] = [];

    // The archive, streamed to storage while it is written; the files join it as they are done.
    const zip = new ZipFile();
    const zipHash = createHash('sha256');
    let size = 0;
    const hashing = tap((chunk) => {
      zipHash.update(chunk);
      size += chunk.length;
    });
    const archived = new PassThrough();
    const stored = this.storage.put(storageKey, archived, 'application/zip');
    const zipped = pipeline(zip.outputStream, hashing, archived);
    zip.on('error', (error: Error) => archived.destroy(error));
    // Both settle on their own; a failure is raised where they are awaited (or by the build's own error).
    stored.catch(() => undefined);
    zipped.catch(() => undefined);
    const addToArchive = (name: string, path: string): void => zip.addFile(path, `${body.slug}/${name}`, { mtime: generatedAt, compressionLevel: ZIP_LEVEL });

    const write = async (name: string, fill: (entry: Entry) => Promise<number>): Promise<void> => {
      const path = join(dir, 'files', name);
      await mkdir(dirname(path), { recursive: true });
      const entry = new Entry(name, path);
      open.push(entry);
      const t = performance.now();
      const count = await fill(entry);
      sums.set(name, await entry.close());
      open.splice(open.indexOf(entry), 1);
      const key = name.replace(/\.(jsonl|csv)$/, '').replace(/^csv\//, '');
      counts[key] = count;
      timings.files[key] = Math.round(performance.now() - t);
      log(`${key}: ${count} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
      addToArchive(name, path);
    };
    const timeText = async (work: () => Promise<void>): Promise<void> => {
      const t = performance.now();
      await work();
      timings.text += performance.now() - t;
    };

    const sqlitePath = join(dir, 'export.sqlite');
    const sqlite = new Database(sqlitePath);
    const sqliteHash = createHash('sha256');
    let sqliteRead: Promise<unknown> = Promise.resolve();
    const lanes: Lane[] = [];
    let reader: Client | null = null;
    try {
      // A build file: no journal, no syncs (it is thrown away if the build fails).
      sqlite.pragma('journal_mode = OFF');
      sqlite.pragma('synchronous = OFF');

      // One snapshot for every connection.
      // JIT compiling these statements costs seconds and gains nothing (their time is in index lookups).
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      await client.query('SET LOCAL jit = off');
      lanes.push(new Lane(client));
      const { rows } = await client.query<{ snapshot: string }>('SELECT pg_export_snapshot() AS snapshot');
      if (LANES > 1) {
        // A connection of its own, beside the pool: a build never waits for (or starves) the pool's.
        reader = new Client(this.pool.options);
        await reader.connect();
        await reader.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        await reader.query(`SET TRANSACTION SNAPSHOT '${rows[0].snapshot}'`);
        await reader.query('SET LOCAL jit = off');
        lanes.push(new Lane(reader));
      }

      const oparlPart = (segment: string, statement: Statement): Part => ({
        name: `oparl/${segment}`,
        run: (lane) =>
          write(`oparl/${segment}.jsonl`, async (entry) => {
            let n = 0;
            await lane.each(statement, (batch) => {
              n += batch.length;
              return timeText(() => entry.write(batch.map((row) => `${row[0]}\n`).join('')));
            });
            return n;
          }),
      });
      const tableFiles = (lane: Lane, table: ExportTable): Promise<void> =>
          write(`csv/${table.name}.csv`, async (entry) => {
            const columns = table.columns.map((c) => `"${c.name}" ${c.type === 'text' ? 'TEXT' : 'INTEGER'}${c.name === 'id' ? ' PRIMARY KEY' : ''}`);
            sqlite.exec(`CREATE TABLE "${table.name}" (${columns.join(', ')})`);
            const insert = sqlite.prepare(`INSERT INTO "${table.name}" VALUES (${table.columns.map(() => '?').join(', ')})`);
            const insertBatch = sqlite.transaction((batch: (string | null)[][]) => {
              for (const row of batch) insert.run(row.map((value, i) => sqliteValue(table.columns[i], value)));
            });
            let n = 0;
            await timeText(() => entry.write(csvLine(table.columns.map((c) => c.name))));
            await lane.each(tableSql(table, body.id, this.bases.rest), async (batch) => {
              n += batch.length;
              const t = performance.now();
              insertBatch(batch);
              timings.sqlite += performance.now() - t;
              await timeText(() => entry.write(batch.map(csvLine).join('')));
            });
            return n;
          });
      // The tables one after the other on one connection: each fills its part of the SQLite file in one go.
      const tables: Part = {
        name: 'tables',
        run: async (lane) => {
          for (const table of EXPORT_TABLES) await tableFiles(lane, table);
          sqlite.close();
          // The SQLite file joins the archive now, hashed as the archive reads it (the manifest needs its digest).
          const sqliteBytes = createReadStream(sqlitePath).pipe(tap((chunk) => sqliteHash.update(chunk)));
          sqliteRead = once(sqliteBytes, 'end');
          sqliteRead.catch(() => undefined); // awaited below when the build gets there
          zip.addReadStream(sqliteBytes, `${body.slug}/export.sqlite`, { mtime: generatedAt, compressionLevel: ZIP_LEVEL });
        },
      };
      // The biggest parts first, so that the two connections finish at about the same time.
      const parts: Part[] = [
        oparlPart('body', publicBodySql(this.bases, body.id)),
        ...OBJECT_SEGMENTS.map((segment) => oparlPart(segment, publicObjectsSql(this.bases, KINDS[segment], body.id))),
        tables,
      ];
      const queue = [...parts].sort((a, b) => (WEIGHT[b.name] ?? 0) - (WEIGHT[a.name] ?? 0));
      const lanesDone = await Promise.allSettled(
        lanes.map(async (lane) => {
          for (let part = queue.shift(); part; part = queue.shift()) {
            try {
              await part.run(lane);
            } catch (error) {
              queue.length = 0; // the other connection stops after its current part
              throw error;
            }
          }
        }),
      );
      for (const lane of lanesDone) if (lane.status === 'rejected') throw lane.reason;
      await client.query('COMMIT');
      if (reader) await reader.query('COMMIT');
      const filesDone = performance.now();
      await sqliteRead;
      sums.set('export.sqlite', sqliteHash.digest('hex'));

      // Manifest and checksums list the files in a fixed order, whichever was done first.
      const names = ['oparl/body.jsonl', ...OBJECT_SEGMENTS.map((s) => `oparl/${s}.jsonl`), ...EXPORT_TABLES.map((t) => `csv/${t.name}.csv`), 'export.sqlite'];
      const files = names.map((name) => ({ name, sha256: sums.get(name)! }));
      const manifest = Buffer.from(JSON.stringify(this.manifest(body, id, generatedAt, counts, files), null, 2) + '\n');
      files.push({ name: 'manifest.json', sha256: createHash('sha256').update(manifest).digest('hex') });
      zip.addBuffer(manifest, `${body.slug}/manifest.json`, { mtime: generatedAt, compressionLevel: ZIP_LEVEL });
      zip.addBuffer(Buffer.from(files.map((f) => `${f.sha256}  ${f.name}\n`).join('')), `${body.slug}/SHA256SUMS`, { mtime: generatedAt, compressionLevel: ZIP_LEVEL });
      zip.end();
      await zipped;
      const storedObject = await stored;
      if (storedObject.size !== size) throw new Error(`stored ${storedObject.size} bytes of the archive, wrote ${size}`);
      timings.archive = Math.round(performance.now() - filesDone);
      timings.postgres = Math.round(lanes.reduce((sum, lane) => sum + lane.waited, 0));
      timings.text = Math.round(timings.text);
      timings.sqlite = Math.round(timings.sqlite);
      timings.total = Math.round(performance.now() - started);
      const ordered = Object.fromEntries(names.slice(0, -1).map((name) => name.replace(/\.(jsonl|csv)$/, '').replace(/^csv\//, '')).map((key) => [key, counts[key]]));
      return { id, generatedAt, size, sha256: zipHash.digest('hex'), storageKey, counts: ordered, timings };
    } catch (error) {
      // Ends the archive's stream with the error: storage keeps nothing of it.
      archived.destroy(error instanceof Error ? error : new Error(String(error)));
      await stored.then(() => this.storage.delete(storageKey)).catch(() => undefined);
      for (const entry of open) entry.abort();
      if (sqlite.open) sqlite.close();
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      await reader?.end().catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    }
  }

  private manifest(body: ExportBody, id: string, generatedAt: Date, counts: Record<string, number>, entries: { name: string; sha256: string }[]): unknown {
    return {
      formatVersion: EXPORT_FORMAT_VERSION,
      id,
      generatedAt: generatedAt.toISOString(),
      body: { id: body.id, slug: body.slug, name: body.name, oparl: `${this.bases.oparl}/bodies/${body.slug}`, api: `${this.bases.rest}/v1/bodies/${body.slug}` },
      license: body.license,
      audience: 'public: published, public content only, as an anonymous caller of the API sees it',
      oparl: {
        version: 'https://schema.oparl.org/1.1/',
        files: {
          'oparl/body.jsonl': { type: 'Body', count: counts['oparl/body'] },
          ...Object.fromEntries(OBJECT_SEGMENTS.map((s) => [`oparl/${s}.jsonl`, { type: KINDS[s].type, count: counts[`oparl/${s}`] }])),
        },
      },
      tables: Object.fromEntries(
        EXPORT_TABLES.map((t) => [
          t.name,
          { csv: `csv/${t.name}.csv`, sqlite: `export.sqlite:${t.name}`, description: t.description, count: counts[t.name], columns: t.columns.map((c) => ({ name: c.name, type: c.type, description: c.description })) },
        ]),
      ),
      files: entries.map((e) => ({ name: e.name, sha256: e.sha256 })),
    };
  }
}

/**
 * Relative cost of the parts (seconds of PostgreSQL on the large benchmark city): the order in
 * which the connections take them. Parts not named are cheap and come last.
 */
const WEIGHT: Record<string, number> = {
  'oparl/paper': 35,
  'oparl/meeting': 23,
  'oparl/agendaItem': 22,
  'oparl/file': 15,
  'oparl/consultation': 7,
  tables: 30,
};
