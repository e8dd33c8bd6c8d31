import type { AppConfig } from '../../config/config';
import { createStorage } from '../../infra/storage/create-storage';
import { buildBodyExport, closeExportReplicas, ExportCommandError, exportPool, exportReplicas, ExportResult } from './export-store';

export const EXPORT_USAGE = `  export build --body <slug>                build the body's bulk export (zip of OParl JSON Lines, CSV,
                                            SQLite) and keep the newest EXPORT_KEEP; exits with 75
                                            while another build of the body runs`;

/** Builds one body's export on a pool of its own (CLI and bench), reading from a replica when DATABASE_READ_URL names one. */
export async function buildExportWithPool(config: AppConfig, slug: string, log?: (line: string) => void): Promise<ExportResult> {
  const pool = exportPool(config.databaseUrl);
  const replicas = exportReplicas(config);
  try {
    return await buildBodyExport(pool, createStorage(config), { publicUrl: config.publicUrl, keep: config.exports.keep }, slug, log, replicas);
  } finally {
    await pool.end();
    await closeExportReplicas(replicas);
  }
}

/** `npm run cli -- export build --body <slug>` */
export async function exportCommand(words: string[], flags: Record<string, string>, config: AppConfig): Promise<void> {
  if (words[0] !== 'build') throw new ExportCommandError('export needs: build --body <slug>');
  if (!flags.body || flags.body === 'true') throw new ExportCommandError('export build needs --body <slug>');
  const started = Date.now();
  const result = await buildExportWithPool(config, flags.body, (line) => console.error(line));
  console.log(
    `export ${result.id} of ${flags.body}: ${result.size} bytes, sha256 ${result.sha256}, ${((Date.now() - started) / 1000).toFixed(1)} s, read from ${result.readFrom}` +
      (result.removed ? `; removed ${result.removed} older` : ''),
  );
}
