import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit, Optional } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { ReadReplicas } from '../../infra/database/read-replicas';
import { REDIS } from '../../infra/redis/redis.module';
import { closeRedis } from '../../infra/redis/close-redis';
import { within } from '../../infra/redis/within';
import type { RelayRecorder } from '../../infra/queue/relay-recorder';
import { ReadCache } from './read-cache';

/** The message that drops every body's pages (a write whose body is not known). */
const ALL = '*';
/** How long an API process waits at start for its subscription before it serves without one. */
const STARTUP_WAIT_MS = 2000;

/** The Redis channel on which every process of an installation announces changed bodies. */
export function invalidationChannel(redisPrefix: string): string {
  return `${redisPrefix}:read-cache:changed`;
}

/**
 * Announces that these bodies changed, to every API process's read cache. Best effort and
 * never waiting long: a lost message costs at most the pages' TTL, never data.
 */
export async function announceChanged(redis: Redis, redisPrefix: string, bodyIds: Iterable<string | null>): Promise<void> {
  const ids = new Set([...bodyIds].map((id) => id ?? ALL));
  await Promise.all([...ids].map((id) => within(redis.publish(invalidationChannel(redisPrefix), id), 1000).catch(() => 0)));
}

/**
 * Keeps this API process's read cache in step with writes made anywhere: by this process
 * (dropped at once, and announced to the others), by other API processes (announced by
 * them) and by the worker, imports and the CLI (announced by the outbox relay after it
 * relays their change events). A subscriber connection of its own listens; while it is not
 * listening the cache keeps pages only briefly (see ReadCache.live), and when it comes back
 * every page is dropped, since announcements may have been missed meanwhile.
 */
@Injectable()
export class ReadCacheInvalidation implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('read-cache');
  private subscriber: Redis | null = null;
  /** Why listening stopped; logged once per outage. */
  private down = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly cache: ReadCache,
    @Optional() private readonly replicas?: ReadReplicas,
  ) {}

  async onModuleInit(): Promise<void> {
    this.cache.announce = (bodyId) => void announceChanged(this.redis, this.config.redisPrefix, [bodyId]);
    // Read replicas need to hear of every change even without the cache (see ReadReplicas.fence).
    if (!this.cache.enabled && !this.replicas?.configured) return;
    const channel = invalidationChannel(this.config.redisPrefix);
    const subscriber = new Redis(this.config.redisUrl, {
      connectTimeout: 2000,
      maxRetriesPerRequest: null,
      retryStrategy: (times) => Math.min(times * 200, 5000),
    });
    this.subscriber = subscriber;
    subscriber.on('error', () => {
      // Reconnects by itself; 'close' below stops long-lived pages meanwhile.
    });
    subscriber.on('message', (_channel: string, message: string) => this.cache.invalidate(message === ALL ? null : message));
    subscriber.on('close', () => {
      if (!this.cache.live) return;
      this.cache.setLive(false);
      if (!this.down) this.logger.warn('not listening for writes of other processes: cached pages live at most briefly until Redis is back');
      this.down = true;
    });
    const listening = (): void => {
      this.cache.setLive(true);
      if (this.down) this.logger.log('listening for writes of other processes again');
      this.down = false;
    };
    // The (re)subscription is sent before this PING: once it answers, no announcement can be missed.
    subscriber.on('ready', () => void subscriber.ping().then(listening, () => undefined));
    // Start listening before serving when Redis is there; when it is not, start anyway.
    await within(
      subscriber.subscribe(channel).then(() => subscriber.ping()),
      STARTUP_WAIT_MS,
    ).then(listening, () => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    this.cache.announce = null;
    if (this.subscriber) await closeRedis(this.subscriber);
  }
}

/**
 * For the outbox relay: announces the bodies of every relayed batch of change events, so
 * that the API processes learn of writes made by the worker, imports and the CLI (and, a
 * second time, of their own).
 */
export function relayAnnouncer(redis: Redis, redisPrefix: string): RelayRecorder {
  let bodies = new Set<string>();
  return {
    record: (_manager, events) => {
      for (const event of events) bodies.add(event.bodyId);
      return Promise.resolve();
    },
    relayed: () => {
      const changed = bodies;
      bodies = new Set();
      void announceChanged(redis, redisPrefix, changed);
    },
  };
}
