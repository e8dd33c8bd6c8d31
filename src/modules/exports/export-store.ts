import type { Pool, PoolClient } from 'pg';
import type { Storage } from '../../infra/storage/storage';
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
}

/**
 * Builds and stores a body's export, records it, and removes all but the newest `keep`
 * archives of the body. The row is written only once the archive is stored; a failed insert
 * removes the archive again, so rows and stored archives match.
 *
 * One build per body at a time, across processes and machines: while another holds the
 * body's lock this throws `ExportAlreadyRunning` at once and writes nothing. Uses one
 * connection of `pool` and one more of its own.
 */
export async function buildBodyExport(pool: Pool, storage: Storage, settings: ExportSettings, slug: string, log?: (line: string) => void): Promise<ExportResult> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    const { rows } = await client.query<ExportBody>(`SELECT id::text AS id, slug, name, license FROM body WHERE slug = $1 AND deleted_at IS NULL`, [slug]);
    const body = rows[0];
    if (!body) throw new ExportCommandError(`no body with slug "${slug}"`);
    await lockBodyExport(client, body);
    try {
      const builder = new ExportBuilder(pool, storage, { oparl: `${settings.publicUrl}/oparl/v1.1`, rest: settings.publicUrl });
      const built = await builder.build(body, client, log);
      return { ...built, removed: await record(client, storage, settings, body, built) };
    } finally {
      await unlockBodyExport(client, body).catch((error: Error) => (broken = error));
    }
  } finally {
    // A connection whose unlock failed is closed, which ends its lock too.
    client.release(broken);
  }
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
