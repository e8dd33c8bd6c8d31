import { createHash, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream, WriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import Database from 'better-sqlite3';
import { stringify } from 'csv-stringify/sync';
import { ZipFile } from 'yazl';
import type { Queryable } from '../../infra/database/queryable';
import type { Storage } from '../../infra/storage/storage';
import { OparlBases, publicBodySql, publicObjectsSql } from '../oparl/oparl.repository';
import { KINDS, OBJECT_SEGMENTS, OPARL_VISIBILITY } from '../oparl/oparl.sql';
import { RESOURCES } from '../../common/access/resources';
import { EXPORT_TABLES, ExportColumn, ExportTable } from './export-tables';

/** Version of the archive layout; raised when files or columns change incompatibly. */
export const EXPORT_FORMAT_VERSION = 1;
/** Rows per keyset page: one statement each, never the whole city in memory. */
const PAGE = 500;

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

  async write(chunk: string): Promise<void> {
    if (!chunk) return;
    this.hash.update(chunk);
    // `once` rejects on 'error' and removes both listeners when either fires.
    if (!this.out.write(chunk)) await once(this.out, 'drain');
  }

  async close(): Promise<string> {
    await new Promise<void>((resolve, reject) => this.out.end((error?: Error | null) => (error ? reject(error) : resolve())));
    return this.hash.digest('hex');
  }
}

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** A CSV/SQLite value of a column from its SQL text. */
function sqliteValue(column: ExportColumn, value: string | null): string | number | null {
  if (value === null) return null;
  if (column.type === 'integer') return Number(value);
  if (column.type === 'boolean') return value === 'true' ? 1 : 0;
  return value;
}

/** The SQL of one keyset page of a table's public rows: $1 body, $2 after id, $3 limit, $4 REST base URL (if used). */
function tableSql(table: ExportTable): string {
  const r = RESOURCES[table.resource];
  const columns = table.columns.map((c, i) => `${c.sql.replace('%REST%', '$4::text')} AS c${i}`).join(', ');
  return `SELECT ${columns}, x.id::text AS _k0 FROM ${r.table} x JOIN body b ON b.id = x.body_id
    WHERE x.body_id = $1::uuid AND ${r.visible('x', OPARL_VISIBILITY)} AND ($2::uuid IS NULL OR x.id > $2::uuid)
    ORDER BY x.id LIMIT $3`;
}

/**
 * Builds the bulk export of one body: OParl objects as JSON Lines per type, a CSV file per
 * table, a SQLite file with the same tables, `manifest.json` and `SHA256SUMS`, zipped. Rows
 * are read in keyset pages and written to files in a temporary folder; the archive is streamed
 * to storage. Only what the anonymous audience sees goes in.
 */
export class ExportBuilder {
  constructor(
    private readonly db: Queryable,
    private readonly storage: Storage,
    private readonly bases: OparlBases,
  ) {}

  async build(body: ExportBody, log: (line: string) => void = () => undefined): Promise<BuiltExport> {
    const id = randomUUID();
    const generatedAt = new Date();
    const dir = await mkdtemp(join(tmpdir(), 'ratsinfo-export-'));
    try {
      const entries: { name: string; path: string; sha256: string }[] = [];
      const counts: Record<string, number> = {};
      const open = async (name: string): Promise<Entry> => {
        const path = join(dir, 'files', name);
        await mkdir(dirname(path), { recursive: true });
        return new Entry(name, path);
      };
      const done = async (entry: Entry): Promise<void> => void entries.push({ name: entry.name, path: entry.path, sha256: await entry.close() });

      // OParl 1.1: the body, then every external list, one object per line.
      const bodyFile = await open('oparl/body.jsonl');
      const bodySql = publicBodySql(this.bases, body.id);
      const bodyRow = await this.db.query<{ j: string }>(bodySql.sql, bodySql.values);
      for (const row of bodyRow.rows) await bodyFile.write(`${row.j}\n`);
      counts['oparl/body'] = bodyRow.rows.length;
      await done(bodyFile);
      for (const segment of OBJECT_SEGMENTS) {
        const kind = KINDS[segment];
        const file = await open(`oparl/${segment}.jsonl`);
        let after: string | null = null;
        let n = 0;
        for (;;) {
          const page = publicObjectsSql(this.bases, kind, body.id, after, PAGE);
          const { rows } = await this.db.query<{ j: string; _k0: string }>(page.sql, page.values);
          if (!rows.length) break;
          await file.write(rows.map((r) => `${r.j}\n`).join(''));
          n += rows.length;
          after = rows[rows.length - 1]._k0;
          if (rows.length < PAGE) break;
        }
        counts[`oparl/${segment}`] = n;
        await done(file);
        log(`oparl ${segment}: ${n}`);
      }

      // The tables: CSV and SQLite, filled from the same pages.
      const sqlitePath = join(dir, 'export.sqlite');
      const sqlite = new Database(sqlitePath);
      try {
        sqlite.pragma('journal_mode = OFF');
        sqlite.pragma('synchronous = OFF');
        for (const table of EXPORT_TABLES) {
          const columns = table.columns.map((c) => `"${c.name}" ${c.type === 'text' ? 'TEXT' : 'INTEGER'}${c.name === 'id' ? ' PRIMARY KEY' : ''}`);
          sqlite.exec(`CREATE TABLE "${table.name}" (${columns.join(', ')})`);
          const insert = sqlite.prepare(`INSERT INTO "${table.name}" VALUES (${table.columns.map(() => '?').join(', ')})`);
          const insertPage = sqlite.transaction((rows: (string | null)[][]) => {
            for (const row of rows) insert.run(row.map((value, i) => sqliteValue(table.columns[i], value)));
          });
          const csv = await open(`csv/${table.name}.csv`);
          await csv.write(stringify([table.columns.map((c) => c.name)]));
          const sql = tableSql(table);
          let after: string | null = null;
          let n = 0;
          for (;;) {
            const params: unknown[] = [body.id, after, PAGE, ...(sql.includes('$4') ? [this.bases.rest] : [])];
            const { rows } = await this.db.query<Record<string, string | null>>(sql, params);
            if (!rows.length) break;
            const values = rows.map((row) => table.columns.map((_c, i) => row[`c${i}`]));
            await csv.write(stringify(values));
            insertPage(values);
            n += rows.length;
            after = rows[rows.length - 1]._k0;
            if (rows.length < PAGE) break;
          }
          counts[table.name] = n;
          await done(csv);
          log(`table ${table.name}: ${n}`);
        }
      } finally {
        sqlite.close();
      }
      entries.push({ name: 'export.sqlite', path: sqlitePath, sha256: await sha256File(sqlitePath) });

      const manifest = await open('manifest.json');
      await manifest.write(JSON.stringify(this.manifest(body, id, generatedAt, counts, entries), null, 2) + '\n');
      await done(manifest);
      const sums = await open('SHA256SUMS');
      await sums.write(entries.map((e) => `${e.sha256}  ${e.name}\n`).join(''));
      await done(sums);

      // The archive: written to disk first (so its size and digest are known), then stored.
      const zipPath = join(dir, 'export.zip');
      const zip = new ZipFile();
      for (const entry of entries) zip.addFile(entry.path, `${body.slug}/${entry.name}`, { mtime: generatedAt });
      zip.end();
      const zipHash = createHash('sha256');
      const hashing = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          zipHash.update(chunk);
          callback(null, chunk);
        },
      });
      await pipeline(zip.outputStream, hashing, createWriteStream(zipPath));
      const size = (await stat(zipPath)).size;
      const storageKey = `exports/${body.id}/${id}.zip`;
      await this.storage.put(storageKey, createReadStream(zipPath), 'application/zip');
      return { id, generatedAt, size, sha256: zipHash.digest('hex'), storageKey, counts };
    } finally {
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
