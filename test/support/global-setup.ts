import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { migrate } from '../../src/infra/database/migrate';
import { databaseUrl, TEMPLATE_DB } from './env';

/**
 * Migrates a template database once per set of migrations; every test file then gets its
 * own database copied from it (fast, and files can run in any order and in parallel).
 * The template's name carries a hash of the migrations, so concurrent runs share it and a
 * changed migration gets a new one.
 */
export default async function globalSetup(): Promise<void> {
  const dir = join(__dirname, '..', '..', 'src', 'migrations');
  const hash = createHash('sha1');
  for (const file of readdirSync(dir).sort()) hash.update(file).update(readFileSync(join(dir, file)));
  const template = `${TEMPLATE_DB}_${hash.digest('hex').slice(0, 12)}`;
  process.env.RATSINFO_TEST_TEMPLATE = template;

  const admin = new Client({ connectionString: databaseUrl('postgres') });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
    if (exists.rowCount) return;
    // Build under a temporary name and rename, so no run ever copies a half-migrated template.
    const building = `${template}_b${process.pid}`;
    await admin.query(`DROP DATABASE IF EXISTS ${building}`);
    await migrate(databaseUrl(building));
    await admin.query(`ALTER DATABASE ${building} RENAME TO ${template}`).catch(async (error: { code?: string }) => {
      if (error.code !== '42P04') throw error; // another run finished first
      await admin.query(`DROP DATABASE IF EXISTS ${building}`);
    });
    await admin.query(`COMMENT ON DATABASE ${template} IS '${new Date().toISOString()}'`);
    // Templates of other migration sets that nobody has built for a day: another checkout (a
    // branch with other migrations) may still be using a younger one.
    const old = await admin.query<{ datname: string; built: string | null }>(
      `SELECT datname, shobj_description(oid, 'pg_database') AS built FROM pg_database WHERE datname ~ $1 AND datname <> $2`,
      [`^${TEMPLATE_DB}_[0-9a-f]{12}$`, template],
    );
    const stale = old.rows.filter((r) => !(Date.parse(r.built ?? '') > Date.now() - 24 * 3600_000));
    for (const { datname } of stale) await admin.query(`DROP DATABASE IF EXISTS "${datname}"`).catch(() => undefined);
  } finally {
    await admin.end();
  }
}
