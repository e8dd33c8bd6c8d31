import 'reflect-metadata';
import { startApi } from './api';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'undici';

/**
 * `npm run bench:oparl`: starts the API on the large dataset (`npm run seed:large` first) and
 * crawls its OParl endpoint like a harvester does: System → Body → every external list of the
 * Body with the default page size, following `links.next` to the end, one walker per list, all
 * lists at once. Prints objects, pages, seconds and objects/s per list, the total objects/s and
 * the API's peak resident memory.
 *   BENCH_BODY (default grossstadt), BENCH_PORT (default 3999).
 */
const port = Number(process.env.BENCH_PORT ?? 3999);
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

async function main(): Promise<void> {
  const api = await startApi(port);
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
