import { QUEUES } from '../src/infra/queue/queues';
import { createProcessors } from '../src/worker/processors';
import { RunningWorker, startWorker } from '../src/worker/worker';
import { bearer, startAnotherApp, startWithBody, TestApp } from './support/app';
import { TEST_DATABASE_URL } from './support/env';
import { createSession } from './support/factories';
import { freePort } from './support/ports';
import { addFailedJob } from './support/queues';
import { eventually } from './support/search-worker';
import { startTcpProxy, TcpProxy } from './support/tcp-proxy';

type Ctx = Awaited<ReturnType<typeof startWithBody>>;

const METRIC_NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
// Values as Prometheus reads them (Go's ParseFloat: NaN and Inf in any case; prom-client writes `Nan`).
const SAMPLE = new RegExp(`^(${METRIC_NAME})(\\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\\\\n]|\\\\.)*",?)*\\})? (-?(?:[0-9.]+(?:e[+-]?[0-9]+)?|NaN|[+-]?Inf))(?: -?[0-9]+)?$`, 'i');

/**
 * Parses Prometheus' text format (version 0.0.4) strictly: every line is a HELP or TYPE
 * comment or a sample; a sample's family is declared by a TYPE line before it. Returns the
 * samples by `name{labels}` as written.
 */
function parseMetrics(text: string): { samples: Map<string, number>; types: Map<string, string> } {
  const samples = new Map<string, number>();
  const types = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const comment = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$/.exec(line);
    if (comment) {
      if (comment[1] === 'TYPE') {
        expect(['counter', 'gauge', 'histogram', 'summary', 'untyped']).toContain(comment[3]);
        types.set(comment[2], comment[3]);
      }
      continue;
    }
    const sample = SAMPLE.exec(line);
    if (!sample) throw new Error(`not a line of the Prometheus text format: ${line}`);
    const family = [...types.keys()].find((name) => sample[1] === name || (/^(.*)_(bucket|sum|count)$/.exec(sample[1])?.[1] ?? '') === name);
    if (!family) throw new Error(`sample of an undeclared family: ${line}`);
    expect(samples.has(`${sample[1]}${sample[2] ?? ''}`)).toBe(false);
    samples.set(`${sample[1]}${sample[2] ?? ''}`, Number(sample[3]));
  }
  return { samples, types };
}

/** The value of one sample; undefined when absent. */
function value(text: string, sample: string): number | undefined {
  return parseMetrics(text).samples.get(sample);
}

describe('/metrics', () => {
  let t: Ctx;
  let metricsPort: number;
  const scrape = async (): Promise<string> => (await t.http().get('/metrics').set(...bearer(t.keys.admin)).expect(200)).text;

  beforeAll(async () => {
    metricsPort = await freePort();
    t = await startWithBody({ READ_CACHE_MS: '60000', METRICS_PORT: String(metricsPort) });
    await createSession(t.ds, { bodyId: t.body.id, name: 'Sitzung des Rates' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses anonymous callers, editor and member keys, with a problem', async () => {
    const anonymous = await t.http().get('/metrics').expect(401);
    expect(anonymous.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(anonymous.text).not.toMatch(/ratsinfo_/);
    await t.http().get('/metrics').set(...bearer(t.keys.editor)).expect(403);
    await t.http().get('/metrics').set(...bearer(t.keys.member)).expect(403);
    await t.http().get('/metrics').set('Authorization', 'Bearer rk_wrong').expect(401);
  });

  it('answers an admin key with the Prometheus text format and every metric family', async () => {
    const res = await t.http().get('/metrics').set(...bearer(t.keys.admin)).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.headers['cache-control']).toBe('no-store');
    const { types } = parseMetrics(res.text);
    expect(Object.fromEntries([...types].filter(([name]) => name.startsWith('ratsinfo_')))).toEqual({
      ratsinfo_http_request_duration_seconds: 'histogram',
      ratsinfo_read_cache_requests_total: 'counter',
      ratsinfo_db_reads_total: 'counter',
      ratsinfo_db_read_replica_up: 'gauge',
      ratsinfo_db_read_replica_lag_seconds: 'gauge',
      ratsinfo_search_duration_seconds: 'histogram',
      ratsinfo_oparl_list_pages_total: 'counter',
      ratsinfo_oparl_render_duration_seconds: 'histogram',
      ratsinfo_jobs_processed_total: 'counter',
      ratsinfo_outbox_relay_batches_total: 'counter',
      ratsinfo_outbox_relayed_events_total: 'counter',
      ratsinfo_outbox_relay_failures_total: 'counter',
      ratsinfo_metrics_source_up: 'gauge',
      ratsinfo_queue_jobs: 'gauge',
      ratsinfo_outbox_lag_seconds: 'gauge',
      ratsinfo_outbox_unrelayed_events: 'gauge',
      ratsinfo_newsletter_deliveries: 'gauge',
      ratsinfo_newsletter_subscriptions: 'gauge',
      ratsinfo_oparl_import_last_start_timestamp_seconds: 'gauge',
      ratsinfo_oparl_import_last_success_timestamp_seconds: 'gauge',
      ratsinfo_db_pool_connections: 'gauge',
    });
    // Process metrics of prom-client.
    expect(types.get('process_cpu_seconds_total')).toBe('counter');
    expect(types.get('nodejs_eventloop_lag_seconds')).toBe('gauge');
    expect(value(res.text, 'ratsinfo_metrics_source_up{source="redis"}')).toBe(1);
    expect(value(res.text, 'ratsinfo_metrics_source_up{source="postgres"}')).toBe(1);
    expect(value(res.text, 'ratsinfo_db_pool_connections{state="total"}')).toBeGreaterThanOrEqual(1);
    expect(value(res.text, 'ratsinfo_newsletter_subscriptions{status="suspended"}')).toBe(0);
    expect(value(res.text, 'ratsinfo_newsletter_deliveries{status="sent"}')).toBe(0);
  });

  it('times requests by route pattern and status, never by raw URL', async () => {
    const sample = 'ratsinfo_http_request_duration_seconds_count{method="GET",route="/v1/bodies/:body/sessions",status_code="200"}';
    const before = value(await scrape(), sample) ?? 0;
    for (let i = 0; i < 3; i++) await t.http().get(`/v1/bodies/musterstadt/sessions?limit=${i + 1}`).expect(200);
    await t.http().get('/v1/bodies/nowhere/sessions').expect(404);
    const text = await scrape();
    expect(value(text, sample)).toBe(before + 3);
    expect(value(text, 'ratsinfo_http_request_duration_seconds_count{method="GET",route="/v1/bodies/:body/sessions",status_code="404"}')).toBeGreaterThanOrEqual(1);
    expect(text).not.toMatch(/nowhere|limit=/);
  });

  it('counts read-cache hits and misses and times searches per engine', async () => {
    const before = await scrape();
    const url = '/v1/bodies/musterstadt/committees?limit=7';
    await t.http().get(url).expect(200);
    await t.http().get(url).expect(200);
    await t.http().get('/v1/bodies/musterstadt/search?q=Rat').expect(200);
    const after = await scrape();
    // The first read of the list is a miss, the second a hit; the search is a cacheable read too (a miss).
    for (const [result, more] of [['hit', 1], ['miss', 2]] as const) {
      const sample = `ratsinfo_read_cache_requests_total{result="${result}"}`;
      expect(value(after, sample)).toBe((value(before, sample) ?? 0) + more);
    }
    const search = 'ratsinfo_search_duration_seconds_count{engine="postgres",operation="search",outcome="ok"}';
    expect(value(after, search)).toBe((value(before, search) ?? 0) + 1);
  });

  it('shows failed jobs, the outbox lag and the last import of a body', async () => {
    await addFailedJob(t.config, QUEUES.extract, 'no text');
    await t.ds.query(
      `INSERT INTO change_event (body_id, resource, resource_id, action, audience_before, audience_after, occurred_at)
       VALUES ($1, 'session', gen_random_uuid(), 'updated', 2, 2, now() - interval '90 seconds')`,
      [t.body.id],
    );
    await t.ds.query(`INSERT INTO import_source (body_id, url, last_started_at, last_success_at) VALUES ($1, 'https://ris.example.org/oparl', '2026-11-30T10:00:00Z', '2026-11-29T10:00:00Z')`, [
      t.body.id,
    ]);
    const text = await scrape();
    expect(value(text, 'ratsinfo_queue_jobs{queue="extract",state="failed"}')).toBe(1);
    expect(value(text, 'ratsinfo_queue_jobs{queue="mail",state="failed"}')).toBe(0);
    expect(value(text, 'ratsinfo_outbox_lag_seconds')).toBeGreaterThanOrEqual(90);
    expect(value(text, 'ratsinfo_outbox_unrelayed_events')).toBeGreaterThanOrEqual(1);
    expect(value(text, 'ratsinfo_oparl_import_last_start_timestamp_seconds{body="musterstadt"}')).toBe(Date.parse('2026-11-30T10:00:00Z') / 1000);
    expect(value(text, 'ratsinfo_oparl_import_last_success_timestamp_seconds{body="musterstadt"}')).toBe(Date.parse('2026-11-29T10:00:00Z') / 1000);
  });

  it('serves the same without a key on the metrics port, and nothing else there', async () => {
    const res = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const { types } = parseMetrics(await res.text());
    expect(types.get('ratsinfo_queue_jobs')).toBe('gauge');
    expect((await fetch(`http://127.0.0.1:${metricsPort}/v1/bodies`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${metricsPort}/metrics`, { method: 'POST' })).status).toBe(404);
  });

  it('answers at once while Redis is down, with the Redis source marked down', async () => {
    let other: TestApp | null = null;
    try {
      other = await startAnotherApp(t, { REDIS_URL: 'redis://127.0.0.1:1' });
      const started = Date.now();
      const res = await other.http().get('/metrics').set(...bearer(t.keys.admin)).expect(200);
      expect(Date.now() - started).toBeLessThan(5000);
      expect(value(res.text, 'ratsinfo_metrics_source_up{source="redis"}')).toBe(0);
      expect(value(res.text, 'ratsinfo_metrics_source_up{source="postgres"}')).toBe(1);
      expect(value(res.text, 'ratsinfo_outbox_lag_seconds')).toBeGreaterThanOrEqual(0);
    } finally {
      await other?.close();
    }
  });
});

describe('/metrics with PostgreSQL going away', () => {
  let t: Ctx;
  let proxy: TcpProxy;
  let metricsPort: number;

  beforeAll(async () => {
    const direct = new URL(TEST_DATABASE_URL);
    proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
    metricsPort = await freePort();
    t = await startWithBody(
      { METRICS_PORT: String(metricsPort) },
      {
        databaseUrl: (url) => {
          const proxied = new URL(url);
          proxied.hostname = '127.0.0.1';
          proxied.port = String(proxy.port);
          return proxied.toString();
        },
      },
    );
  });
  afterAll(async () => {
    await proxy?.restore();
    await t?.close();
    await proxy?.close();
  });

  it('still answers on the metrics port, quickly, with the last values and the database marked down', async () => {
    const first = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    expect(value(first, 'ratsinfo_metrics_source_up{source="postgres"}')).toBe(1);
    await proxy.cut();
    const started = Date.now();
    const res = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(value(text, 'ratsinfo_metrics_source_up{source="postgres"}')).toBe(0);
    expect(value(text, 'ratsinfo_metrics_source_up{source="redis"}')).toBe(1);
    expect(value(text, 'ratsinfo_newsletter_subscriptions{status="active"}')).toBe(0);
  });
});

describe('worker metrics', () => {
  let t: Ctx;
  let worker: RunningWorker | null = null;

  beforeAll(async () => {
    t = await startWithBody();
  });
  afterAll(async () => {
    await worker?.stop();
    await t.close();
  });

  it('serves job, relay, queue and outbox metrics on WORKER_METRICS_PORT', async () => {
    const port = await freePort();
    const config = { ...t.config, metrics: { ...t.config.metrics, workerPort: port } };
    worker = await startWorker(config, createProcessors(config));
    const scrape = async (): Promise<string> => {
      const res = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(res.status).toBe(200);
      return res.text();
    };
    const before = await scrape();
    await t.http().post('/v1/bodies/musterstadt/sessions').set(...bearer(t.keys.editor)).send({ name: 'Sitzung', start: '2026-05-12T17:00:00+02:00' }).expect(201);
    await eventually(async () => (await t.ds.query(`SELECT count(*)::int AS n FROM change_event WHERE relayed_at IS NULL`))[0].n === 0, 10_000, 'the relay');
    const completed = 'ratsinfo_jobs_processed_total{queue="extract",result="completed"}';
    await eventually(async () => (value(await scrape(), completed) ?? 0) > (value(before, completed) ?? 0), 10_000, 'the extract job');
    const text = await scrape();
    expect(value(text, 'ratsinfo_outbox_relay_batches_total')).toBeGreaterThan(value(before, 'ratsinfo_outbox_relay_batches_total') ?? 0);
    expect(value(text, 'ratsinfo_outbox_lag_seconds')).toBe(0);
    expect(value(text, 'ratsinfo_queue_jobs{queue="mail",state="waiting"}')).toBe(0);
    expect(value(text, 'ratsinfo_metrics_source_up{source="redis"}')).toBe(1);
  });
});
