import 'reflect-metadata';
import { startApi } from './api';
import { readFileSync } from 'node:fs';
import { Pool } from 'pg';
import { Agent, request } from 'undici';
import { loadConfig } from '../config/config';
import { CONNECTION_OPTIONS } from '../infra/database/data-source';
import { renderBody, staleBodies } from '../modules/oparl/oparl-rendered';
import { oparlBases } from '../modules/oparl/oparl.repository';

/**
 * `npm run bench:oparl`: starts the API on the large dataset (`npm run seed:large` first) and
 * crawls its OParl endpoint like a harvester does: System → Body → every external list of the
 * Body with the default page size, following `links.next` to the end, one walker per list, all
 * lists at once. Prints objects, pages, seconds and objects/s per list, the total objects/s and
 * the API's peak resident memory.
 *
 * Plain list pages come from the objects the worker renders ahead of reads (OPARL_PRERENDER):
 * the bench first renders the body as the worker would, unless it is current, and prints how
 * long that took; at the end it prints how many pages came from the rendered objects and how
 * many were rendered live (the API's own counter). BENCH_OPARL_LIVE=1 turns pre-rendering off
 * in the API, so that every page is rendered from the tables.
 *   BENCH_BODY (default grossstadt), BENCH_PORT (default 3999), BENCH_METRICS_PORT (default 3998).
 */
const port = Number(process.env.BENCH_PORT ?? 3999);
const metricsPort = Number(process.env.BENCH_METRICS_PORT ?? 3998);
const liveOnly = process.env.BENCH_OPARL_LIVE === '1';
const publicUrl = `http://localhost:${port}`;
const slug = process.env.BENCH_BODY ?? 'grossstadt';
const BODY_LISTS = ['organization', 'person', 'meeting', 'paper', 'agendaItem', 'consultation', 'file', 'locationList', 'legislativeTermList', 'membership'] as const;

interface Page {
  data: unknown[];
  links: { next?: string };
}

interface ListResult {
  name: string;
  objects: number;
  pages: number;
  bytes: number;
  seconds: number;
}

const dispatcher = new Agent({ connections: BODY_LISTS.length, pipelining: 1 });

function rssMb(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** The same origin as the API, whatever public URL the API puts into its links. */
function local(url: string): string {
  const u = new URL(url);
  return `http://127.0.0.1:${port}${u.pathname}${u.search}`;
}

async function getText(url: string): Promise<string> {
  const res = await request(local(url), { dispatcher });
  const text = await res.body.text();
  if (res.statusCode !== 200) throw new Error(`GET ${url}: ${res.statusCode} ${text.slice(0, 200)}`);
  return text;
}

async function walk(name: string, url: string): Promise<ListResult> {
  const started = process.hrtime.bigint();
  let next: string | undefined = url;
  const seen = new Set<string>();
  const result: ListResult = { name, objects: 0, pages: 0, bytes: 0, seconds: 0 };
  while (next) {
    if (seen.has(next)) throw new Error(`${name}: pagination loop at ${next}`);
    seen.add(next);
    const text = await getText(next);
    const page = JSON.parse(text) as Page;
    result.pages++;
    result.bytes += Buffer.byteLength(text);
    result.objects += page.data.length;
    next = page.links.next;
  }
  result.seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return result;
}

/** CPU seconds (user + system) the process has used so far. */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

const row = (cells: (string | number)[], widths: number[]): string => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join(' ');

/** Renders the body ahead of reads with the API's base URLs, as the worker does, unless it is current. */
async function renderAhead(): Promise<void> {
  const config = { ...loadConfig(), publicUrl };
  const pool = new Pool({ connectionString: config.databaseUrl, max: 1, options: CONNECTION_OPTIONS });
  try {
    const bases = oparlBases(config);
    const stale = (await staleBodies(pool, bases, { quietSeconds: 0, maxDelaySeconds: 0 })).find((b) => b.slug === slug);
    if (!stale) return console.log(`rendered objects of ${slug}: current`);
    const result = await renderBody(pool, bases, stale.id);
    if (!result) throw new Error(`${slug} is being rendered by another process (a worker?): wait for it, or stop it`);
    console.log(`rendered objects of ${slug}: rendered now, ${result.objects} objects (${result.written} written) in ${result.seconds.toFixed(1)} s`);
  } finally {
    await pool.end();
  }
}

/** The API's count of list pages by source (rendered, live). */
async function pagesBySource(): Promise<string> {
  const res = await request(`http://127.0.0.1:${metricsPort}/metrics`);
  const text = await res.body.text();
  const counts = [...text.matchAll(/^ratsinfo_oparl_list_pages_total\{source="(\w+)"\} (\d+)/gm)].map((m) => `${m[1]} ${m[2]}`);
  return counts.join(', ') || 'none counted';
}

async function main(): Promise<void> {
  if (!liveOnly) await renderAhead();
  const api = await startApi(port, { PUBLIC_URL: publicUrl, METRICS_PORT: String(metricsPort), METRICS_HOST: '127.0.0.1', ...(liveOnly ? { OPARL_PRERENDER: 'false' } : {}) });
  const pid = api.pid!;
  let peak = rssMb(pid);
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 100);
  try {
    const system = JSON.parse(await getText(`http://127.0.0.1:${port}/oparl/v1.1/system`)) as { body: string };
    const bodyUrl = `${new URL(system.body).pathname}/${slug}`;
    const body = JSON.parse(await getText(`http://127.0.0.1:${port}${bodyUrl}`)) as Record<string, unknown>;
    console.log(`API pid ${pid}, body ${slug}, ${BODY_LISTS.length} lists crawled at once with the default page size`);
    const widths = [22, 10, 8, 9, 10, 9];
    console.log(row(['list', 'objects', 'pages', 'seconds', 'objects/s', 'MB'], widths));
    const apiCpu = cpuSeconds(pid);
    const ownCpu = process.cpuUsage();
    const started = process.hrtime.bigint();
    const results = await Promise.all(
      BODY_LISTS.map(async (name) => {
        const r = await walk(name, String(body[name]));
        console.log(row([r.name, r.objects, r.pages, r.seconds.toFixed(2), (r.objects / r.seconds).toFixed(0), (r.bytes / 1e6).toFixed(1)], widths));
        return r;
      }),
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const objects = results.reduce((sum, r) => sum + r.objects, 0);
    const pages = results.reduce((sum, r) => sum + r.pages, 0);
    const bytes = results.reduce((sum, r) => sum + r.bytes, 0);
    console.log(row(['total', objects, pages, seconds.toFixed(2), (objects / seconds).toFixed(0), (bytes / 1e6).toFixed(1)], widths));
    const own = process.cpuUsage(ownCpu);
    console.log(`CPU seconds during the crawl: API ${(cpuSeconds(pid) - apiCpu).toFixed(1)}, crawler ${((own.user + own.system) / 1e6).toFixed(1)} (the rest is PostgreSQL)`);
    console.log(`peak API RSS during the run: ${peak.toFixed(0)} MB`);
    console.log(`list pages by source: ${await pagesBySource()}`);
  } finally {
    clearInterval(sampler);
    api.kill('SIGTERM');
    await dispatcher.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
