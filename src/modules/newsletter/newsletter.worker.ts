import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/config';
import { CONNECTION_OPTIONS, dataSourceOptions } from '../../infra/database/data-source';
import { createMailer, Mailer } from '../../infra/mail/mailer';
import { bullPrefix, ChangeJob, JobHandler, QUEUES } from '../../infra/queue/queues';
import { createRedis } from '../../infra/redis/redis.module';
import { mailDomain } from './mail/render';
import { NewsletterCrypto } from './newsletter.crypto';
import { within } from '../../infra/redis/within';
import { DIGEST_JOBS, DigestJob, MailJob, NewsletterQueues } from './newsletter.queues';
import { consumeChange, dropChange, recordChanges } from './worker/change-consumer';
import { Housekeeper, openDueDigests, runDigest } from './worker/digest';
import { MailContext, sendDelivery } from './worker/mail.processor';
import { reconcile } from './worker/reconcile';
import type { RelayRecorder } from '../../infra/queue/relay-recorder';

export type NewsletterQueueName = typeof QUEUES.newsletter | typeof QUEUES.newsletterDigest | typeof QUEUES.mail;

export interface NewsletterWorker {
  processors: Record<NewsletterQueueName, JobHandler>;
  /**
   * The outbox relay's recorder: the change events the newsletter still has to read, kept in
   * PostgreSQL until it has (nothing while the newsletter is off, so nothing piles up).
   */
  recorder: RelayRecorder;
  /**
   * Opens connections, registers the digest tick and the send rate, and reconciles Redis with
   * PostgreSQL (see reconcile.ts); from then on does so again whenever its Redis connection
   * comes back and every NEWSLETTER_RECONCILE_SECONDS, by a timer of this process (so a Redis
   * that lost the tick cannot stop it). Rejects while PostgreSQL or Redis is unavailable; the
   * timer and the reconnection keep trying.
   */
  start(): Promise<void>;
  /** One such pass (single-flight). */
  maintain(): Promise<void>;
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
 * hourly housekeeping), digest runs, and mail delivery; and the upkeep of its queues. Resources
 * are opened on first use.
 */
export function createNewsletterWorker(config: AppConfig, options: { dataSource?: DataSource; mailer?: Mailer } = {}): NewsletterWorker {
  const logger = new Logger('newsletter');
  let runtime: Promise<Runtime> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let started = false;
  let pass: Promise<void> | null = null;
  /** Whether the tick was registered before: registering it again means Redis lost it. */
  let scheduled = false;
  let failing = false;
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
      // Back from an outage (or a restart, perhaps empty): check the tick and the jobs at once.
      queues.connection.on('ready', () => {
        if (started) void maintain().catch(report);
      });
      const mailer = options.mailer ?? createMailer(config.mail);
      const mail: MailContext = {
        ds: mailDs,
        crypto,
        mailer,
        publicUrl: config.publicUrl,
        staleSendSeconds: config.newsletter.staleSendSeconds,
        maxBounces: config.newsletter.maxBounces,
        manageTokenDays: config.newsletter.manageTokenDays,
      };
      return { ds, queues, mailer, crypto, mail, domain: mailDomain(config.mail.from), housekeeper: new Housekeeper(ds, crypto) };
    })().catch((error: unknown) => {
      // Not opened (PostgreSQL down): the next job or pass tries again.
      runtime = null;
      throw error;
    }));

  /** Failed passes are logged once until one succeeds again. */
  const report = (error: unknown): void => {
    if (!failing) logger.warn(`newsletter upkeep paused (PostgreSQL or Redis unavailable): ${error instanceof Error ? error.message : String(error)}`);
    failing = true;
  };

  const maintain = (): Promise<void> =>
    (pass ??= (async () => {
      const r = await open();
      if ((await within(r.queues.ensureSchedule(config), 5000)) && scheduled) logger.warn('the digest tick was missing in Redis; registered again');
      scheduled = true;
      const done = await reconcile(r.ds, r.queues, config.newsletter.staleSendSeconds);
      if (done && done.changes + done.digests + done.queued + done.interrupted + done.failed > 0) {
        logger.warn(
          `jobs restored from PostgreSQL: ${done.changes} change events, ${done.digests} digest runs, ${done.queued} mails, ${done.interrupted} interrupted sends` +
            (done.failed ? `; ${done.failed} sends interrupted too often, recorded as failed` : ''),
        );
      }
      if (failing) logger.log('newsletter upkeep resumed');
      failing = false;
    })().finally(() => {
      pass = null;
    }));

  const processors: Record<NewsletterQueueName, JobHandler> = {
    [QUEUES.newsletter]: async (job) => {
      const r = await open();
      if (!r.crypto.enabled) {
        // Recorded before the newsletter was switched off: dropped, not read.
        await dropChange(r.ds, job.data as ChangeJob);
        return 0;
      }
      return consumeChange(r.ds, job.data as ChangeJob);
    },
    [QUEUES.newsletterDigest]: async (job) => {
      const r = await open();
      if (!r.crypto.enabled) return 0;
      if (job.name === DIGEST_JOBS.digest) return runDigest(r.ds, r.queues, (job.data as DigestJob).digestId, r.domain);
      const opened = await openDueDigests(r.ds, config.newsletter);
      for (const id of opened) await r.queues.addDigest(id);
      await r.housekeeper.tick();
      return opened.length;
    },
    [QUEUES.mail]: async (job, token) => {
      const r = await open();
      return sendDelivery(r.mail, job as Job<MailJob>, token);
    },
  };

  const enabled = config.newsletter.keys.length > 0;
  const recorder: RelayRecorder = { record: (manager, events) => (enabled ? recordChanges(manager, events) : Promise.resolve()) };

  return {
    processors,
    recorder,
    start: async () => {
      started = true;
      if (!timer) {
        timer = setInterval(() => void maintain().catch(report), config.newsletter.reconcileSeconds * 1000);
        timer.unref();
      }
      await maintain().catch((error: unknown) => {
        report(error);
        throw error;
      });
    },
    maintain,
    close: async () => {
      started = false;
      if (timer) clearInterval(timer);
      timer = null;
      await pass?.catch(() => undefined);
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
