import { Logger } from '@nestjs/common';
import { Queue, Worker, WorkerOptions } from 'bullmq';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config';
import { dataSourceOptions } from '../infra/database/data-source';
import { jobsProcessed, renderMetrics, startMetricsListener } from '../infra/metrics/metrics';
import { openQueues, redactAddresses } from '../infra/queue/queue-admin';
import { bullPrefix, CHANGE_QUEUES, JobHandler, QUEUES, QueueName } from '../infra/queue/queues';
import { relayAnnouncer } from '../common/cache/invalidation';
import { closeRedis } from '../infra/redis/close-redis';
import { closeInOrder, CloseStep } from '../infra/process/shutdown';
import { RedisOutageLog } from '../infra/redis/outage-log';
import { createRedis } from '../infra/redis/redis.module';
import { within } from '../infra/redis/within';
import { StateMetrics } from '../modules/metrics/state-metrics';
import { OutboxRelay, RelayRecorder } from './outbox-relay';

/** A job handler per queue; the worker does not start when a queue lacks one. */
export type Processors = Record<QueueName, JobHandler>;

/**
 * What the modules contribute to a worker (see createProcessors in ./processors.ts): a handler
 * per queue, start-up steps, the relay's recorders, and the close of whatever they opened.
 */
export interface WorkerParts {
  processors: Processors;
  startup?: (() => Promise<void>)[];
  recorders?: RelayRecorder[];
  close?(): Promise<void>;
}

export interface RunningWorker {
  relay: OutboxRelay;
  /** Resolves once every queue's BullMQ worker is connected and waiting for jobs. */
  ready(): Promise<void>;
  stop(): Promise<void>;
}

/** The worker's shared BullMQ connection: retries every command until Redis is back. */
export function bullConnection(config: AppConfig): Redis {
  return new Redis(config.redisUrl, { maxRetriesPerRequest: null, enableReadyCheck: false });
}

/**
 * BullMQ workers for these queues on one shared connection, with their errors and failed
 * jobs logged (a Redis outage once, see RedisOutageLog).
 */
export function createWorkers<Q extends string>(
  processors: Record<Q, JobHandler>,
  options: { connection: Redis; prefix: string; outage: RedisOutageLog; logger: Logger; settings?: Partial<WorkerOptions> },
): Worker[] {
  return (Object.keys(processors) as Q[]).map((name) =>
    options.outage
      .errors(new Worker(name, processors[name], { concurrency: 4, ...options.settings, connection: options.connection, prefix: options.prefix }))
      .on('completed', () => jobsProcessed.inc({ queue: name, result: 'completed' }))
      .on('failed', (job, error) => {
        jobsProcessed.inc({ queue: name, result: 'failed' });
        // An SMTP error names the rejected recipient: no address reaches the log.
        options.logger.warn(`job ${name}/${job?.id ?? '?'} failed (attempt ${job?.attemptsMade ?? 0}): ${redactAddresses(error.message)}`);
      }),
  );
}

/**
 * The worker process: the outbox relay and the BullMQ processors. It owns `parts`: stop()
 * closes them after their last job finished, and so does a start that fails.
 */
export async function startWorker(config: AppConfig, parts: WorkerParts, options: { settings?: Partial<WorkerOptions> } = {}): Promise<RunningWorker> {
  const logger = new Logger('worker');
  const names: string[] = Object.values(QUEUES);
  const missing = names.filter((name) => !(name in parts.processors));
  const steps: CloseStep[] = [async () => parts.close?.()];
  const closeAll = (): Promise<void> => closeInOrder([...steps].reverse());
  try {
    if (missing.length) throw new Error(`no processor for queue(s): ${missing.join(', ')}`);
    const ds = new DataSource({ ...dataSourceOptions(config.databaseUrl, 4), logging: ['error'] });
    await ds.initialize();
    steps.push(() => ds.destroy());
    // One connection for every queue and worker: BullMQ treats a passed-in connection as shared
    // (never closes it; stop() does) and gives each worker a blocking duplicate it closes itself.
    const outage = new RedisOutageLog(logger, 'queues and the outbox relay');
    const connection = outage.connection(bullConnection(config));
    steps.push(() => closeRedis(connection));
    const prefix = bullPrefix(config);
    const changeQueues = CHANGE_QUEUES.map((name) => outage.errors(new Queue(name, { connection, prefix })));
    steps.push(() => Promise.all(changeQueues.map((q) => q.close())));
    const workers = createWorkers(parts.processors, { connection, prefix, outage, logger, settings: options.settings });
    // Running jobs finish before the parts they use are closed.
    steps.push(() => Promise.all(workers.map((w) => w.close())));
    const relay = new OutboxRelay(ds, changeQueues, config.outboxPollMs, 500, [...(parts.recorders ?? []), relayAnnouncer(connection, config.redisPrefix)]);
    relay.start();
    steps.push(() => relay.stop());
    // Start-up work that may wait for a service: failures are retried later (by the step itself or by its jobs).
    for (const hook of parts.startup ?? []) {
      hook().catch((error: unknown) => logger.warn(`start-up step deferred: ${error instanceof Error ? error.message : String(error)}`));
    }
    const metrics = await startWorkerMetrics(config, ds, outage);
    if (metrics) steps.push(() => metrics.close());
    logger.log(`worker started: relay every ${config.outboxPollMs} ms, queues [${names.join(', ') || 'none'}]`);
    let stopping: Promise<void> | null = null;
    return {
      relay,
      ready: async () => {
        await Promise.all(workers.map((w) => w.waitUntilReady()));
      },
      stop: () => (stopping ??= closeAll()),
    };
  } catch (error) {
    await closeAll().catch(() => undefined);
    throw error;
  }
}

/**
 * The worker's metrics listener (WORKER_METRICS_PORT, off when unset): the process's metrics
 * (jobs, relay batches) and the queue counts and outbox lag, read at scrape time on a
 * fail-fast Redis connection of its own, so that a scrape during an outage answers at once.
 */
async function startWorkerMetrics(config: AppConfig, ds: DataSource, outage: RedisOutageLog): Promise<{ close(): Promise<void> } | null> {
  const port = config.metrics.workerPort;
  if (port === null) return null;
  const redis = createRedis(config);
  const queues = openQueues(redis, bullPrefix(config), (error) => outage.error(error));
  const state = new StateMetrics(ds, queues);
  const listener = await startMetricsListener(config.metrics.host, port, async () => {
    await state.refresh();
    return renderMetrics(state.registry);
  }).catch(async (error: unknown) => {
    await closeRedis(redis);
    throw error;
  });
  new Logger('worker').log(`metrics at http://${config.metrics.host}:${port}/metrics`);
  return {
    close: async () => {
      await listener.close();
      await Promise.allSettled([...queues.values()].map((q) => within(q.close(), 2000)));
      await closeRedis(redis);
    },
  };
}
