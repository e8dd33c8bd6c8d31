import { createServer, Server } from 'node:http';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The metrics a process counts as it works (requests, cache look-ups, searches, jobs, relay
 * batches) and Node's own (memory, event loop, GC), in one registry per process: the API and
 * the worker of the demo share it. Values read from PostgreSQL and Redis at scrape time live in
 * a StateMetrics of each app instead (see state-metrics.ts).
 */
export const PROCESS_METRICS = new Registry();
collectDefaultMetrics({ register: PROCESS_METRICS });

/** Prometheus' text format (what every registry renders). */
export const METRICS_CONTENT_TYPE = PROCESS_METRICS.contentType;

export const httpRequestDuration = new Histogram({
  name: 'ratsinfo_http_request_duration_seconds',
  help: 'HTTP requests by method, route pattern (never the raw URL) and status code',
  labelNames: ['method', 'route', 'status_code'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [PROCESS_METRICS],
});

export const readCacheRequests = new Counter({
  name: 'ratsinfo_read_cache_requests_total',
  help: 'Anonymous reads of cacheable routes, by whether the in-memory read cache answered them (hit) or not (miss)',
  labelNames: ['result'] as const,
  registers: [PROCESS_METRICS],
});

export const databaseReads = new Counter({
  name: 'ratsinfo_db_reads_total',
  help: 'Prepared SQL reads by the server that answered them: primary, or replica (a streaming replica of DATABASE_READ_URL)',
  labelNames: ['server'] as const,
  registers: [PROCESS_METRICS],
});

/** One read replica as its gauges show it (see ReadReplicas). */
export interface ReadReplicaGauge {
  name: string;
  up: boolean;
  lagSeconds: number | null;
}

/** What the read replica gauges show at a scrape: each running API instance adds its replicas here. */
export const readReplicaSources = new Set<() => ReadReplicaGauge[]>();

export const readReplicaUp = new Gauge({
  name: 'ratsinfo_db_read_replica_up',
  help: 'Whether a read replica serves reads (1) or is out of rotation (0), by host:port/database',
  labelNames: ['replica'] as const,
  registers: [PROCESS_METRICS],
  collect() {
    this.reset();
    for (const source of readReplicaSources) for (const replica of source()) this.set({ replica: replica.name }, replica.up ? 1 : 0);
  },
});

export const readReplicaLag = new Gauge({
  name: 'ratsinfo_db_read_replica_lag_seconds',
  help: 'How far a read replica is behind the primary at most (to about a second), by host:port/database; absent while it is down',
  labelNames: ['replica'] as const,
  registers: [PROCESS_METRICS],
  collect() {
    this.reset();
    for (const source of readReplicaSources) {
      for (const replica of source()) if (replica.lagSeconds !== null) this.set({ replica: replica.name }, replica.lagSeconds);
    }
  },
});

export const searchDuration = new Histogram({
  name: 'ratsinfo_search_duration_seconds',
  help: 'Calls of the search engine by engine (postgres, meilisearch), operation (search, suggest) and outcome',
  labelNames: ['engine', 'operation', 'outcome'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [PROCESS_METRICS],
});

export const jobsProcessed = new Counter({
  name: 'ratsinfo_jobs_processed_total',
  help: 'Jobs this worker finished, by queue and result (completed; failed: an attempt failed, it may be retried)',
  labelNames: ['queue', 'result'] as const,
  registers: [PROCESS_METRICS],
});

export const relayBatches = new Counter({
  name: 'ratsinfo_outbox_relay_batches_total',
  help: 'Batches of change events the outbox relay moved to the queues',
  registers: [PROCESS_METRICS],
});

export const relayedEvents = new Counter({
  name: 'ratsinfo_outbox_relayed_events_total',
  help: 'Change events the outbox relay moved to the queues',
  registers: [PROCESS_METRICS],
});

export const relayFailures = new Counter({
  name: 'ratsinfo_outbox_relay_failures_total',
  help: 'Relay rounds that failed (PostgreSQL or Redis unavailable); the events stay in the outbox',
  registers: [PROCESS_METRICS],
});

export const oparlListPages = new Counter({
  name: 'ratsinfo_oparl_list_pages_total',
  help: 'OParl list pages by where they came from: the rendered objects (rendered), or rendered from the tables for this request (live)',
  labelNames: ['source'] as const,
  registers: [PROCESS_METRICS],
});

export const oparlRenders = new Histogram({
  name: 'ratsinfo_oparl_render_duration_seconds',
  help: "Renderings of a body's OParl objects ahead of reads, by outcome (ok, error)",
  labelNames: ['outcome'] as const,
  buckets: [0.1, 0.5, 1, 5, 10, 30, 60, 120, 300],
  registers: [PROCESS_METRICS],
});

/** Times `work` into `histogram` with these labels plus `outcome` (ok or error). */
export async function timed<T, L extends string>(histogram: Histogram<L | 'outcome'>, labels: Partial<Record<L, string>>, work: () => Promise<T>): Promise<T> {
  const end = histogram.startTimer(labels as Partial<Record<L | 'outcome', string>>);
  try {
    const result = await work();
    end({ outcome: 'ok' } as Partial<Record<L | 'outcome', string>>);
    return result;
  } catch (error) {
    end({ outcome: 'error' } as Partial<Record<L | 'outcome', string>>);
    throw error;
  }
}

/** The process's metrics followed by those of the given registries, in Prometheus' text format. */
export async function renderMetrics(...registries: Registry[]): Promise<string> {
  const parts = await Promise.all([PROCESS_METRICS, ...registries].map((r) => r.metrics()));
  return parts.map((part) => (part.endsWith('\n') || part === '' ? part : `${part}\n`)).join('');
}

/**
 * A small HTTP listener of its own that serves `GET /metrics` without authentication (for
 * Prometheus in the same host or network; bind it to an address the public cannot reach).
 * Everything else is a 404.
 */
export async function startMetricsListener(host: string, port: number, render: () => Promise<string>): Promise<{ server: Server; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    const path = (request.url ?? '').split('?')[0];
    if (path !== '/metrics' || (request.method !== 'GET' && request.method !== 'HEAD')) {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found: metrics are at GET /metrics\n');
      return;
    }
    render().then(
      (text) => response.writeHead(200, { 'Content-Type': METRICS_CONTENT_TYPE, 'Cache-Control': 'no-store' }).end(request.method === 'HEAD' ? undefined : text),
      () => response.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' }).end('metrics could not be rendered\n'),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
