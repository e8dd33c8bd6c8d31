import type { Queue } from 'bullmq';
import { Gauge, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { poolOf } from '../../infra/database/pool';
import { queueCounts, WATCHED_STATES } from '../../infra/queue/queue-admin';
import type { QueueName } from '../../infra/queue/queues';
import { within } from '../../infra/redis/within';
import { DELIVERY_STATUSES, SUBSCRIPTION_STATUSES } from '../newsletter/newsletter.entities';

/** The longest a scrape waits for PostgreSQL or Redis; then it answers with the values it has. */
export const SCRAPE_WAIT_MS = 1500;

interface StateRow {
  outbox_lag: number | null;
  outbox_pending: number;
  deliveries: Record<string, number>;
  subscriptions: Record<string, number>;
  imports: { body: string; started: number | null; succeeded: number | null }[];
}

/**
 * One round trip for everything read from PostgreSQL. The outbox lag is the age of the oldest
 * change event not yet relayed (found by the partial index of unrelayed events), 0 when the
 * outbox is empty.
 */
const STATE_SQL = `
  SELECT
    (SELECT extract(epoch FROM now() - occurred_at)::float8 FROM change_event WHERE relayed_at IS NULL ORDER BY id LIMIT 1) AS outbox_lag,
    (SELECT count(*)::int FROM change_event WHERE relayed_at IS NULL) AS outbox_pending,
    (SELECT coalesce(json_object_agg(status, n), '{}') FROM (SELECT status, count(*)::int AS n FROM newsletter_delivery GROUP BY status) d) AS deliveries,
    (SELECT coalesce(json_object_agg(status, n), '{}') FROM (SELECT status, count(*)::int AS n FROM newsletter_subscription GROUP BY status) s) AS subscriptions,
    (SELECT coalesce(json_agg(json_build_object('body', b.slug, 'started', extract(epoch FROM i.started), 'succeeded', extract(epoch FROM i.succeeded)) ORDER BY b.slug), '[]')
       FROM (SELECT body_id, max(last_started_at) AS started, max(last_success_at) AS succeeded FROM import_source GROUP BY body_id) i
       JOIN body b ON b.id = i.body_id) AS imports`;

/**
 * Metrics read at scrape time from PostgreSQL (outbox, newsletter, imports), the connection
 * pool and Redis (queue counts), in a registry of their own. Each source is read within
 * SCRAPE_WAIT_MS: a source that is down or slow leaves its metrics at the values of the last
 * scrape that reached it, and `ratsinfo_metrics_source_up` says which one failed.
 */
export class StateMetrics {
  readonly registry = new Registry();
  private readonly up = this.gauge('ratsinfo_metrics_source_up', 'Whether this scrape could read the source (1) or shows older values (0)', ['source']);
  private readonly queueJobs = this.gauge('ratsinfo_queue_jobs', 'Jobs per BullMQ queue and state (waiting, active, failed, delayed)', ['queue', 'state']);
  private readonly outboxLag = this.gauge('ratsinfo_outbox_lag_seconds', 'Age of the oldest change event not yet relayed to the queues (0: none waiting)');
  private readonly outboxPending = this.gauge('ratsinfo_outbox_unrelayed_events', 'Change events not yet relayed to the queues');
  private readonly deliveries = this.gauge('ratsinfo_newsletter_deliveries', 'Newsletter mails by delivery status (sent, failed, queued, sending, skipped)', ['status']);
  private readonly subscriptions = this.gauge('ratsinfo_newsletter_subscriptions', 'Newsletter subscriptions by status (suspended: too many bounces)', ['status']);
  private readonly importStarted = this.gauge('ratsinfo_oparl_import_last_start_timestamp_seconds', 'Start of the last OParl import run per body (Unix time)', ['body']);
  private readonly importSucceeded = this.gauge('ratsinfo_oparl_import_last_success_timestamp_seconds', 'Start of the last successful OParl import run per body (Unix time)', ['body']);

  constructor(
    private readonly ds: DataSource,
    private readonly queues: Map<QueueName, Queue>,
  ) {
    const pool = poolOf(ds);
    new Gauge({
      name: 'ratsinfo_db_pool_connections',
      help: 'Connections of the PostgreSQL pool: total, idle, and callers waiting for one',
      labelNames: ['state'],
      registers: [this.registry],
      collect() {
        this.set({ state: 'total' }, pool.totalCount);
        this.set({ state: 'idle' }, pool.idleCount);
        this.set({ state: 'waiting' }, pool.waitingCount);
      },
    });
  }

  private gauge(name: string, help: string, labelNames: string[] = []): Gauge {
    return new Gauge({ name, help, labelNames, registers: [this.registry] });
  }

  /** Reads every source again, each within SCRAPE_WAIT_MS; call before rendering the registry. */
  async refresh(): Promise<void> {
    await Promise.all([this.readRedis(), this.readDatabase()]);
  }

  private async readRedis(): Promise<void> {
    const counts = await queueCounts(this.queues, SCRAPE_WAIT_MS);
    for (const [queue, byState] of counts) {
      for (const state of WATCHED_STATES) this.queueJobs.set({ queue, state }, byState[state]);
    }
    this.up.set({ source: 'redis' }, counts.size === this.queues.size ? 1 : 0);
  }

  private async readDatabase(): Promise<void> {
    let row: StateRow;
    try {
      [row] = await within(this.ds.query<StateRow[]>(STATE_SQL), SCRAPE_WAIT_MS);
    } catch {
      this.up.set({ source: 'postgres' }, 0);
      return;
    }
    this.up.set({ source: 'postgres' }, 1);
    this.outboxLag.set(Math.max(0, row.outbox_lag ?? 0));
    this.outboxPending.set(row.outbox_pending);
    for (const status of DELIVERY_STATUSES) this.deliveries.set({ status }, row.deliveries[status] ?? 0);
    for (const status of SUBSCRIPTION_STATUSES) this.subscriptions.set({ status }, row.subscriptions[status] ?? 0);
    this.importStarted.reset();
    this.importSucceeded.reset();
    for (const { body, started, succeeded } of row.imports) {
      if (started !== null) this.importStarted.set({ body }, started);
      if (succeeded !== null) this.importSucceeded.set({ body }, succeeded);
    }
  }
}
