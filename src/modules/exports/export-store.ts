import { Logger } from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';
import { Pool as PgPool } from 'pg';
import type { AppConfig } from '../../config/config';
import { CONNECTION_OPTIONS } from '../../infra/database/data-source';
import { describeReplica } from '../../infra/database/read-replicas';
import type { Storage } from '../../infra/storage/storage';
import { oparlBases } from '../oparl/oparl.repository';
import { BuiltExport, ExportBody, ExportBuilder, lockBodyExport, unlockBodyExport } from './export-builder';

export { ExportAlreadyRunning } from './export-builder';

export class ExportCommandError extends Error {}

export interface ExportSettings {
  publicUrl: string;
  keep: number;
}

export interface ExportResult extends BuiltExport {
  /** Older archives removed to keep only the newest `keep`. */
  removed: number;
  /** Where the data was read: `primary`, or the replica's host:port/database. */
  readFrom: string;
}

/**
 * Streaming replicas (DATABASE_READ_URL) an export may read from instead of the primary: one
 * pool per replica, in the configured order, and how long to wait for one to replay what the
 * primary had written when the build began.
 */
export interface ExportReplicas {
  pools: { name: string; pool: Pool }[];
  maxLagSeconds: number;
}

/** A pool for builds (worker, CLI, a replica's reads): two connections, one per lane of a build. */
export function exportPool(url: string): Pool {
  const pool = new PgPool({ connectionString: url, max: 2, application_name: 'ratsinfo-export', options: CONNECTION_OPTIONS, connectionTimeoutMillis: 5000 });
  pool.on('error', () => undefined);
  return pool;
}

/** Pools of the configured replicas, or null without any. */
export function exportReplicas(config: Pick<AppConfig, 'readReplicas'>): ExportReplicas | null {
  const { urls, maxLagSeconds } = config.readReplicas;
  if (urls.length === 0) return null;
  return { pools: urls.map((url) => ({ name: describeReplica(url), pool: exportPool(url) })), maxLagSeconds };
}

export async function closeExportReplicas(replicas: ExportReplicas | null): Promise<void> {
  await Promise.all((replicas?.pools ?? []).map(({ pool }) => pool.end().catch(() => undefined)));
}

const logger = new Logger('exports');

/** Where a build reads: a connection in the snapshot's transaction and the pool its second lane copies the settings of. */
interface ReadSource {
  client: PoolClient;
  pool: Pool;
}

/**
 * A connection to the first replica that has replayed `lsn`, the primary's WAL position when
 * the build began (so the export holds every change committed before it), waiting for that at
 * most `maxLagSeconds`; null when no replica answers and catches up in time.
 */
async function replicaSource(replicas: ExportReplicas, lsn: string): Promise<(ReadSource & { name: string }) | null> {
  for (const { name, pool } of replicas.pools) {
    let client: PoolClient | undefined;
    try {
      client = await pool.connect();
      const deadline = Date.now() + replicas.maxLagSeconds * 1000;
      for (;;) {
        const { rows } = await client.query<{ standby: boolean; caught_up: boolean | null }>(
          `SELECT pg_is_in_recovery() AS standby, pg_last_wal_replay_lsn() >= $1::pg_lsn AS caught_up`,
          [lsn],
        );
        if (!rows[0].standby) throw new Error('it is not a standby');
        if (rows[0].caught_up) return { client, pool, name };
        if (Date.now() >= deadline) throw new Error(`it has not replayed the primary's changes after ${replicas.maxLagSeconds} s`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } catch (error) {
      client?.release(true);
      logger.warn(`export: replica ${name} not used, ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return null;
}

/**
 * Builds and stores a body's export, records it, and removes all but the newest `keep`
 * archives of the body. The row is written only once the archive is stored; a failed insert
 * removes the archive again, so rows and stored archives match.
 *
 * One build per body at a time, across processes and machines: while another holds the
 * body's lock this throws `ExportAlreadyRunning` at once and writes nothing. Uses one
 * connection of `pool` and one more of its own.
 *
 * With `replicas`, the build reads from the first replica that has caught up with the primary
 * (two connections of its own there); the lock and the record stay on the primary. A build
 * that fails on the replica (it went away, say) is built again from the primary.
 */
export async function buildBodyExport(
  pool: Pool,
  storage: Storage,
  settings: ExportSettings,
  slug: string,
  log: (line: string) => void = () => undefined,
  replicas: ExportReplicas | null = null,
): Promise<ExportResult> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    const { rows } = await client.query<ExportBody>(`SELECT id::text AS id, slug, name, license FROM body WHERE slug = $1 AND deleted_at IS NULL`, [slug]);
    const body = rows[0];
    if (!body) throw new ExportCommandError(`no body with slug "${slug}"`);
    await lockBodyExport(client, body);
    try {
      const bases = oparlBases(settings);
      const { result: built, readFrom } = await buildFrom(client, pool, replicas, (source) => new ExportBuilder(source.pool, storage, bases).build(body, source.client, log), log);
      return { ...built, removed: await record(client, storage, settings, body, built), readFrom };
    } finally {
      await unlockBodyExport(client, body).catch((error: Error) => (broken = error));
    }
  } finally {
    // A connection whose unlock failed is closed, which ends its lock too.
    client.release(broken);
  }
}

/** Runs `build` on a replica that has caught up, if any, and otherwise (or when that fails) on the primary's `client`. */
async function buildFrom<T>(
  client: PoolClient,
  pool: Pool,
  replicas: ExportReplicas | null,
  build: (source: ReadSource) => Promise<T>,
  log: (line: string) => void,
): Promise<{ result: T; readFrom: string }> {
  if (replicas) {
    const [{ lsn }] = (await client.query<{ lsn: string }>(`SELECT pg_current_wal_insert_lsn()::text AS lsn`)).rows;
    const source = await replicaSource(replicas, lsn);
    if (source) {
      let failed: Error | undefined;
      try {
        log(`reading from replica ${source.name}`);
        return { result: await build(source), readFrom: source.name };
      } catch (error) {
        failed = error instanceof Error ? error : new Error(String(error));
        logger.warn(`export: the build on replica ${source.name} failed (${failed.message}), building from the primary`);
      } finally {
        source.client.release(failed);
      }
    }
  }
  return { result: await build({ client, pool }), readFrom: 'primary' };
}

async function record(client: PoolClient, storage: Storage, settings: ExportSettings, body: ExportBody, built: BuiltExport): Promise<number> {
  try {
    await client.query(`INSERT INTO body_export (id, body_id, generated_at, size, sha256, storage_key, counts) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
      built.id,
      body.id,
      built.generatedAt,
      built.size,
      built.sha256,
      built.storageKey,
      JSON.stringify(built.counts),
    ]);
  } catch (error) {
    await storage.delete(built.storageKey);
    throw error;
  }
  const removed = await client.query<{ storage_key: string }>(
    `DELETE FROM body_export WHERE id IN (SELECT id FROM body_export WHERE body_id = $1 ORDER BY generated_at DESC, id DESC OFFSET $2) RETURNING storage_key`,
    [body.id, settings.keep],
  );
  for (const row of removed.rows) await storage.delete(row.storage_key);
  return removed.rows.length;
}
