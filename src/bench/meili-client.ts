import 'reflect-metadata';
import { Meilisearch } from 'meilisearch';
import { Pool as PgPool } from 'pg';
import { loadConfig } from '../config/config';
import { SearchRequest } from '../infra/search/engine';
import { MeiliClient } from '../infra/search/meili.client';
import { MeiliSearchEngine } from '../infra/search/meili.engine';
import { runBenchmark } from './api';
import { benchRequest, bodyQueries, percentile } from './search';
import { SearchIndexer } from '../modules/search/search-indexer';

/**
 * `npm run bench:meili-client [-- --body musterstadt --clients 10 --seconds 5 --rounds 6 --no-index]`
 * (with MEILI_URL, MEILI_MASTER_KEY, MEILI_INDEX): what the HTTP client costs per search.
 *
 * The engine's searches for the bench:search query mix are recorded once (the request bodies
 * as it sends them: reference lookup, the ranked page with its filters and the facet counts
 * at the same time, then the pages of the files on it), and then replayed with the same
 * stages and concurrency through each client against the same index:
 *   - `undici`: a request on undici's connection pool (the engine's own client);
 *   - `official`: the official `meilisearch` client as it comes (on the runtime's `fetch`,
 *     which asks for compressed answers);
 *   - `identity`: the official client asking for uncompressed answers (`Accept-Encoding:
 *     identity`), as the engine does.
 * The variants take turns, in rotating order, for several rounds, so that both see the
 * same machine; each round prints searches/s and p50/p95/p99 of whole searches, and the end
 * the median of the rounds with their range and the difference per search.
 */

function flag(argv: string[], name: string, fallback: string): string {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] ? argv[i + 1] : fallback;
}

type Body = Record<string, unknown>;
/** One engine search: its stages in order, each the requests sent at once. */
type Recorded = Body[][];
type Send = (body: Body) => Promise<unknown>;

/** The engine, recording the search requests it sends (a request sent while another is in flight joins its stage). */
class RecordingEngine extends MeiliSearchEngine {
  stages: Recorded = [];
  private inFlight = 0;

  protected override request<T>(body: Record<string, unknown>) {
    if (this.inFlight === 0) this.stages.push([]);
    this.stages[this.stages.length - 1].push(body);
    this.inFlight++;
    return super.request<T>(body).finally(() => this.inFlight--);
  }
}

async function record(engine: RecordingEngine, requests: SearchRequest[]): Promise<Recorded[]> {
  const searches: Recorded[] = [];
  for (const request of requests) {
    engine.stages = [];
    await engine.search(request);
    searches.push(engine.stages);
  }
  return searches;
}

interface Round {
  variant: string;
  searches: number;
  perSecond: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  /** CPU time of this process (the client's side) per search. */
  cpu: number;
  errors: number;
}

/** `clients` concurrent callers replaying the recorded searches for `seconds`. */
async function run(variant: string, send: Send, searches: Recorded[], clients: number, seconds: number): Promise<Round> {
  const latencies: number[] = [];
  let errors = 0;
  let i = 0;
  const started = performance.now();
  const cpu = process.cpuUsage();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < until) {
        const stages = searches[i++ % searches.length];
        const t0 = performance.now();
        try {
          for (const stage of stages) await Promise.all(stage.map(send));
        } catch {
          errors++;
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  latencies.sort((a, b) => a - b);
  return {
    variant,
    searches: latencies.length,
    perSecond: latencies.length / elapsed,
    mean: latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length),
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    cpu: (used.user + used.system) / 1000 / Math.max(1, latencies.length),
    errors,
  };
}

const ms = (v: number): string => `${v.toFixed(2)} ms`;
const line = (r: Round): string =>
  `${r.variant.padEnd(8)} ${r.searches} searches, ${r.perSecond.toFixed(0)}/s, mean ${ms(r.mean)}, p50 ${ms(r.p50)}, p95 ${ms(r.p95)}, p99 ${ms(r.p99)}, cpu ${ms(r.cpu)}/search, errors ${r.errors}`;
const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const spread = (values: number[], digits: number): string =>
  `${median(values).toFixed(digits)} (${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)})`;

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const config = loadConfig();
  const meili = config.search.meili;
  if (!meili) throw new Error('set MEILI_URL (and MEILI_MASTER_KEY) to a running Meilisearch');
  const slug = flag(argv, 'body', 'musterstadt');
  const clients = Number(flag(argv, 'clients', '10'));
  const seconds = Number(flag(argv, 'seconds', '5'));
  const rounds = Number(flag(argv, 'rounds', '6'));

  const pool = new PgPool({ connectionString: config.databaseUrl, max: 4 });
  const body = (await pool.query<{ id: string }>(`SELECT id FROM body WHERE slug = $1`, [slug])).rows[0];
  if (!body) throw new Error(`no body "${slug}"`);
  const own = new MeiliClient(meili.url, meili.key, meili.timeoutMs);
  const engine = new RecordingEngine(own, meili.index);
  if (!argv.includes('--no-index')) {
    await engine.setup();
    const report = await new SearchIndexer(pool, engine).rebuild(body.id);
    console.log(`indexed ${report.records} records of ${slug} (${report.entries} entries) in ${report.seconds.toFixed(1)} s`);
  }
  const requests = await Promise.all((await bodyQueries(pool, body.id)).map((q) => benchRequest(body.id, q)));
  await pool.end();
  const searches = await record(engine, requests);
  const sent = searches.reduce((n, s) => n + s.reduce((m, stage) => m + stage.length, 0), 0);
  console.log(`${searches.length} searches of ${slug} as the engine sends them: ${sent} requests (${(sent / searches.length).toFixed(2)} per search)`);

  const path = `/indexes/${encodeURIComponent(meili.index)}/search`;
  const options = { host: meili.url, apiKey: meili.key ?? undefined, timeout: meili.timeoutMs };
  const official = new Meilisearch(options).index(meili.index);
  const uncompressed = new Meilisearch({ ...options, requestInit: { headers: { 'accept-encoding': 'identity' } } }).index(meili.index);
  const variants: [string, Send][] = [
    ['undici', (b) => own.request('POST', path, b)],
    ['official', ({ q, ...rest }) => official.search(q as string | undefined, rest)],
    ['identity', ({ q, ...rest }) => uncompressed.search(q as string | undefined, rest)],
  ];
  console.log(`Node ${process.version}, ${clients} clients, ${rounds} rounds of ${seconds} s per variant, in rotating order`);
  for (const [name, send] of variants) await run(name, send, searches, clients, 2);
  const results: Round[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const [name, send] of [...variants.slice(r % variants.length), ...variants.slice(0, r % variants.length)]) {
      const round = await run(name, send, searches, clients, seconds);
      results.push(round);
      console.log(`round ${r + 1} ${line(round)}`);
    }
  }
  await own.close();

  console.log(`\nmedian of ${rounds} rounds (min–max), Node ${process.version}, ${clients} clients:`);
  const of = (name: string): Round[] => results.filter((r) => r.variant === name);
  for (const [name] of variants) {
    const rs = of(name);
    console.log(
      `${name.padEnd(8)} ${spread(rs.map((r) => r.perSecond), 0)}/s, p50 ${spread(rs.map((r) => r.p50), 2)} ms, ` +
        `p95 ${spread(rs.map((r) => r.p95), 2)} ms, p99 ${spread(rs.map((r) => r.p99), 2)} ms, cpu ${spread(rs.map((r) => r.cpu), 2)} ms/search`,
    );
  }
  // Each round of a variant against the undici round of the same round number.
  const base = of('undici');
  for (const [name] of variants.slice(1)) {
    const rs = of(name);
    const meanDiff = rs.map((r, i) => r.mean - base[i].mean);
    const p50Diff = rs.map((r, i) => r.p50 - base[i].p50);
    // What a search costs the machine at this concurrency: the inverse of throughput.
    const costDiff = rs.map((r, i) => 1000 / r.perSecond - 1000 / base[i].perSecond);
    const cpuDiff = rs.map((r, i) => r.cpu - base[i].cpu);
    console.log(
      `${name} − undici per search: mean latency ${spread(meanDiff, 2)} ms, p50 ${spread(p50Diff, 2)} ms, ` +
        `time per search (1/throughput) ${spread(costDiff, 2)} ms, client cpu ${spread(cpuDiff, 2)} ms`,
    );
  }
}

runBenchmark(main);
