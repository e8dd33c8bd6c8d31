import 'reflect-metadata';
import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { Pool as PgPool } from 'pg';
import { createApp } from '../app';
import { createValidationPipe } from '../common/http/validation';
import { AppConfig, loadConfig } from '../config/config';
import { createSearchEngine } from '../infra/search/create-engine';
import { SearchEngine, SearchRequest } from '../infra/search/engine';
import { parseQuery } from '../infra/search/query';
import { SearchQueryDto } from '../modules/search/dto/search-query.dto';
import { SearchIndexer } from '../modules/search/search-indexer';
import type { ResourceKind } from '../common/access/resources';
import { dataSourceOptions } from '../infra/database/data-source';
import { OparlImporter, totalChanges } from '../modules/oparl-import/importer';
import { DataSource } from 'typeorm';
import { engineRequest } from '../modules/search/search.service';
import { runBenchmark } from './api';

/**
 * `npm run bench:search [-- --body <slug>] [--seconds 20] [--clients 10] [--no-index] [--engine postgres|meilisearch] [--import <folder>]`:
 * rebuilds the index of the body with each configured engine (PostgreSQL always,
 * Meilisearch when MEILI_URL is set), then searches it with concurrent clients and prints
 * throughput and latency percentiles for
 * - a results page over HTTP: snippets and all four facets (what a search page asks for);
 * - a further page over HTTP with `facets=none` (paging, search as you type);
 * - the engine alone, called in-process with the same requests (no HTTP API, no snippets),
 *   which shows what the engine itself costs on this machine.
 * The mix: one-word, two-word, typo, phrase, reference-number, rare-word and filtered queries
 * (the reference number, the rare words of the body's own texts and the committee are the
 * body's own, so the mix suits any city).
 * With `--import <folder>` the body (default slug `karlsruhe`) is first imported from a folder of
 * saved OParl responses into the configured database, and its search index built from the
 * import's change events as the worker builds it; the times of both are printed.
 */
const QUERIES: string[] = [
  'q=Haushalt',
  'q=Sanierung',
  'q=Radweg',
  'q=Strassenbeleuchtung',
  'q=Kindertagesst%C3%A4tte',
  'q=Bebauungsplan%20Nord',
  'q=Schulen',
  'q=Sanirung',
  'q=Klimaschutz%20Ma%C3%9Fnahmen',
  'q=%22Ausschuss%20f%C3%BCr%20Umwelt%22',
  'q=Feuerwehr&type=document',
  'q=Gebuehren',
  'q=Spielpl%C3%A4tze&date_from=2024-01-01',
  'q=Wohnungsbau&document_type=Beschlussvorlage',
  'q=Friedhof&committee={committee}',
  'q={reference}',
  'q={rare1}',
  'q={rare2}',
];

function flag(argv: string[], name: string, fallback: string): string {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] ? argv[i + 1] : fallback;
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/**
 * The load generator runs in a child process, so that it does not share the event loop
 * with the API it measures. It prints the sorted latencies as JSON.
 */
const LOADER = `
const http = require('node:http');
const [base, slug, clients, seconds, queries, extra] = process.argv.slice(1);
const agent = new http.Agent({ keepAlive: true, maxSockets: Number(clients) });
const list = JSON.parse(queries);
const latencies = [];
let errors = 0;
let i = 0;
const until = Date.now() + Number(seconds) * 1000;
const one = (q) => new Promise((resolve) => {
  const started = performance.now();
  http.get(base + '/v1/bodies/' + slug + '/search?limit=20&' + q + extra, { agent }, (res) => {
    res.resume();
    res.on('end', () => { latencies.push(performance.now() - started); if (res.statusCode !== 200) errors++; resolve(); });
  }).on('error', () => { errors++; resolve(); });
});
(async () => {
  await Promise.all(Array.from({ length: Number(clients) }, async () => { while (Date.now() < until) await one(list[i++ % list.length]); }));
  process.stdout.write(JSON.stringify({ latencies: latencies.sort((a, b) => a - b), errors }));
  agent.destroy();
})();
`;

function summary(latencies: number[], errors: number, seconds: number): string {
  const ms = (v: number): string => `${v.toFixed(1)} ms`;
  return (
    `${latencies.length} searches, ${(latencies.length / seconds).toFixed(0)}/s, p50 ${ms(percentile(latencies, 50))}, p95 ${ms(percentile(latencies, 95))}, ` +
    `p99 ${ms(percentile(latencies, 99))}, errors ${errors}`
  );
}

function load(base: string, slug: string, queries: string[], extra: string, clients: number, seconds: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', LOADER, base, slug, String(clients), String(seconds), JSON.stringify(queries), extra], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (data: string) => (out += data));
    child.on('error', reject);
    child.on('close', () => {
      try {
        const { latencies, errors } = JSON.parse(out) as { latencies: number[]; errors: number };
        resolve(summary(latencies, errors, seconds));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
}

/** The engine request the API makes for one of the QUERIES (first page of 20, validated as the API does). */
export async function benchRequest(bodyId: string, query: string): Promise<SearchRequest> {
  const dto = (await createValidationPipe().transform(Object.fromEntries(new URLSearchParams(query)), { type: 'query', metatype: SearchQueryDto })) as SearchQueryDto;
  return engineRequest(dto, parseQuery(dto.q), [{ bodyId, nonPublic: false }], 0, 21);
}

/** Concurrent callers of the engine itself, in this process, for `seconds`. */
async function loadEngine(engine: SearchEngine, requests: SearchRequest[], clients: number, seconds: number): Promise<string> {
  const latencies: number[] = [];
  let errors = 0;
  let i = 0;
  const until = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (Date.now() < until) {
        const started = performance.now();
        try {
          await engine.search(requests[i++ % requests.length]);
        } catch {
          errors++;
        }
        latencies.push(performance.now() - started);
      }
    }),
  );
  return summary(
    latencies.sort((a, b) => a - b),
    errors,
    seconds,
  );
}

/**
 * The QUERIES with the body's own values: its busiest committee, a reference number and two
 * words that occur in the text of one document only (chosen by a hash, not by hand).
 */
export async function bodyQueries(pool: PgPool, bodyId: string): Promise<string[]> {
  const one = async (sql: string): Promise<string | undefined> => (await pool.query<{ v: string }>(sql, [bodyId])).rows[0]?.v;
  const committee = await one(`SELECT committee_id AS v FROM consultation WHERE body_id = $1 AND committee_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`);
  const reference = await one(`SELECT reference AS v FROM document WHERE body_id = $1 AND reference IS NOT NULL AND deleted_at IS NULL ORDER BY md5(id::text) LIMIT 1`);
  const rare = await pool.query<{ w: string }>(
    `SELECT w FROM (SELECT (regexp_matches(left(text, 20000), '[[:upper:]][[:lower:]]{9,}', 'g'))[1] AS w, document_id FROM file
       WHERE body_id = $1 AND text IS NOT NULL AND deleted_at IS NULL AND document_id IS NOT NULL ORDER BY md5(id::text) LIMIT 200) x
     GROUP BY w HAVING count(DISTINCT document_id) = 1 ORDER BY md5(w) LIMIT 2`,
    [bodyId],
  );
  const values: Record<string, string | undefined> = { committee, reference, rare1: rare.rows[0]?.w, rare2: rare.rows[1]?.w };
  return QUERIES.filter((q) => [...q.matchAll(/\{(\w+)\}/g)].every((m) => values[m[1]])).map((q) =>
    q.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(values[name] as string)),
  );
}

/** Builds the index of what an import wrote, from its change events, as the worker's relay and drain do. */
async function indexImport(pool: PgPool, indexer: SearchIndexer, bodyId: string, since: string): Promise<number> {
  const events = await pool.query<{ resource: ResourceKind; resource_id: string; audience_before: number; audience_after: number }>(
    `SELECT resource, resource_id, audience_before, audience_after FROM change_event WHERE body_id = $1 AND id > $2 ORDER BY id`,
    [bodyId, since],
  );
  const started = Date.now();
  // In batches of 500, as the outbox relay records them.
  for (let i = 0; i < events.rows.length; i += 500) {
    await indexer.record(events.rows.slice(i, i + 500).map((e) => ({ kind: e.resource, id: e.resource_id, visibilityChanged: e.audience_before !== e.audience_after })));
  }
  const recorded = Date.now();
  const records = await indexer.drain();
  console.log(`  recorded ${events.rows.length} change events as pending work in ${((recorded - started) / 1000).toFixed(1)} s; indexed ${records} records in ${((Date.now() - recorded) / 1000).toFixed(1)} s`);
  return events.rows.length;
}

async function importFolder(config: AppConfig, folder: string, slug: string): Promise<{ seconds: number; since: string }> {
  const ds = new DataSource({ ...dataSourceOptions(config.databaseUrl, 4), logging: ['error'] });
  await ds.initialize();
  try {
    const [{ id: since }]: { id: string }[] = await ds.query(`SELECT COALESCE(max(id), 0)::text AS id FROM change_event`);
    const started = Date.now();
    const summary = await new OparlImporter(ds).run({ source: folder, bodySlug: slug });
    const seconds = (Date.now() - started) / 1000;
    console.log(`import of ${folder} into "${slug}": ${totalChanges(summary)} changes in ${seconds.toFixed(1)} s`);
    return { seconds, since };
  } finally {
    await ds.destroy();
  }
}

let imported: { seconds: number; since: string } | null = null;

async function benchEngine(base: AppConfig, engine: AppConfig['search']['engine'], argv: string[]): Promise<void> {
  // One client address sends all the load: the per-address limits would measure themselves.
  const config: AppConfig = { ...base, search: { ...base.search, engine }, logLevel: 'error', rateLimit: { ...base.rateLimit, readsPerMinute: 0, searchesPerMinute: 0 } };
  const slug = flag(argv, 'body', 'grossstadt');
  const pool = new PgPool({ connectionString: config.databaseUrl, max: 4 });
  const body = (await pool.query<{ id: string }>(`SELECT id FROM body WHERE slug = $1`, [slug])).rows[0];
  if (!body) throw new Error(`no body "${slug}": run npm run seed:large first`);
  const queries = await bodyQueries(pool, body.id);
  const indexer = new SearchIndexer(pool, createSearchEngine(config, pool));
  if (imported) {
    await indexer.engine.setup();
    const started = Date.now();
    const events = await indexImport(pool, indexer, body.id, imported.since);
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `${engine}: import ${imported.seconds.toFixed(1)} s; index from its ${events} change events (as the worker does) ${seconds.toFixed(1)} s; ` +
        `in all ${(imported.seconds + seconds).toFixed(1)} s; rss ${Math.round(process.memoryUsage().rss / 1e6)} MB`,
    );
  } else if (!argv.includes('--no-index')) {
    await indexer.engine.setup();
    const report = await indexer.rebuild(body.id);
    console.log(
      `${engine}: reindex ${report.records} records (${report.entries} entries) in ${report.seconds.toFixed(1)} s = ${Math.round(report.records / report.seconds)} records/s; ` +
        `rss ${Math.round(process.memoryUsage().rss / 1e6)} MB`,
    );
  }
  const clients = Number(flag(argv, 'clients', '10'));
  const seconds = Number(flag(argv, 'seconds', '20'));
  const requests = await Promise.all(queries.map((q) => benchRequest(body.id, q)));
  await loadEngine(indexer.engine, requests, clients, 3);
  const alone = await loadEngine(indexer.engine, requests, clients, seconds);
  await indexer.engine.close();
  await pool.end();
  const app = await createApp(config, { logger: false });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as AddressInfo;
  const url = `http://127.0.0.1:${address.port}`;
  await load(url, slug, queries, '', clients, 3);
  console.log(`${engine}: ${clients} clients, results page (all facets): ${await load(url, slug, queries, '', clients, seconds)}`);
  console.log(`${engine}: ${clients} clients, facets=none:               ${await load(url, slug, queries, '&facets=none', clients, seconds)}`);
  console.log(`${engine}: ${clients} clients, engine alone (all facets):  ${alone}`);
  await app.close();
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const config = loadConfig();
  const only = flag(argv, 'engine', '');
  const folder = flag(argv, 'import', '');
  if (folder) {
    const slug = flag(argv, 'body', 'karlsruhe');
    argv.push('--body', slug);
    imported = await importFolder(config, folder, slug);
  }
  if (!only || only === 'postgres') await benchEngine(config, 'postgres', argv);
  if (config.search.meili && (!only || only === 'meilisearch')) await benchEngine(config, 'meilisearch', argv);
}

if (require.main === module) {
  runBenchmark(main);
}
