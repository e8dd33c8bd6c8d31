import type Redis from 'ioredis';
import { closeRedis } from '../../infra/redis/close-redis';
import { within } from '../../infra/redis/within';

/**
 * Tells every API process that an API key was revoked, through Redis pub/sub, so that each
 * drops the keys it resolved and cached at once. A process caches keys only while it is
 * subscribed: while Redis is unreachable it looks every key up in PostgreSQL, so a revocation
 * never waits for a cache to expire.
 */
export class KeyRevocations {
  private subscriber: Redis | null = null;
  private subscribed = false;
  private readonly channel: string;

  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.channel = `${prefix}:api-keys:revoked`;
  }

  /** True while revocations reach this process. */
  get listening(): boolean {
    return this.subscribed;
  }

  /**
   * Calls `onRevoked` for every revocation, and whenever listening (re)starts: a revocation
   * may have gone by while the connection was down.
   */
  listen(onRevoked: () => void): void {
    const subscriber = this.redis.duplicate();
    this.subscriber = subscriber;
    subscriber.on('ready', () => {
      subscriber.subscribe(this.channel).then(
        () => {
          this.subscribed = true;
          onRevoked();
        },
        () => (this.subscribed = false),
      );
    });
    subscriber.on('close', () => (this.subscribed = false));
    subscriber.on('error', () => undefined);
    subscriber.on('message', (channel: string) => {
      if (channel === this.channel) onRevoked();
    });
  }

  /** Tells every process; false when Redis did not take the message (then caches expire on their own). */
  async publish(keyId: string): Promise<boolean> {
    // A fresh connection (the CLI's) may not be up yet, and queues nothing while it is not.
    const connecting = this.redis.status === 'connecting' || this.redis.status === 'connect';
    const ready = connecting ? new Promise<void>((resolve) => this.redis.once('ready', () => resolve())) : Promise.resolve();
    try {
      await within(ready.then(() => this.redis.publish(this.channel, keyId)), 2000);
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    this.subscribed = false;
    const subscriber = this.subscriber;
    this.subscriber = null;
    if (subscriber) await closeRedis(subscriber);
  }
}
