import { Logger } from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config';
import { dataSourceOptions } from '../infra/database/data-source';
import { bullPrefix, CHANGE_QUEUES, QUEUES, QueueName } from '../infra/queue/queues';
import { closeRedis } from '../infra/redis/close-redis';
import { OutboxRelay, RelayRecorder } from './outbox-relay';

/** A job handler per queue; the worker does not start when a queue lacks one. */
export type Processors = Record<QueueName, (job: import('bullmq').Job) => Promise<unknown>>;

export interface RunningWorker {
  relay: OutboxRelay;
  stop(): Promise<void>;
}

export function bullConnection(config: AppConfig): Redis {
  return new Redis(config.redisUrl, { maxRetriesPerRequest: null, enableReadyCheck: false }).on('error', () => {
    // BullMQ reconnects; the relay logs that it is paused.
  });
}

/** The worker process: the outbox relay and the BullMQ processors. */
export async function startWorker(config: AppConfig, processors: Processors, startup: (() => Promise<void>)[] = [], recorders: RelayRecorder[] = []): Promise<RunningWorker> {
  const logger = new Logger('worker');
  const names: string[] = Object.values(QUEUES);
  const missing = names.filter((name) => !(name in processors));
  if (missing.length) throw new Error(`no processor for queue(s): ${missing.join(', ')}`);

  const ds = new DataSource({ ...dataSourceOptions(config.databaseUrl, 4), logging: ['error'] });
  await ds.initialize();
  // One connection for every queue and worker: BullMQ treats a passed-in connection as shared
  // (never closes it; stop() does) and gives each worker a blocking duplicate it closes itself.
  const connection = bullConnection(config);
  const prefix = bullPrefix(config);
  // Connection errors are the connection's to report (the relay logs that it is paused).
  const changeQueues = CHANGE_QUEUES.map((name) => new Queue(name, { connection, prefix }).on('error', () => undefined));
  const workers = names.map(
    (name) =>
      new Worker(name, processors[name as QueueName], { connection, prefix, concurrency: 4 }).on('failed', (job, error) =>
        logger.warn(`job ${name}/${job?.id ?? '?'} failed (attempt ${job?.attemptsMade ?? 0}): ${error.message}`),
      ),
  );
  const relay = new OutboxRelay(ds, changeQueues, config.outboxPollMs, 500, recorders);
  relay.start();
  // Start-up work that may wait for a service: failures are retried later (by the step itself or by its jobs).
  for (const hook of startup) {
    hook().catch((error: unknown) => logger.warn(`start-up step deferred: ${error instanceof Error ? error.message : String(error)}`));
  }
  logger.log(`worker started: relay every ${config.outboxPollMs} ms, queues [${names.join(', ') || 'none'}]`);
  return {
    relay,
    stop: async () => {
      await relay.stop();
      await Promise.all(workers.map((w) => w.close()));
      await Promise.all(changeQueues.map((q) => q.close()));
      await closeRedis(connection);
      await ds.destroy();
    },
  };
}
