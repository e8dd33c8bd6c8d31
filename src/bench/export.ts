import 'reflect-metadata';
import { Client } from 'pg';
import { loadConfig } from '../config/config';
import { migrate } from '../infra/database/migrate';
import { buildExportWithPool } from '../modules/exports/exports-cli';
import { LARGE_SLUG } from '../seed/large/reference';

/**
 * `npm run bench:export`: builds the bulk export of the large city (`npm run seed:large`) when
 * the database holds it, else of the demo city (`npm run seed:demo`), or of `BENCH_BODY`.
 * Prints build time, archive size, rows and the peak resident memory of this process, which
 * `npm run bench:export` starts with the worker's V8 heap settings.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  await migrate(config.databaseUrl);
  const client = new Client({ connectionString: config.databaseUrl });
  await client.connect();
  let slug: string;
  try {
    const { rows } = await client.query<{ slug: string }>(`SELECT slug FROM body WHERE deleted_at IS NULL AND slug = ANY($1) ORDER BY slug = $2 DESC LIMIT 1`, [
      [process.env.BENCH_BODY ?? LARGE_SLUG, 'musterstadt'],
      process.env.BENCH_BODY ?? LARGE_SLUG,
    ]);
    if (!rows[0]) throw new Error(`no body to export: run npm run seed:large or npm run seed:demo first`);
    slug = rows[0].slug;
  } finally {
    await client.end();
  }
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const started = process.hrtime.bigint();
  const result = await buildExportWithPool(config, slug);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  clearInterval(sampler);
  peak = Math.max(peak, process.resourceUsage().maxRSS * 1024);
  const oparl = Object.entries(result.counts).filter(([name]) => name.startsWith('oparl/'));
  const tables = Object.entries(result.counts).filter(([name]) => !name.startsWith('oparl/'));
  console.log(`export of ${slug}${slug === LARGE_SLUG ? ' (large city)' : ''}`);
  console.log(`  build time   ${seconds.toFixed(1)} s`);
  console.log(`  archive      ${(result.size / 1024 / 1024).toFixed(1)} MiB (${result.size} bytes)`);
  console.log(`  OParl        ${oparl.reduce((n, [, c]) => n + c, 0)} objects (${oparl.map(([n, c]) => `${n.slice(6)} ${c}`).join(', ')})`);
  console.log(`  tables       ${tables.reduce((n, [, c]) => n + c, 0)} rows (${tables.map(([n, c]) => `${n} ${c}`).join(', ')})`);
  console.log(`  peak RSS     ${(peak / 1024 / 1024).toFixed(0)} MiB`);
  const t = result.timings;
  const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
  console.log(`  time spent   PostgreSQL ${s(t.postgres)}, JSON Lines and CSV ${s(t.text)}, SQLite ${s(t.sqlite)} (summed over both connections); archive after the last file ${s(t.archive)}`);
  console.log(`  per file     ${Object.entries(t.files).map(([name, ms]) => `${name} ${s(ms)}`).join(', ')}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
