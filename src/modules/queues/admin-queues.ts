import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bullmq';
import Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { openQueues } from '../../infra/queue/queue-admin';
import { bullPrefix, QueueName } from '../../infra/queue/queues';
import { RedisOutageLog } from '../../infra/redis/outage-log';
import { REDIS } from '../../infra/redis/redis.module';
import { within } from '../../infra/redis/within';

/**
 * Every queue of the system, opened in the API for operators (the queue view, and the queue
 * counts of /metrics) on the API's fail-fast Redis connection; the API processes no jobs.
 */
@Injectable()
export class AdminQueues implements OnApplicationShutdown {
  readonly all: Map<QueueName, Queue>;
  private readonly outage = new RedisOutageLog(new Logger('queues'), 'queue view and queue metrics');

  constructor(@Inject(REDIS) redis: Redis, @Inject(APP_CONFIG) config: AppConfig) {
    this.all = openQueues(redis, bullPrefix(config), (error) => this.outage.error(error));
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.all.values()].map((q) => within(q.close(), 2000)));
  }
}
