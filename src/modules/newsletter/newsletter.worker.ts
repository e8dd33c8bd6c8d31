import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { AppConfig, loadConfig } from '../../config/config';
import { CONNECTION_OPTIONS, dataSourceOptions } from '../../infra/database/data-source';
import { createMailer, Mailer } from '../../infra/mail/mailer';
import { bullPrefix, ChangeJob, QUEUES } from '../../infra/queue/queues';
import { createRedis } from '../../infra/redis/redis.module';
import { mailDomain } from './mail/render';
import { NewsletterCrypto } from './newsletter.crypto';
import { DIGEST_JOBS, DigestJob, MailJob, NewsletterQueues, within } from './newsletter.queues';
import { consumeChange } from './worker/change-consumer';
import { Housekeeper, openDueDigests, runDigest, sweep } from './worker/digest';
import { MailContext, sendDelivery } from './worker/mail.processor';

type Handler = (job: Job) => Promise<unknown>;
export type NewsletterQueueName = typeof QUEUES.newsletter | typeof QUEUES.newsletterDigest | typeof QUEUES.mail;

export interface NewsletterWorker {
  processors: Record<NewsletterQueueName, Handler>;
  /**
   * Opens connections and registers the digest tick and the send rate: the only place that
   * does. Rejects while PostgreSQL or Redis is unavailable and then keeps trying in the
   * background until it succeeds (or the worker closes).
   */
  start(): Promise<void>;
  close(): Promise<void>;
}

interface Runtime {
  ds: DataSource;
  queues: NewsletterQueues;
  mailer: Mailer;
  crypto: NewsletterCrypto;
  mail: MailContext;
  domain: string;
  housekeeper: Housekeeper;
}

/**
 * The newsletter's job handlers: change events → newsletter events, the tick (due digests,
 * sweeper, hourly housekeeping), digest runs, and mail delivery. Resources are opened on first use.
 */
export function createNewsletterWorker(config: AppConfig, options: { dataSource?: DataSource; mailer?: Mailer } = {}): NewsletterWorker {
  const logger = new Logger('newsletter');
  let runtime: Promise<Runtime> | null = null;
  let retry: NodeJS.Timeout | null = null;
  let closed = false;
  const open = (): Promise<Runtime> =>
    (runtime ??= (async () => {
      const ds = options.dataSource ?? new DataSource({ ...dataSourceOptions(config.databaseUrl, 4), logging: ['error'] });
      const mailDs = options.dataSource ?? mailDataSource(config);
      try {
        if (!ds.isInitialized) await ds.initialize();
        if (!mailDs.isInitialized) await mailDs.initialize();
      } catch (error) {
        if (!options.dataSource) await Promise.allSettled([ds, mailDs].filter((d) => d.isInitialized).map((d) => d.destroy()));
        throw error;
      }
      const crypto = new NewsletterCrypto(config.newsletter.keys);
      const queues = new NewsletterQueues(createRedis(config), bullPrefix(config));
      const mailer = options.mailer ?? createMailer(config.mail);
      const mail: MailContext = { ds: mailDs, crypto, mailer, publicUrl: config.publicUrl, staleSendSeconds: config.newsletter.staleSendSeconds, maxBounces: config.newsletter.maxBounces };
      return { ds, queues, mailer, crypto, mail, domain: mailDomain(config.mail.from), housekeeper: new Housekeeper(ds, crypto) };
    })().catch((error: unknown) => {
      // Not opened (PostgreSQL down): the next job or start-up attempt tries again.
      runtime = null;
      throw error;
    }));

  /** Registers the tick (idempotent); after a failure retries with backoff up to a minute. */
  const schedule = async (delay: number): Promise<void> => {
    try {
      const r = await open();
      await within(r.queues.ensureSchedule(config), 5000);
    } catch (error) {
      if (!closed) {
        logger.warn('newsletter schedule not registered yet (PostgreSQL or Redis unavailable); retrying');
        retry = setTimeout(() => void schedule(Math.min(delay * 2, 60_000)).catch(() => undefined), delay);
        retry.unref();
      }
      throw error;
    }
  };

  const processors: Record<NewsletterQueueName, Handler> = {
    [QUEUES.newsletter]: async (job) => {
      const r = await open();
      if (!r.crypto.enabled) return 0;
      return consumeChange(r.ds, job.data as ChangeJob);
    },
    [QUEUES.newsletterDigest]: async (job) => {
      const r = await open();
      if (!r.crypto.enabled) return 0;
      if (job.name === DIGEST_JOBS.digest) return runDigest(r.ds, r.queues, (job.data as DigestJob).digestId, r.domain);
      const opened = await openDueDigests(r.ds, config.newsletter);
      for (const id of opened) await r.queues.addDigest(id);
      await sweep(r.ds, r.queues, config.newsletter.staleSendSeconds);
      await r.housekeeper.tick();
      return opened.length;
    },
    [QUEUES.mail]: async (job) => {
      const r = await open();
      return sendDelivery(r.mail, job as Job<MailJob>);
    },
  };

  return {
    processors,
    start: () => schedule(1000),
    close: async () => {
      closed = true;
      if (retry) clearTimeout(retry);
      const r = await runtime?.catch(() => null);
      if (!r) return;
      await r.queues.close();
      r.mailer.close();
      if (!options.dataSource) await Promise.all([r.ds.destroy(), r.mail.ds.destroy()]);
    },
  };
}

/**
 * The delivery log's connections commit asynchronously (`synchronous_commit = off`): it halves
 * the cost per mail. Only a crash of PostgreSQL itself can then lose the last fraction of a
 * second of claims and "sent" marks; those mails go out again with the same Message-ID, the
 * same (receiver-recognisable) repeat as the worker crash window in mail.processor.ts. Worker
 * crashes lose nothing: committed is committed once the server has it.
 */
export function mailDataSource(config: AppConfig): DataSource {
  const base = dataSourceOptions(config.databaseUrl, 4);
  return new DataSource({ ...base, logging: ['error'], extra: { ...(base.extra as Record<string, unknown>), options: `${CONNECTION_OPTIONS} -c synchronous_commit=off` } });
}

let shared: NewsletterWorker | null = null;
const lazy = (): NewsletterWorker => (shared ??= createNewsletterWorker(loadConfig()));

/** Opens the newsletter's connections and registers its digest tick at worker start (retrying until it succeeds). */
export function startNewsletterWorker(): Promise<void> {
  return lazy().start();
}

/** Handlers for the worker process (configuration from the environment, opened on first job). */
export const NEWSLETTER_PROCESSORS: Record<NewsletterQueueName, Handler> = {
  [QUEUES.newsletter]: (job) => lazy().processors[QUEUES.newsletter](job),
  [QUEUES.newsletterDigest]: (job) => lazy().processors[QUEUES.newsletterDigest](job),
  [QUEUES.mail]: (job) => lazy().processors[QUEUES.mail](job),
};
