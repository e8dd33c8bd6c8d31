import 'reflect-metadata';
import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { Pool as PgPool } from 'pg';
import { createApp } from '../../app';
import { AppConfig, loadConfig } from '../../config/config';
import { createSearchEngine } from '../../infra/search/create-engine';
import { SearchIndexer } from './search-indexer';

/**
 * `npm run bench:search [-- --body <slug>] [--seconds 20] [--clients 10] [--no-index] [--engine postgres|meilisearch]`:
 * rebuilds the index of the body with each configured engine (PostgreSQL always,
 * Meilisearch when MEILI_URL is set), then searches it over HTTP with concurrent clients
 * (snippets, facets and all) and prints throughput and latency percentiles.
 */
const QUERIES = [
  'Haushalt',
  'Sanierung',
  'Radweg',
  'Strassenbeleuchtung',
  'Kindertagesstätte',
  'Bebauungsplan Nord',
  'Schulen',
  'Sanirung',
  'Klimaschutz Maßnahmen',
  '"Ausschuss für Umwelt"',
  'Feuerwehr',
  'Gebuehren',
  'Spielplätze',
  'Wohnungsbau',
  'Friedhof',
  '0123/2024',
];

function flag(argv: string[], name: string, fallback: string): string {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] ? argv[i + 1] : fallback;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/**
 * The load generator runs in a child process, so that it does not share the event loop
 * with the API it measures. It prints the sorted latencies as JSON.
 */
const LOADER = `
const http = require('node:http');
const [base, slug, clients, seconds, queries] = process.argv.slice(1);
const agent = new http.Agent({ keepAlive: true, maxSockets: Number(clients) });
const list = JSON.parse(queries);
const latencies = [];
let errors = 0;
let i = 0;
const until = Date.now() + Number(seconds) * 1000;
const one = (q) => new Promise((resolve) => {
  const started = performance.now();
  http.get(base + '/v1/bodies/' + slug + '/search?limit=20&q=' + encodeURIComponent(q), { agent }, (res) => {
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

function load(base: string, slug: string, clients: number, seconds: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', LOADER, base, slug, String(clients), String(seconds), JSON.stringify(QUERIES)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (data: string) => (out += data));
    child.on('error', reject);
    child.on('close', () => {
      try {
        const { latencies, errors } = JSON.parse(out) as { latencies: number[]; errors: number };
        const ms = (v: number): string => `${v.toFixed(1)} ms`;
        resolve(
          `${latencies.length} searches, ${(latencies.length / seconds).toFixed(0)}/s, p50 ${ms(percentile(latencies, 50))}, p95 ${ms(percentile(latencies, 95))}, ` +
            `p99 ${ms(percentile(latencies, 99))}, errors ${errors}`,
        );
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
}

async function benchEngine(base: AppConfig, engine: AppConfig['search']['engine'], argv: string[]): Promise<void> {
  const config: AppConfig = { ...base, search: { ...base.search, engine }, logLevel: 'error' };
  const slug = flag(argv, 'body', 'grossstadt');
  const pool = new PgPool({ connectionString: config.databaseUrl, max: 4 });
  const body = (await pool.query<{ id: string }>(`SELECT id FROM body WHERE slug = $1`, [slug])).rows[0];
  if (!body) throw new Error(`no body "${slug}": run npm run seed:large first`);
  const indexer = new SearchIndexer(pool, createSearchEngine(config, pool));
  if (!argv.includes('--no-index')) {
    await indexer.engine.setup();
    const report = await indexer.rebuild(body.id);
    console.log(
      `${engine}: reindex ${report.records} records (${report.entries} entries) in ${report.seconds.toFixed(1)} s = ${Math.round(report.records / report.seconds)} records/s; ` +
        `rss ${Math.round(process.memoryUsage().rss / 1e6)} MB`,
    );
  }
  await indexer.engine.close();
  await pool.end();
  const app = await createApp(config, { logger: false });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as AddressInfo;
  const url = `http://127.0.0.1:${address.port}`;
  const clients = Number(flag(argv, 'clients', '10'));
  await load(url, slug, clients, 3);
  console.log(`${engine}: ${clients} clients: ${await load(url, slug, clients, Number(flag(argv, 'seconds', '20')))}`);
  await app.close();
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const config = loadConfig();
  const only = flag(argv, 'engine', '');
  if (!only || only === 'postgres') await benchEngine(config, 'postgres', argv);
  if (config.search.meili && (!only || only === 'meilisearch')) await benchEngine(config, 'meilisearch', argv);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
