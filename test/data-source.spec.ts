import { DataSource } from 'typeorm';
import { loadConfig } from '../src/config/config';
import { dataSourceOptions } from '../src/infra/database/data-source';
import { Db } from '../src/infra/database/db.service';
import { mailDataSource } from '../src/modules/newsletter/newsletter.worker';
import { startTestApp } from './support/app';
import { createTestDatabase } from './support/database';

async function settings(ds: DataSource): Promise<{ timeZone: string; jit: string }> {
  const [row]: { timeZone: string; jit: string }[] = await ds.query(`SELECT current_setting('TimeZone') AS "timeZone", current_setting('jit') AS jit`);
  return row;
}

describe('database connections', () => {
  it('run in Europe/Berlin without JIT, outside the API too (worker, CLI, seeds)', async () => {
    const database = await createTestDatabase();
    const ds = new DataSource({ ...dataSourceOptions(database.url, 1), logging: ['error'] });
    await ds.initialize();
    try {
      expect(await settings(ds)).toEqual({ timeZone: 'Europe/Berlin', jit: 'off' });
    } finally {
      await ds.destroy();
      await database.drop();
    }
  });

  it('keep Europe/Berlin and no JIT on the delivery log\'s asynchronous-commit connections', async () => {
    const database = await createTestDatabase();
    const ds = mailDataSource({ ...loadConfig(), databaseUrl: database.url });
    await ds.initialize();
    try {
      expect(await settings(ds)).toEqual({ timeZone: 'Europe/Berlin', jit: 'off' });
      const [row]: { commit: string }[] = await ds.query(`SELECT current_setting('synchronous_commit') AS commit`);
      expect(row.commit).toBe('off');
    } finally {
      await ds.destroy();
      await database.drop();
    }
  });

  it('run in Europe/Berlin without JIT in the API', async () => {
    const t = await startTestApp();
    try {
      expect(await settings(t.ds)).toEqual({ timeZone: 'Europe/Berlin', jit: 'off' });
    } finally {
      await t.close();
    }
  });
});

describe('Db.jsonRows', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let ds: DataSource;
  let db: Db;

  beforeAll(async () => {
    database = await createTestDatabase();
    ds = new DataSource({ ...dataSourceOptions(database.url, 1), logging: ['error'] });
    await ds.initialize();
    db = new Db(ds);
  });

  afterAll(async () => {
    await ds.destroy();
    await database.drop();
  });

  const text = 'Größe „Zitat“ – 🏛 \\ "quoted"';

  it('hands json columns over as the UTF-8 bytes of their text, and text columns as strings', async () => {
    const sql = `SELECT json_build_object('name', $1::text, 'n', 1) AS j, $1::text AS _k0`;
    const [row] = await db.jsonRows<{ j: Buffer; _k0: string }>(sql, [text]);
    const [plain] = await db.rows<{ j: string }>(`SELECT json_build_object('name', $1::text, 'n', 1)::text AS j`, [text]);
    expect(Buffer.isBuffer(row.j)).toBe(true);
    expect(row.j.toString('utf8')).toBe(plain.j);
    expect(JSON.parse(row.j.toString('utf8'))).toEqual({ name: text, n: 1 });
    expect(row._k0).toBe(text);
  });

  it('refuses other column types with an error, and the connection stays usable', async () => {
    await expect(db.jsonRows(`SELECT 1::int AS n`)).rejects.toThrow('jsonRows reads json and text columns only, not type 23');
    await expect(db.jsonRows(`SELECT '{}'::jsonb AS j`)).rejects.toThrow('not type 3802');
    expect(await db.rows<{ n: number }>('SELECT 2::int AS n')).toEqual([{ n: 2 }]);
  });
});
