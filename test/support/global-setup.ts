import { Client } from 'pg';
import { migrate } from '../../src/infra/database/migrate';
import { databaseUrl, TEMPLATE_DB } from './env';

/**
 * Migrates a template database once per run; every test file then gets its own database
 * copied from it (fast, and files can run in any order and in parallel).
 */
export default async function globalSetup(): Promise<void> {
  const admin = new Client({ connectionString: databaseUrl('postgres') });
  await admin.connect();
  try {
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [TEMPLATE_DB]);
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB}`);
    // Leftovers of runs that were killed.
    const stale = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'ratsinfo_test_f_%'`);
    for (const { datname } of stale.rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
  await migrate(databaseUrl(TEMPLATE_DB));
}
