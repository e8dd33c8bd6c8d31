import type { Logger } from '@nestjs/common';
import { JobsOptions, Queue } from 'bullmq';
import type Redis from 'ioredis';
import type { AppConfig } from '../../config/config';
import { closeRedis } from '../redis/close-redis';
import { createRedis } from '../redis/redis.module';
import { within } from '../redis/within';
import { bullPrefix, ensureTick, QueueName, TickRepeat } from './queues';

/** How long close() waits for a check under way and for the queue to close. */
const CLOSE_WAIT_MS = 2000;

export interface ScheduledTickOptions {
  queue: QueueName;
  schedulerId: string;
  /** When the tick runs; null: it is off, and start() removes it from Redis if an earlier start registered it. */
  repeat: TickRepeat | null;
  jobName: string;
  jobOptions?: JobsOptions;
  /** How often this process checks that Redis still holds the tick (ms). */
  checkEveryMs: number;
  /** Names the tick in log lines ("the nightly export"). */
  what: string;
  logger: Logger;
}

/**
 * A worker's BullMQ job scheduler that stays registered: start() registers it, and from then on
 * it is checked whenever its Redis connection comes back and every `checkEveryMs` by a timer of
 * this process, and registered again if Redis lost it (a restart, perhaps empty, a flush, a
 * failover). A tick that is off is removed once instead. Failures are logged once until a check
 * succeeds again; the timer and the reconnection keep trying.
 */
export class ScheduledTick {
  private redis: { connection: Redis; queue: Queue } | null = null;
  private timer: NodeJS.Timeout | null = null;
  private started = false;
  private check: Promise<boolean> | null = null;
  /** Whether the tick was registered (or, when off, removed) before. */
  private settled = false;
  private failing = false;

  constructor(
    private readonly config: AppConfig,
    private readonly options: ScheduledTickOptions,
  ) {}

  /** Registers (or removes) the tick and keeps it so; rejects while Redis is unavailable. */
  async start(): Promise<void> {
    this.started = true;
    if (!this.timer && this.options.repeat !== null) {
      this.timer = setInterval(() => void this.ensure().catch((error: unknown) => this.report(error)), this.options.checkEveryMs);
      this.timer.unref();
    }
    await this.ensure().catch((error: unknown) => {
      this.report(error);
      throw error;
    });
  }

  /** One check (single-flight): true when the tick was missing (or, when off, present) and has been registered (removed). */
  ensure(): Promise<boolean> {
    this.check ??= this.apply().finally(() => {
      this.check = null;
    });
    return this.check;
  }

  /** The queue the tick's jobs go to (opened on first use, closed by close()). */
  queue(): Queue {
    if (!this.redis) {
      const connection = createRedis(this.config);
      // Back from an outage (or a restart, perhaps empty): check the tick at once.
      connection.on('ready', () => {
        if (this.started && (this.options.repeat !== null || !this.settled)) void this.ensure().catch((error: unknown) => this.report(error));
      });
      this.redis = { connection, queue: new Queue(this.options.queue, { connection, prefix: bullPrefix(this.config) }).on('error', () => undefined) };
    }
    return this.redis.queue;
  }

  async close(): Promise<void> {
    this.started = false;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const redis = this.redis;
    // The connection first: a queue still starting up (Redis down) then fails its start-up at
    // once, and a check waiting for Redis fails instead of waiting for it to come back.
    if (redis) await closeRedis(redis.connection);
    if (this.check) await within(this.check, CLOSE_WAIT_MS).catch(() => undefined);
    if (redis) await within(redis.queue.close(), CLOSE_WAIT_MS).catch(() => undefined);
    this.redis = null;
  }

  private async apply(): Promise<boolean> {
    const { repeat, schedulerId, what, logger } = this.options;
    let changed: boolean;
    if (repeat === null) {
      changed = await this.queue().removeJobScheduler(schedulerId);
      if (changed) logger.log(`${what} is off; its schedule was removed`);
    } else {
      changed = await ensureTick(this.queue(), schedulerId, repeat, this.options.jobName, this.options.jobOptions);
      if (changed && this.settled) logger.warn(`${what} was missing in Redis; registered again`);
    }
    this.settled = true;
    if (this.failing) logger.log(`${what} scheduled again`);
    this.failing = false;
    return changed;
  }

  private report(error: unknown): void {
    if (!this.failing) this.options.logger.warn(`${this.options.what} not scheduled (Redis unavailable): ${error instanceof Error ? error.message : String(error)}; retrying`);
    this.failing = true;
  }
}
