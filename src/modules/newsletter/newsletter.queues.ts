import { Logger } from '@nestjs/common';
import { JobsOptions, Queue } from 'bullmq';
import type Redis from 'ioredis';
import type { AppConfig } from '../../config/config';
import { ChangeJob, changeJob, ensureTick, QUEUES } from '../../infra/queue/queues';
import { RedisOutageLog } from '../../infra/redis/outage-log';
import { within } from '../../infra/redis/within';

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

/** Producers for the mail and digest queues (API and worker), and the worker's change queue. */
export class NewsletterQueues {
  readonly mail: Queue<MailJob>;
  readonly digest: Queue<DigestJob | Record<string, never>>;
  /** Change events the outbox relay handed to the newsletter (the relay adds them; reconcile.ts re-adds lost ones). */
  readonly changes: Queue<ChangeJob>;
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
    this.changes = this.outage.errors(new Queue<ChangeJob>(QUEUES.newsletter, { connection, prefix }));
  }

  async addMail(deliveryIds: string[]): Promise<void> {
    if (!deliveryIds.length) return;
    await this.mail.addBulk(deliveryIds.map((deliveryId) => ({ name: MAIL_JOBS.send, data: { deliveryId }, opts: { ...MAIL_JOB_OPTIONS, jobId: mailJobId(deliveryId) } })));
  }

  async addDigest(digestId: string): Promise<void> {
    await this.digest.add(DIGEST_JOBS.digest, { digestId }, { ...DIGEST_JOB_OPTIONS, jobId: digestJobId(digestId) });
  }

  /**
   * Makes sure each of these deliveries has a mail job that is still to run: adds the missing
   * ones (Redis lost them) and replaces finished ones (they gave up while PostgreSQL still has
   * the mail to send). Returns the delivery ids whose job was (re)added.
   */
  async ensureMail(deliveryIds: string[]): Promise<string[]> {
    return this.ensure(this.mail, deliveryIds.map((deliveryId) => ({ key: deliveryId, name: MAIL_JOBS.send, data: { deliveryId }, opts: { ...MAIL_JOB_OPTIONS, jobId: mailJobId(deliveryId) } })));
  }

  /** The same for digest runs; returns the digest ids whose job was (re)added. */
  async ensureDigests(digestIds: string[]): Promise<string[]> {
    return this.ensure(this.digest, digestIds.map((digestId) => ({ key: digestId, name: DIGEST_JOBS.digest, data: { digestId }, opts: { ...DIGEST_JOB_OPTIONS, jobId: digestJobId(digestId) } })));
  }

  /** The same for change events of the newsletter's backlog, with the relay's job ids; returns the event ids whose job was (re)added. */
  async ensureChanges(changes: ChangeJob[]): Promise<string[]> {
    return this.ensure(this.changes, changes.map((change) => ({ key: change.eventId, ...changeJob(change) })));
  }

  /**
   * The scheduler tick and the global send rate; idempotent. Returns true when the tick was
   * missing (first start, or Redis lost it) and has been registered.
   */
  async ensureSchedule(config: AppConfig): Promise<boolean> {
    const missing = await ensureTick(this.digest, TICK_SCHEDULER, config.newsletter.tickSeconds * 1000, DIGEST_JOBS.tick);
    await this.mail.setGlobalRateLimit(config.mail.ratePerSecond, 1000);
    return missing;
  }

  /**
   * One round trip reads the state of every job (`timestamp` is set when a job is added,
   * `finishedOn` when it completed or failed for good); one more adds what is missing.
   */
  private async ensure<T>(queue: Queue<T>, jobs: { key: string; name: string; data: T; opts: JobsOptions & { jobId: string } }[]): Promise<string[]> {
    if (!jobs.length) return [];
    await queue.waitUntilReady();
    const pipeline = this.connection.pipeline();
    for (const job of jobs) pipeline.hmget(queue.toKey(job.opts.jobId), 'timestamp', 'finishedOn');
    const states = (await pipeline.exec()) ?? [];
    const redo: typeof jobs = [];
    for (const [i, [error, value]] of states.entries()) {
      if (error) throw error;
      const [added, finished] = value as (string | null)[];
      if (!added) redo.push(jobs[i]);
      else if (finished) {
        // A job that is still locked (running) is not removed; adding it again is then a no-op.
        await queue.remove(jobs[i].opts.jobId).catch(() => 0);
        redo.push(jobs[i]);
      }
    }
    if (redo.length) await queue.addBulk(redo.map((j) => ({ name: j.name, data: j.data, opts: j.opts })) as Parameters<Queue<T>['addBulk']>[0]);
    return redo.map((j) => j.key);
  }

  /**
   * Closes the queues and their connection. A BullMQ queue that is closed while it still
   * starts up drops its error listeners and then fails its start-up with nobody listening
   * (an unhandled error): so the start-up is given a moment to finish, the connection is
   * ended (which settles a start-up still waiting for Redis), and only then are the queues closed.
   */
  async close(): Promise<void> {
    const queues = [this.mail, this.digest, this.changes];
    const started = (): Promise<unknown> => Promise.allSettled(queues.map((q) => q.waitUntilReady()));
    await within(started(), 2000).catch(() => undefined);
    this.connection.disconnect();
    await within(started(), 2000).catch(() => undefined);
    await Promise.allSettled(queues.map((q) => q.close()));
  }
}

