import { Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import type Redis from 'ioredis';
import type { AppConfig } from '../../config/config';
import { QUEUES } from '../../infra/queue/queues';
import { RedisOutageLog } from '../../infra/redis/outage-log';

/** Job names of the newsletter queues. Payloads carry ids only. */
export const DIGEST_JOBS = { tick: 'tick', digest: 'digest' } as const;
export const MAIL_JOBS = { send: 'send' } as const;

export interface DigestJob {
  digestId: string;
}
export interface MailJob {
  deliveryId: string;
}

/** Temporary SMTP failures retry with exponential backoff: 2 s, 4 s … 4.5 hours in all; then the delivery is recorded as failed. */
export const MAIL_JOB_OPTIONS = {
  attempts: 14,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { age: 3600, count: 1000 },
  removeOnFail: { age: 14 * 24 * 3600 },
} as const;

export const DIGEST_JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 5000 },
  removeOnComplete: { age: 24 * 3600, count: 1000 },
  removeOnFail: { age: 14 * 24 * 3600 },
} as const;

export const mailJobId = (deliveryId: string): string => `mail-${deliveryId}`;
export const digestJobId = (digestId: string): string => `digest-${digestId}`;
const TICK_SCHEDULER = 'newsletter-tick';

/** Producers for the mail and digest queues (API and worker). */
export class NewsletterQueues {
  readonly mail: Queue<MailJob>;
  readonly digest: Queue<DigestJob | Record<string, never>>;
  /** Logs a Redis outage of the connection and both queues once, and its end. */
  readonly outage = new RedisOutageLog(new Logger('newsletter'), 'newsletter queues');

  constructor(
    readonly connection: Redis,
    prefix: string,
  ) {
    this.outage.connection(connection);
    // A queue re-emits its connection's errors (e.g. its start-up `INFO` when the connection
    // closes first); callers see failed commands, so an unheard 'error' must not crash the process.
    this.mail = this.outage.errors(new Queue<MailJob>(QUEUES.mail, { connection, prefix }));
    this.digest = this.outage.errors(new Queue<DigestJob | Record<string, never>>(QUEUES.newsletterDigest, { connection, prefix }));
  }

  async addMail(deliveryIds: string[]): Promise<void> {
    if (!deliveryIds.length) return;
    await this.mail.addBulk(deliveryIds.map((deliveryId) => ({ name: MAIL_JOBS.send, data: { deliveryId }, opts: { ...MAIL_JOB_OPTIONS, jobId: mailJobId(deliveryId) } })));
  }

  async addDigest(digestId: string): Promise<void> {
    await this.digest.add(DIGEST_JOBS.digest, { digestId }, { ...DIGEST_JOB_OPTIONS, jobId: digestJobId(digestId) });
  }

  /** The scheduler tick and the global send rate; idempotent, called by the worker at start. */
  async ensureSchedule(config: AppConfig): Promise<void> {
    await this.digest.upsertJobScheduler(TICK_SCHEDULER, { every: config.newsletter.tickSeconds * 1000 }, { name: DIGEST_JOBS.tick, data: {}, opts: { removeOnComplete: true, removeOnFail: { count: 100 } } });
    await this.mail.setGlobalRateLimit(config.mail.ratePerSecond, 1000);
  }

  /**
   * Closes the queues and their connection. A BullMQ queue that is closed while it still
   * starts up drops its error listeners and then fails its start-up with nobody listening
   * (an unhandled error): so the start-up is given a moment to finish, the connection is
   * ended (which settles a start-up still waiting for Redis), and only then are the queues closed.
   */
  async close(): Promise<void> {
    const queues = [this.mail, this.digest];
    const started = (): Promise<unknown> => Promise.allSettled(queues.map((q) => q.waitUntilReady()));
    await within(started(), 2000).catch(() => undefined);
    this.connection.disconnect();
    await within(started(), 2000).catch(() => undefined);
    await Promise.allSettled(queues.map((q) => q.close()));
  }
}

/** Rejects after `ms` so a request never waits long for Redis. */
export function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out')), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}
