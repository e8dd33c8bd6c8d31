import type Redis from 'ioredis';
import { within } from './within';


/**
 * Fixed-window counters in Redis (one key per subject and window). `hit` counts one more
 * use and says whether it stays within `max`, and when the window ends. While Redis is down
 * it fails open: limits that must hold without Redis live in PostgreSQL (quotas).
 */
export class RateCounter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async hit(subject: string, max: number, windowSeconds: number): Promise<{ allowed: boolean; retryAfter: number }> {
    try {
      const name = `${this.prefix}:${subject}`;
      const result = await within(this.redis.multi().incr(name).expire(name, windowSeconds, 'NX').ttl(name).exec(), 1000);
      const count = Number(result?.[0]?.[1] ?? 0);
      const ttl = Number(result?.[2]?.[1] ?? windowSeconds);
      return { allowed: count <= max, retryAfter: ttl > 0 ? ttl : windowSeconds };
    } catch {
      return { allowed: true, retryAfter: 0 };
    }
  }

  /** Forgets the counters of subjects (e.g. when an account is deleted). */
  async forget(subjects: string[]): Promise<void> {
    if (!subjects.length) return;
    await within(this.redis.del(...subjects.map((s) => `${this.prefix}:${s}`)), 1000).catch(() => undefined);
  }
}
