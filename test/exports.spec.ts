import { createHash } from 'node:crypto';
import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { Client, Pool } from 'pg';
import type supertest from 'supertest';
import * as yauzl from 'yauzl';
import { runCli } from '../src/cli';
import { CONNECTION_OPTIONS } from '../src/infra/database/data-source';
import { createStorage } from '../src/infra/storage/create-storage';
import { ExportBody, lockBodyExport } from '../src/modules/exports/export-builder';
import { buildBodyExport, ExportAlreadyRunning, ExportResult } from '../src/modules/exports/export-store';
import { EXPORT_TABLES } from '../src/modules/exports/export-tables';
import { OparlCity, SECRET, startOparlCity, walkList } from './support/oparl-city';
import { errorsOf, schemaFor } from './support/oparl-conformance';

/**
 * Bulk downloads of the small OParl city (drafts, non-public and deleted rows, all named with
 * SECRET): what the archive holds, that it holds only what the public sees, and how it is
 * listed, downloaded and pruned.
 */

interface Manifest {
  formatVersion: number;
  body: { slug: string };
  license: string | null;
  oparl: { files: Record<string, { type: string; count: number }> };
  tables: Record<string, { csv: string; count: number; columns: { name: string; type: string }[] }>;
  files: { name: string; sha256: string }[];
}

/** Collects a binary supertest response body as a Buffer. */
function binary(res: supertest.Response, callback: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}

/** Every entry of a zip archive, uncompressed. */
function unzip(bytes: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error);
      const out = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (err, stream) => {
          if (err) return reject(err);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            out.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
          stream.on('error', reject);
        });
      });
      zip.on('end', () => resolve(out));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

const REST_PATHS: Record<string, string> = {
  committees: 'committees',
  people: 'people',
  memberships: 'memberships',
  sessions: 'sessions',
  agenda_items: 'agenda-items',
  documents: 'documents',
  consultations: 'consultations',
  files: 'files',
};

/** The OParl body list of each JSON Lines file. */
const OPARL_LISTS: Record<string, string> = {
  organization: 'organization',
  person: 'person',
  membership: 'membership',
  meeting: 'meeting',
  agendaItem: 'agendaItem',
  paper: 'paper',
  consultation: 'consultation',
  file: 'file',
  location: 'location',
  legislativeTerm: 'legislativeTerm',
};

describe('bulk exports', () => {
  let t: OparlCity;
  let pool: Pool;
  let first: ExportResult;
  let zip: Buffer;
  let entries: Map<string, Buffer>;
  let manifest: Manifest;
  const build = (): Promise<ExportResult> => buildBodyExport(pool, createStorage(t.config), { publicUrl: t.config.publicUrl, keep: t.config.exports.keep }, 'musterstadt');
  const entry = (name: string): Buffer => {
    const found = entries.get(`musterstadt/${name}`);
    if (!found) throw new Error(`no ${name} in the archive: ${[...entries.keys()].join(', ')}`);
    return found;
  };
  const get = (path: string): supertest.Test => t.http().get(path).buffer(true).parse(binary);

  beforeAll(async () => {
    t = await startOparlCity();
    pool = new Pool({ connectionString: t.config.databaseUrl, max: 2, options: CONNECTION_OPTIONS });
    first = await build();
    zip = (await get('/v1/bodies/musterstadt/exports/latest').expect(200)).body as Buffer;
    entries = await unzip(zip);
    manifest = JSON.parse(entry('manifest.json').toString('utf8')) as Manifest;
  }, 120_000);
  afterAll(async () => {
    await pool?.end();
    await t?.close();
  });

  it('holds OParl JSON Lines, CSV, SQLite, manifest and checksums', () => {
    const names = [...entries.keys()].map((name) => name.replace(/^musterstadt\//, '')).sort();
    expect(names).toEqual(
      [
        'SHA256SUMS',
        'export.sqlite',
        'manifest.json',
        ...EXPORT_TABLES.map((table) => `csv/${table.name}.csv`),
        'oparl/body.jsonl',
        ...Object.keys(OPARL_LISTS).map((segment) => `oparl/${segment}.jsonl`),
      ].sort(),
    );
    expect(manifest.formatVersion).toBe(1);
    expect(manifest.body.slug).toBe('musterstadt');
    expect(manifest.license).toBe('https://creativecommons.org/licenses/by/4.0/');
    expect(createHash('sha256').update(zip).digest('hex')).toBe(first.sha256);
    expect(zip.length).toBe(first.size);
  });

  it('SHA256SUMS matches every other file', () => {
    const lines = entry('SHA256SUMS').toString('utf8').trim().split('\n');
    expect(lines.length).toBe(entries.size - 1);
    for (const line of lines) {
      const [sum, name] = line.split('  ');
      expect({ name, sum }).toEqual({ name, sum: createHash('sha256').update(entry(name)).digest('hex') });
    }
  });

  it('never holds what the public does not see', () => {
    for (const [name, bytes] of entries) expect({ name, secret: bytes.includes(SECRET) }).toEqual({ name, secret: false });
    expect(zip.includes(SECRET)).toBe(false);
  });

  it('counts the rows the public API lists', async () => {
    for (const table of EXPORT_TABLES) {
      const res = await t.http().get(`/v1/bodies/musterstadt/${REST_PATHS[table.name]}?limit=100`).expect(200);
      const page = res.body as { data: { id: string }[]; links: { next?: string } };
      expect(page.links.next).toBeUndefined();
      expect({ table: table.name, count: manifest.tables[table.name].count }).toEqual({ table: table.name, count: page.data.length });
      expect(page.data.length).toBeGreaterThan(0);
    }
  });

  it('has, per OParl type, exactly the objects of the OParl list, each valid against its schema', async () => {
    for (const [segment, list] of Object.entries(OPARL_LISTS)) {
      const lines = entry(`oparl/${segment}.jsonl`).toString('utf8').split('\n').filter(Boolean);
      const objects = lines.map((line) => JSON.parse(line) as { id: string; type: string });
      expect({ segment, count: manifest.oparl.files[`oparl/${segment}.jsonl`].count }).toEqual({ segment, count: objects.length });
      const listed = await walkList(t, `/oparl/v1.1/bodies/musterstadt/${list}?limit=1000`);
      expect({ segment, ids: objects.map((o) => o.id).sort() }).toEqual({ segment, ids: listed.items.map((o) => o.id as string).sort() });
      for (const object of objects) {
        const validate = schemaFor(object.type.split('/').pop()!)!;
        expect({ id: object.id, errors: validate(object) ? [] : errorsOf(validate.errors) }).toEqual({ id: object.id, errors: [] });
      }
    }
    const [body] = entry('oparl/body.jsonl').toString('utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as object);
    expect(schemaFor('Body')!(body)).toBe(true);
  });

  it('writes each table as CSV with the documented header', () => {
    for (const table of EXPORT_TABLES) {
      const rows: string[][] = parse(entry(`csv/${table.name}.csv`));
      expect(rows[0]).toEqual(table.columns.map((c) => c.name));
      expect(manifest.tables[table.name].columns.map((c) => c.name)).toEqual(rows[0]);
      expect({ table: table.name, rows: rows.length - 1 }).toEqual({ table: table.name, rows: manifest.tables[table.name].count });
    }
    const sessions = parse<Record<string, string>>(entry('csv/sessions.csv'), { columns: true });
    expect(sessions.find((s) => s.name === 'Ratssitzung März')).toMatchObject({ state: 'held', cancelled: 'false', start: '2025-03-04T18:00:00+01:00' });
  });

  it('has the same tables in a SQLite file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ratsinfo-export-test-'));
    try {
      const path = join(dir, 'export.sqlite');
      await writeFile(path, entry('export.sqlite'));
      const db = new Database(path, { readonly: true });
      try {
        for (const table of EXPORT_TABLES) {
          const { n } = db.prepare(`SELECT count(*) AS n FROM "${table.name}"`).get() as { n: number };
          expect({ table: table.name, n }).toEqual({ table: table.name, n: manifest.tables[table.name].count });
        }
        const top = db.prepare(`SELECT a.number, a.position, s.name AS session FROM agenda_items a JOIN sessions s ON s.id = a.session_id WHERE a.name = ?`).get('Radwegekonzept Innenstadt');
        expect(top).toEqual({ number: 'Ö 1', position: 0, session: 'Ratssitzung März' });
        const seat = db.prepare(`SELECT voting_right FROM memberships WHERE end_date = '2026-01-31'`).get();
        expect(seat).toEqual({ voting_right: 0 });
      } finally {
        db.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('lists the exports and serves ranges and conditional requests', async () => {
    const list = await t.http().get('/v1/bodies/musterstadt/exports').expect(200);
    const [item] = (list.body as { data: Record<string, unknown>[] }).data;
    expect(item).toEqual({
      id: first.id,
      generatedAt: first.generatedAt.toISOString(),
      size: first.size,
      sha256: first.sha256,
      counts: first.counts,
      url: `http://api.test/v1/bodies/musterstadt/exports/${first.id}`,
    });

    const full = await get(`/v1/bodies/musterstadt/exports/${first.id}`).expect(200);
    expect(full.headers['content-type']).toBe('application/zip');
    expect(full.headers['content-disposition']).toMatch(/^attachment; filename="musterstadt-export-\d{8}-\d{6}\.zip"/);
    expect(full.headers['accept-ranges']).toBe('bytes');
    expect(Buffer.compare(full.body as Buffer, zip)).toBe(0);
    const etag = String(full.headers.etag);
    expect(etag).toBe(`"${first.sha256.slice(0, 32)}"`);

    const part = await get(`/v1/bodies/musterstadt/exports/${first.id}`).set('Range', 'bytes=100-1099').expect(206);
    expect(part.headers['content-range']).toBe(`bytes 100-1099/${first.size}`);
    expect(Buffer.compare(part.body as Buffer, zip.subarray(100, 1100))).toBe(0);

    await get(`/v1/bodies/musterstadt/exports/${first.id}`).set('If-None-Match', etag).expect(304);
    await get('/v1/bodies/musterstadt/exports/latest').set('If-None-Match', etag).expect(304);
    const outside = await t.http().get(`/v1/bodies/musterstadt/exports/${first.id}`).set('Range', `bytes=${first.size + 10}-`).expect(416);
    expect(outside.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('answers unknown exports and bad ids with problems', async () => {
    const none = await t.http().get('/v1/bodies/andersdorf/exports/latest').expect(404);
    expect(none.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await t.http().get('/v1/bodies/andersdorf/exports').expect(200)).body).toEqual({ data: [], links: { self: 'http://api.test/v1/bodies/andersdorf/exports' } });
    await t.http().get(`/v1/bodies/andersdorf/exports/${first.id}`).expect(404);
    await t.http().get('/v1/bodies/musterstadt/exports/not-a-uuid').expect(400);
    await t.http().get('/v1/bodies/nirgendwo/exports').expect(404);
  });

  it('keeps only the newest EXPORT_KEEP archives', async () => {
    const keep = t.config.exports.keep;
    expect(keep).toBe(3);
    const later: ExportResult[] = [];
    for (let i = 0; i < keep; i++) later.push(await build());
    expect(later[later.length - 1].removed).toBe(1);
    const list = (await t.http().get('/v1/bodies/musterstadt/exports').expect(200)).body as { data: { id: string }[] };
    expect(list.data.map((e) => e.id)).toEqual(later.map((e) => e.id).reverse());
    await t.http().get(`/v1/bodies/musterstadt/exports/${first.id}`).expect(404);
    expect(await createStorage(t.config).exists(first.storageKey)).toBe(false);
    const latest = await get('/v1/bodies/musterstadt/exports/latest').expect(200);
    expect(latest.headers['content-location']).toBe(`http://api.test/v1/bodies/musterstadt/exports/${later[later.length - 1].id}`);
  }, 120_000);

  const stored = async (): Promise<string[]> => (await pool.query<{ id: string }>(`SELECT id::text AS id FROM body_export ORDER BY id`)).rows.map((r) => r.id);

  it('builds a body once at a time: a second build while one runs fails at once and writes nothing', async () => {
    const before = await stored();
    let second: Promise<ExportResult> | undefined;
    let secondSettled!: () => void;
    const settled = new Promise<void>((resolve) => (secondSettled = resolve));
    // The first build stores its archive only after the second has settled, so it holds the
    // lock throughout, however fast the machine is.
    const storage = createStorage(t.config);
    const held = new Proxy(storage, {
      get: (target, prop) =>
        prop === 'put' ? async (...args: Parameters<typeof storage.put>) => settled.then(() => target.put(...args)) : (Reflect.get(target, prop) as unknown),
    });
    // The second build starts once the first has written its first file.
    const first = await buildBodyExport(pool, held, { publicUrl: t.config.publicUrl, keep: 10 }, 'musterstadt', () => {
      if (second) return;
      second = build();
      second.then(secondSettled, secondSettled);
    });
    expect(second).toBeDefined();
    const error = await second!.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ExportAlreadyRunning);
    expect((error as ExportAlreadyRunning).slug).toBe('musterstadt');
    expect((error as Error).message).toBe('an export of body "musterstadt" is already being built (by another process); this one did not start');
    expect(await stored()).toEqual([...before, first.id].sort());
    expect(await createStorage(t.config).exists(first.storageKey)).toBe(true);
  }, 120_000);

  it('holds the lock for other processes and gives it up when the holding process dies', async () => {
    const other = new Client({ connectionString: t.config.databaseUrl });
    await other.connect();
    try {
      const { rows } = await other.query<ExportBody>(`SELECT id::text AS id, slug, name, license FROM body WHERE slug = 'musterstadt'`);
      await lockBodyExport(other, rows[0]);
      const before = await stored();
      await expect(build()).rejects.toThrow(ExportAlreadyRunning);
      // The CLI's command too (it prints the message and exits with 75).
      const previous = process.env.DATABASE_URL;
      process.env.DATABASE_URL = t.config.databaseUrl;
      try {
        await expect(runCli(['export', 'build', '--body', 'musterstadt'])).rejects.toThrow(ExportAlreadyRunning);
      } finally {
        if (previous === undefined) delete process.env.DATABASE_URL;
        else process.env.DATABASE_URL = previous;
      }
      expect(await stored()).toEqual(before);
      // Another body is not held up.
      await expect(buildBodyExport(pool, createStorage(t.config), { publicUrl: t.config.publicUrl, keep: 3 }, 'andersdorf')).resolves.toMatchObject({ removed: 0 });
    } finally {
      // The connection ends as it does when its process dies.
      await other.end();
    }
    const after = await build();
    expect((await t.http().get('/v1/bodies/musterstadt/exports').expect(200)).body).toMatchObject({ data: [{ id: after.id }, {}, {}] });
  }, 120_000);
});
