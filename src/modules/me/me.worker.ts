import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/config';
import { dataSourceOptions } from '../../infra/database/data-source';
import { ChangeJob, QUEUES } from '../../infra/queue/queues';
import { ScheduledTick } from '../../infra/queue/scheduled-tick';
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
  const open = (): Promise<DataSource> =>
    (ds ??= (async () => {
      const source = options.dataSource ?? new DataSource({ ...dataSourceOptions(config.databaseUrl, 2), logging: ['error'] });
      if (!source.isInitialized) await source.initialize();
      return source;
    })().catch((error: unknown) => {
      ds = null;
      throw error;
    }));

  const tick = new ScheduledTick(config, {
    queue: QUEUES.accounts,
    schedulerId: TICK_SCHEDULER,
    repeat: every,
    jobName: 'tick',
    checkEveryMs: every,
    what: 'accounts housekeeping',
    logger,
  });

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
    start: () => tick.start(),
    ensureTick: () => tick.ensure(),
    close: async () => {
      await tick.close();
      const source = await ds?.catch(() => null);
      if (source && !options.dataSource) await source.destroy();
    },
  };
}
