import { Logger } from '@nestjs/common';
import { Queue, type Job } from 'bullmq';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/config';
import { dataSourceOptions } from '../../infra/database/data-source';
import { bullPrefix, ChangeJob, ensureTick as registerTick, QUEUES } from '../../infra/queue/queues';
import { closeRedis } from '../../infra/redis/close-redis';
import { within } from '../../infra/redis/within';
import { createRedis } from '../../infra/redis/redis.module';
import { AccountKeyRing } from '../accounts/accounts.crypto';
import { reanchorFile } from './anchoring.job';
import { AccountHousekeeping } from './housekeeping';

/** How long close() waits for a check under way and for the queue to close. */
const CLOSE_WAIT_MS = 2000;

type Handler = (job: Job) => Promise<unknown>;
export type MeQueueName = typeof QUEUES.markings | typeof QUEUES.accounts;

const TICK_SCHEDULER = 'accounts-tick';
/** File changes after which the text may be new (a deletion leaves markings as they are). */
const TEXT_ACTIONS = new Set(['created', 'updated', 'published']);

export interface MeWorker {
  processors: Record<MeQueueName, Handler>;
  /**
   * Registers the housekeeping tick, and from then on checks it whenever its Redis connection
   * comes back and every ME_TICK_SECONDS by a timer of this process, registering it again if
   * Redis lost it (a restart, perhaps empty, a flush, a failover). Rejects while Redis is
   * unavailable; the timer and the reconnection keep trying.
   */
  start(): Promise<void>;
  /** One such check (single-flight); true when the tick was missing and has been registered. */
  ensureTick(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * The worker side of app accounts: change events of files re-anchor their markings, and a
 * tick does the housekeeping. Connections are opened on first use.
 */
export function createMeWorker(config: AppConfig, options: { dataSource?: DataSource } = {}): MeWorker {
  const logger = new Logger('accounts');
  const keys = new AccountKeyRing(config.accounts.keys);
  const every = config.accounts.tickSeconds * 1000;
  let ds: Promise<DataSource> | null = null;
  let ticks: { connection: Redis; queue: Queue } | null = null;
  let timer: NodeJS.Timeout | null = null;
  let started = false;
  let check: Promise<boolean> | null = null;
  /** Whether the tick was registered before: registering it again means Redis lost it. */
  let scheduled = false;
  let failing = false;
  const open = (): Promise<DataSource> =>
    (ds ??= (async () => {
      const source = options.dataSource ?? new DataSource({ ...dataSourceOptions(config.databaseUrl, 2), logging: ['error'] });
      if (!source.isInitialized) await source.initialize();
      return source;
    })().catch((error: unknown) => {
      ds = null;
      throw error;
    }));

  const queue = (): Queue => {
    if (!ticks) {
      const connection = createRedis(config);
      // Back from an outage (or a restart, perhaps empty): check the tick at once.
      connection.on('ready', () => {
        if (started) void ensureTick().catch(report);
      });
      ticks = { connection, queue: new Queue(QUEUES.accounts, { connection, prefix: bullPrefix(config) }).on('error', () => undefined) };
    }
    return ticks.queue;
  };

  /** Failed checks are logged once until one succeeds again. */
  const report = (error: unknown): void => {
    if (!failing) logger.warn(`accounts housekeeping not scheduled (Redis unavailable): ${error instanceof Error ? error.message : String(error)}; retrying`);
    failing = true;
  };

  const ensureTick = (): Promise<boolean> =>
    (check ??= (async () => {
      const missing = await registerTick(queue(), TICK_SCHEDULER, every);
      if (missing && scheduled) logger.warn('the accounts housekeeping tick was missing in Redis; registered again');
      scheduled = true;
      if (failing) logger.log('accounts housekeeping scheduled again');
      failing = false;
      return missing;
    })().finally(() => {
      check = null;
    }));

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
    start: async () => {
      started = true;
      if (!timer) {
        timer = setInterval(() => void ensureTick().catch(report), every);
        timer.unref();
      }
      await ensureTick().catch((error: unknown) => {
        report(error);
        throw error;
      });
    },
    ensureTick,
    close: async () => {
      started = false;
      if (timer) clearInterval(timer);
      timer = null;
      if (ticks) {
        // The connection first: a queue still starting up (Redis down) then fails its start-up at
        // once, and a check waiting for Redis fails instead of waiting for it to come back.
        await closeRedis(ticks.connection);
        await within(check ?? Promise.resolve(false), CLOSE_WAIT_MS).catch(() => undefined);
        await within(ticks.queue.close(), CLOSE_WAIT_MS).catch(() => undefined);
        ticks = null;
      } else {
        await within(check ?? Promise.resolve(false), CLOSE_WAIT_MS).catch(() => undefined);
      }
      const source = await ds?.catch(() => null);
      if (source && !options.dataSource) await source.destroy();
    },
  };
}
