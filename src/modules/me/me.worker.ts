import { Logger } from '@nestjs/common';
import { Queue, type Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { AppConfig, loadConfig } from '../../config/config';
import { dataSourceOptions } from '../../infra/database/data-source';
import { bullPrefix, ChangeJob, QUEUES } from '../../infra/queue/queues';
import { closeRedis } from '../../infra/redis/close-redis';
import { createRedis } from '../../infra/redis/redis.module';
import { AccountKeyRing } from '../accounts/accounts.crypto';
import { reanchorFile } from './anchoring.job';
import { AccountHousekeeping } from './housekeeping';

type Handler = (job: Job) => Promise<unknown>;
export type MeQueueName = typeof QUEUES.markings | typeof QUEUES.accounts;

const TICK_SCHEDULER = 'accounts-tick';
/** File changes after which the text may be new (a deletion leaves markings as they are). */
const TEXT_ACTIONS = new Set(['created', 'updated', 'published']);

export interface MeWorker {
  processors: Record<MeQueueName, Handler>;
  /** Registers the housekeeping tick (idempotent); retries in the background while Redis is down. */
  start(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The worker side of app accounts: change events of files re-anchor their markings, and a
 * tick does the housekeeping. Connections are opened on first use.
 */
export function createMeWorker(config: AppConfig, options: { dataSource?: DataSource } = {}): MeWorker {
  const logger = new Logger('accounts');
  const keys = new AccountKeyRing(config.accounts.keys);
  let ds: Promise<DataSource> | null = null;
  let retry: NodeJS.Timeout | null = null;
  let closed = false;
  const open = (): Promise<DataSource> =>
    (ds ??= (async () => {
      const source = options.dataSource ?? new DataSource({ ...dataSourceOptions(config.databaseUrl, 2), logging: ['error'] });
      if (!source.isInitialized) await source.initialize();
      return source;
    })().catch((error: unknown) => {
      ds = null;
      throw error;
    }));

  const schedule = async (delay: number): Promise<void> => {
    const connection = createRedis(config);
    const queue = new Queue(QUEUES.accounts, { connection, prefix: bullPrefix(config) }).on('error', () => undefined);
    try {
      await queue.upsertJobScheduler(TICK_SCHEDULER, { every: config.accounts.tickSeconds * 1000 }, { name: 'tick', data: {}, opts: { removeOnComplete: true, removeOnFail: { count: 100 } } });
    } catch (error) {
      if (!closed) {
        logger.warn('accounts housekeeping not scheduled yet (Redis unavailable); retrying');
        retry = setTimeout(() => void schedule(Math.min(delay * 2, 60_000)).catch(() => undefined), delay);
        retry.unref();
      }
      throw error;
    } finally {
      await queue.close().catch(() => undefined);
      await closeRedis(connection);
    }
  };

  const processors: Record<MeQueueName, Handler> = {
    [QUEUES.markings]: async (job) => {
      const change = job.data as ChangeJob;
      if (change.resource !== 'file' || !TEXT_ACTIONS.has(change.action) || !keys.enabled) return 0;
      return reanchorFile(await open(), keys, change.resourceId);
    },
    [QUEUES.accounts]: async () => {
      if (!keys.enabled) return null;
      return new AccountHousekeeping(await open(), keys, config.accounts).tick();
    },
  };

  return {
    processors,
    start: () => schedule(1000),
    close: async () => {
      closed = true;
      if (retry) clearTimeout(retry);
      const source = await ds?.catch(() => null);
      if (source && !options.dataSource) await source.destroy();
    },
  };
}

let shared: MeWorker | null = null;
const lazy = (): MeWorker => (shared ??= createMeWorker(loadConfig()));

export function startMeWorker(): Promise<void> {
  return lazy().start();
}

/** Handlers for the worker process (configuration from the environment). */
export const ME_PROCESSORS: Record<MeQueueName, Handler> = {
  [QUEUES.markings]: (job) => lazy().processors[QUEUES.markings](job),
  [QUEUES.accounts]: (job) => lazy().processors[QUEUES.accounts](job),
};
