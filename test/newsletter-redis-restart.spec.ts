import { Logger, LoggerService } from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import type { AppConfig } from '../src/config/config';
import { bullPrefix, QUEUES } from '../src/infra/queue/queues';
import { closeRedis } from '../src/infra/redis/close-redis';
import { createRedis } from '../src/infra/redis/redis.module';
import { NewsletterCrypto } from '../src/modules/newsletter/newsletter.crypto';
import { digestJobId, mailJobId, NewsletterQueues } from '../src/modules/newsletter/newsletter.queues';
import { NewsletterRepository, Preferences } from '../src/modules/newsletter/newsletter.repository';
import { createNewsletterWorker } from '../src/modules/newsletter/newsletter.worker';
import { BACKLOG_GRACE_SECONDS, MAX_CLAIMS, reconcile } from '../src/modules/newsletter/worker/reconcile';
import { OutboxRelay } from '../src/worker/outbox-relay';
import { bullConnection } from '../src/worker/worker';
import { bearer, startWithBody } from './support/app';
import { createCommittee } from './support/factories';
import { TestRedisServer } from './support/redis-server';
import { newsletterEnv, NewsletterTestWorker, startNewsletterWorker, TestSmtp } from './support/smtp';

type Ctx = Awaited<ReturnType<typeof startWithBody>>;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function until(predicate: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

interface LogLine {
  level: string;
  context: string;
  message: string;
}

/** Collects what the worker logs through the Nest logger. */
function captureLogs(): LogLine[] {
  const lines: LogLine[] = [];
  const at =
    (level: string) =>
    (message: unknown, ...params: unknown[]): void => {
      const context = params.at(-1);
      lines.push({ level, context: typeof context === 'string' ? context : '', message: String(message) });
    };
  const logger: LoggerService = { log: at('log'), warn: at('warn'), error: at('error'), debug: at('debug'), verbose: at('verbose'), fatal: at('fatal') };
  Logger.overrideLogger(logger);
  return lines;
}

/**
 * The worker against a Redis of its own that is killed and started again empty; the API and
 * its Redis stay up. PostgreSQL is the truth: nothing is lost or sent twice.
 */
// Workers killed and restarted, leases run out, Redis restarted: minutes of work on a busy machine.
jest.setTimeout(180_000);

describe('newsletter worker when Redis restarts empty', () => {
  let redis: TestRedisServer;
  let smtp: TestSmtp;
  let t: Ctx;
  let workerConfig: AppConfig;
  let worker: NewsletterTestWorker | null = null;

  beforeAll(async () => {
    redis = await TestRedisServer.start();
    smtp = new TestSmtp();
    await smtp.start();
    t = await startWithBody(newsletterEnv(smtp, { NEWSLETTER_STALE_SEND_SECONDS: '5', MAIL_RATE_PER_SECOND: '40' }));
    workerConfig = { ...t.config, redisUrl: redis.url };
  });
  afterAll(async () => {
    await worker?.stop();
    await t.close();
    await smtp.stop();
    await redis.kill();
  });

  /** Confirmed subscribers, without their confirmation mails (only digests count here). */
  async function subscribers(emails: string[], prefs: (email: string) => Partial<Preferences>): Promise<void> {
    const crypto = new NewsletterCrypto(t.config.newsletter.keys);
    const repo = new NewsletterRepository(t.ds, crypto, 'musterstadt.example');
    for (const email of emails) {
      const deliveryId = await repo.subscribe(t.body.id, email, { allTopics: false, committeeIds: [], documentTypes: [], keywords: [], frequency: 'immediate', language: 'de', ...prefs(email) }, {});
      const [row]: { secret: string }[] = await t.ds.query(`SELECT secret_ciphertext AS secret FROM newsletter_delivery WHERE id = $1`, [deliveryId]);
      expect(await repo.confirm(t.body.id, crypto.decrypt(row.secret), t.config.newsletter.manageTokenDays)).not.toBeNull();
    }
    await t.ds.query(`UPDATE newsletter_delivery SET status = 'skipped', secret_ciphertext = NULL WHERE kind = 'confirm' AND status = 'queued'`);
  }

  async function publishSession(name: string, committeeId: string): Promise<void> {
    await t
      .http()
      .post('/v1/bodies/musterstadt/sessions')
      .set(...bearer(t.keys.editor))
      .send({ name, start: '2031-05-12T17:00:00+02:00', committeeIds: [committeeId], publish: true })
      .expect(201);
  }

  it('gives every pending delivery and open digest run its job back, and leaves the rest alone', async () => {
    const queues = new NewsletterQueues(createRedis(workerConfig), bullPrefix(workerConfig));
    const repo = new NewsletterRepository(t.ds, new NewsletterCrypto(t.config.newsletter.keys), 'musterstadt.example');
    const prefs: Preferences = { allTopics: true, committeeIds: [], documentTypes: [], keywords: [], frequency: 'daily', language: 'de' };
    try {
      const ids: Record<string, string> = {};
      for (const name of ['waiting', 'lost', 'gaveUp', 'interrupted', 'sending', 'sent', 'tooOften']) {
        ids[name] = (await repo.subscribe(t.body.id, `${name.toLowerCase()}@musterstadt.example`, prefs, {}))!;
      }
      const set = (name: string, values: string): Promise<unknown> => t.ds.query(`UPDATE newsletter_delivery SET ${values} WHERE id = $1`, [ids[name]]);
      await set('interrupted', `status = 'sending', claimed_at = now() - interval '10 minutes', attempts = 1`);
      await set('sending', `status = 'sending', claimed_at = now(), attempts = 1`);
      await set('sent', `status = 'sent', sent_at = now()`);
      await set('tooOften', `status = 'sending', claimed_at = now() - interval '10 minutes', attempts = ${MAX_CLAIMS}`);
      const [{ id: openDigest }]: { id: string }[] = await t.ds.query(
        `INSERT INTO newsletter_digest (body_id, frequency, period, from_event_id, to_event_id) VALUES ($1, 'daily', '2031-03-03', 0, 0) RETURNING id`,
        [t.body.id],
      );
      await t.ds.query(`INSERT INTO newsletter_digest (body_id, frequency, period, from_event_id, to_event_id, enqueued_at) VALUES ($1, 'weekly', '2031-W10', 0, 0, now())`, [t.body.id]);
      // Jobs that survived: one still waiting, one that gave up (failed for good) while its mail is still to send.
      await queues.addMail([ids.waiting, ids.gaveUp]);
      const before = (await queues.mail.getJob(mailJobId(ids.waiting)))!.timestamp;
      const manual = new Worker(QUEUES.mail, null, { connection: { url: workerConfig.redisUrl }, prefix: bullPrefix(workerConfig), autorun: false });
      for (;;) {
        const job = await manual.getNextJob('manual');
        if (!job) throw new Error('no job to fail');
        if (job.id === mailJobId(ids.gaveUp)) {
          job.discard();
          await job.moveToFailed(new Error('gave up'), 'manual', false);
          break;
        }
        await job.moveToDelayed(Date.now() + 60_000, 'manual');
      }
      await manual.close();
      expect(await queues.mail.getJobState(mailJobId(ids.gaveUp))).toBe('failed');

      const done = await reconcile(t.ds, queues, 120);
      expect(done).toEqual({ changes: 0, digests: 1, queued: 2, interrupted: 1, failed: 1 });
      const state = async (name: string): Promise<string> => queues.mail.getJobState(mailJobId(ids[name]));
      expect(await state('lost')).toBe('waiting');
      expect(await state('gaveUp')).toBe('waiting');
      expect(await state('interrupted')).toBe('waiting');
      expect(await state('sending')).toBe('unknown');
      expect(await state('sent')).toBe('unknown');
      expect(await state('tooOften')).toBe('unknown');
      expect(['waiting', 'delayed']).toContain(await state('waiting'));
      expect((await queues.mail.getJob(mailJobId(ids.waiting)))!.timestamp).toBe(before);
      expect(await queues.digest.getJobState(digestJobId(openDigest))).toBe('waiting');
      const [tooOften]: { status: string; last_error: string }[] = await t.ds.query(`SELECT status, last_error FROM newsletter_delivery WHERE id = $1`, [ids.tooOften]);
      expect(tooOften).toEqual({ status: 'failed', last_error: `interrupted ${MAX_CLAIMS} times` });
      // Idempotent: a second pass finds nothing to do.
      expect(await reconcile(t.ds, queues, 120)).toEqual({ changes: 0, digests: 0, queued: 0, interrupted: 0, failed: 0 });
    } finally {
      await Promise.all([queues.mail.obliterate({ force: true }), queues.digest.obliterate({ force: true })]);
      await queues.close();
      await t.ds.query(`DELETE FROM newsletter_subscription`);
      await t.ds.query(`DELETE FROM newsletter_digest`);
    }
  });

  it('mails news relayed just before Redis lost its job, exactly once, when the worker starts', async () => {
    const committee = await createCommittee(t.ds, { bodyId: t.body.id, name: 'Bauausschuss' });
    const email = 'nachzuegler@musterstadt.example';
    await subscribers([email], () => ({ committeeIds: [committee.id] }));
    // The relay runs while no newsletter worker does: the news is a job in Redis and a row of the backlog.
    const newsletter = createNewsletterWorker(workerConfig);
    const connection = bullConnection(workerConfig);
    const queue = new Queue(QUEUES.newsletter, { connection, prefix: bullPrefix(workerConfig) });
    try {
      await publishSession('Sitzung des Bauausschusses', committee.id);
      expect(await new OutboxRelay(t.ds, [queue], 50, 500, [newsletter.recorder]).drain()).toBeGreaterThan(0);
      expect(await queue.getWaitingCount()).toBeGreaterThan(0);
    } finally {
      await queue.close();
      await closeRedis(connection);
      await newsletter.close();
    }
    const backlog = async (): Promise<number> => (await t.ds.query(`SELECT count(*)::int AS n FROM newsletter_backlog`))[0].n;
    expect(await backlog()).toBeGreaterThan(0);

    await redis.kill();
    await redis.start();
    // As if the worker came up after the grace period (rows younger than it stand for jobs under way).
    await t.ds.query(`UPDATE newsletter_backlog SET queued_at = queued_at - make_interval(secs => $1)`, [BACKLOG_GRACE_SECONDS]);
    worker = await startNewsletterWorker(workerConfig);
    try {
      const digests = (): number => smtp.to(email).filter((m) => m.subject.startsWith('Ratsinformation')).length;
      await until(() => digests() > 0, 'the mail about the session', 20_000);
      await sleep(2500);
      expect(digests()).toBe(1);
      expect(smtp.to(email)[0].text).toContain('Sitzung des Bauausschusses');
      expect(await backlog()).toBe(0);
    } finally {
      await worker.stop();
      worker = null;
      await t.ds.query(`DELETE FROM newsletter_subscription`);
      await t.ds.query(`DELETE FROM newsletter_digest`);
    }
  });

  it('keeps no backlog while the newsletter is off, and drops what was recorded before it was switched off', async () => {
    const off = createNewsletterWorker({ ...workerConfig, newsletter: { ...workerConfig.newsletter, keys: [] } });
    const connection = bullConnection(workerConfig);
    const queue = new Queue(QUEUES.newsletter, { connection, prefix: bullPrefix(workerConfig) });
    try {
      await publishSession('Sitzung ohne Newsletter', (await createCommittee(t.ds, { bodyId: t.body.id })).id);
      expect(await new OutboxRelay(t.ds, [queue], 50, 500, [off.recorder]).drain()).toBeGreaterThan(0);
      expect(await t.ds.query(`SELECT * FROM newsletter_backlog`)).toEqual([]);
      const job = (await queue.getJobs(['waiting'])).find((j) => j.name === 'session')!;
      await t.ds.query(`INSERT INTO newsletter_backlog (change_event_id) VALUES ($1)`, [job.data.eventId]);
      expect(await off.processors[QUEUES.newsletter](job)).toBe(0);
      expect(await t.ds.query(`SELECT * FROM newsletter_backlog`)).toEqual([]);
    } finally {
      await queue.obliterate({ force: true });
      await queue.close();
      await closeRedis(connection);
      await off.close();
    }
  });

  it('logs the outage once when it begins and once when it ends, through the logger', async () => {
    const logs = captureLogs();
    const stderr = jest.spyOn(console, 'error');
    try {
      worker = await startNewsletterWorker(workerConfig);
      await redis.kill();
      // Every connection, queue and worker fails to reconnect a few times meanwhile.
      await sleep(3000);
      await redis.start();
      const said = (context: string, text: string): LogLine[] => logs.filter((l) => l.context === context && l.message.startsWith(text));
      await until(() => said('newsletter', 'Redis reachable again').length > 0 && said('worker', 'Redis reachable again').length > 0, 'recovery to be logged');
      await sleep(2000);
      for (const context of ['newsletter', 'worker']) {
        expect({ context, lost: said(context, 'Redis unavailable').length, back: said(context, 'Redis reachable again').length }).toEqual({ context, lost: 1, back: 1 });
      }
      expect(said('newsletter', 'Redis unavailable')[0].level).toBe('warn');
      expect(stderr).not.toHaveBeenCalled();
    } finally {
      stderr.mockRestore();
      await worker?.stop();
      worker = null;
    }
  });

  it('sends every mail of a digest exactly once when Redis is killed mid-digest and comes back empty, without restarting the worker', async () => {
    const all = await createCommittee(t.ds, { bodyId: t.body.id, name: 'Hauptausschuss' });
    const few = await createCommittee(t.ds, { bodyId: t.body.id, name: 'Ältestenrat' });
    const emails = Array.from({ length: 200 }, (_, i) => `buerger${i}@musterstadt.example`);
    await subscribers(emails, (email) => ({ committeeIds: emails.indexOf(email) < 10 ? [all.id, few.id] : [all.id] }));
    worker = await startNewsletterWorker(workerConfig);
    const digests = (email: string): number => smtp.to(email).filter((m) => m.subject.startsWith('Ratsinformation')).length;
    const delivered = (): number => emails.filter((e) => digests(e) > 0).length;

    await publishSession('Sitzung des Hauptausschusses', all.id);
    // 200 mails at 40 per second: Redis dies a while into the digest.
    await until(() => delivered() >= 40, 'the digest to be sending');
    await redis.kill('SIGKILL');
    const atKill = await t.ds.query(`SELECT status, count(*)::int AS n FROM newsletter_delivery WHERE kind = 'digest' GROUP BY status ORDER BY status`);
    expect(atKill.find((r: { status: string }) => r.status === 'queued')?.n).toBeGreaterThan(0);
    await sleep(1000);
    await redis.start();

    await until(() => delivered() === emails.length, 'every mail of the digest', 45_000);
    await sleep(3000);
    const counts = new Map(emails.map((e) => [e, digests(e)]));
    expect([...counts.entries()].filter(([, n]) => n !== 1)).toEqual([]);
    const states = await t.ds.query(`SELECT status, count(*)::int AS n FROM newsletter_delivery WHERE kind = 'digest' GROUP BY status`);
    expect(states).toEqual([{ status: 'sent', n: 200 }]);

    // The tick is back too: news after the restart goes out without restarting the worker.
    await publishSession('Sitzung des Ältestenrats', few.id);
    await until(() => emails.slice(0, 10).every((e) => digests(e) === 2), 'the next digest', 20_000);
    await sleep(1500);
    expect(emails.filter((e) => digests(e) !== (emails.indexOf(e) < 10 ? 2 : 1))).toEqual([]);
  });
});
