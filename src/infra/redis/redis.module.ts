import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { closeRedis } from './close-redis';

export const REDIS = Symbol('REDIS');

/**
 * An ioredis connection that fails fast while Redis is down instead of queueing commands: the
 * API's shared one (rate limits, health) and queue producers (see NewsletterQueues). BullMQ
 * workers open their own.
 */
export function createRedis(config: AppConfig): Redis {
  return new Redis(config.redisUrl, {
    lazyConnect: false,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    connectTimeout: 2000,
    retryStrategy: (times) => Math.min(times * 200, 5000),
  }).on('error', () => {
    // Reconnects by itself; callers see failed commands (readiness reports the outage).
  });
}

@Global()
@Module({
  providers: [{ provide: REDIS, inject: [APP_CONFIG], useFactory: createRedis }],
  exports: [REDIS],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  onApplicationShutdown(): Promise<void> {
    return closeRedis(this.redis);
  }
}
