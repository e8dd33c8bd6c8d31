import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { loadConfig } from '../config/config';
import { startApi } from './api';

/**
 * `npm run bench`: starts the API on the large dataset (`npm run seed:large` first), then
 * runs autocannon with 10 connections against the scenarios of the core API and prints
 * req/s, p50/p99 latency and the API's resident memory.
 *   BENCH_BODY (default grossstadt), BENCH_SECONDS (default 10), BENCH_CONNECTIONS (10),
 *   BENCH_PORT (default 3999). Scenario names given as arguments select a subset.
 */
interface Scenario {
  name: string;
  path: string;
}

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const port = Number(process.env.BENCH_PORT ?? 3999);
const slug = process.env.BENCH_BODY ?? 'grossstadt';

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) / 1024 : NaN;
}

async function scenarios(databaseUrl: string): Promise<Scenario[]> {
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
    return [
      { name: 'session list (one month)', path: `${base}/sessions?from=${from}&to=${to}&limit=50` },
      { name: 'session detail with agenda', path: `${base}/sessions/${session.rows[0].id}` },
      { name: 'document list by type', path: `${base}/documents?type=${encodeURIComponent(type.rows[0].t)}&limit=50` },
      { name: 'document detail', path: `${base}/documents/${doc.rows[0].id}` },
      ...(file.rows[0] ? [{ name: '1 MB file download', path: `${base}/files/${file.rows[0].id}/content` }] : []),
    ];
  } finally {
    await db.end();
  }
}

async function main(): Promise<void> {
  const config = loadConfig();
  const selected = process.argv.slice(2);
  const all = await scenarios(config.databaseUrl);
  const list = selected.length ? all.filter((s) => selected.some((w) => s.name.includes(w))) : all;
  const api = await startApi(port);
  const pid = api.pid!;
  let peak = rssMb(pid);
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 250);
  console.log(`API pid ${pid}, ${connections} connections, ${seconds} s per scenario, body ${slug}`);
  console.log(['scenario'.padEnd(30), 'req/s'.padStart(8), 'p50 ms'.padStart(8), 'p99 ms'.padStart(8), 'non-2xx'.padStart(8), 'RSS MB'.padStart(8)].join(' '));
  try {
    for (const s of list) {
      const url = `http://127.0.0.1:${port}${s.path}`;
      const probe = await fetch(url);
      if (!probe.ok) throw new Error(`${s.name}: ${url} answered ${probe.status}`);
      await autocannon({ url, connections, duration: 2 }); // warm-up
      const r = await autocannon({ url, connections, duration: seconds });
      console.log(
        [
          s.name.padEnd(30),
          r.requests.average.toFixed(0).padStart(8),
          String(r.latency.p50).padStart(8),
          String(r.latency.p99).padStart(8),
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

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
