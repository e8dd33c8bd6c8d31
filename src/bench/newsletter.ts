import 'reflect-metadata';
import { fork } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Queue, Worker } from 'bullmq';
import Redis from 'ioredis';
import { Client } from 'pg';
import { SMTPServer } from 'smtp-server';
import { DataSource } from 'typeorm';
import { AppConfig, loadConfig } from '../config/config';
import { dataSourceOptions } from '../infra/database/data-source';
import { migrate } from '../infra/database/migrate';
import { createMailer } from '../infra/mail/mailer';
import { bullPrefix, QUEUES } from '../infra/queue/queues';
import { createRedis } from '../infra/redis/redis.module';
import { BodyView, DigestEvent, EventPayload, Links, mailDomain, renderDigest } from '../modules/newsletter/mail/render';
import { NewsletterCrypto, newToken, tokenHash } from '../modules/newsletter/newsletter.crypto';
import type { NewsletterEventKind } from '../modules/newsletter/newsletter.entities';
import { MailJob, NewsletterQueues } from '../modules/newsletter/newsletter.queues';
import { openDueDigests, runDigest } from '../modules/newsletter/worker/digest';
import { MailContext, sendDelivery } from '../modules/newsletter/worker/mail.processor';
import { mailDataSource } from '../modules/newsletter/newsletter.worker';

/**
 * `npm run bench:newsletter`: a digest run for many confirmed subscribers and delivery to a
 * local SMTP server. Creates its own database (`<DATABASE_URL db>_bench_newsletter`) and Redis
 * prefix; the worker side runs in a child process whose memory is sampled.
 *   BENCH_SUBSCRIBERS (default 100000), BENCH_MAILS (default 20000: how many to deliver),
 *   BENCH_CONCURRENCY (default 4, as in the worker), BENCH_EVENTS (default 40).
 */
const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 100_000);
const MAILS = Number(process.env.BENCH_MAILS ?? 20_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 40);
const DIGEST_AT = new Date('2031-03-03T06:30:00Z'); // a Monday, 07:30 in Berlin

function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : NaN;
}

function benchEnv(smtpPort: number, prefix: string, databaseUrl: string): Record<string, string> {
  return {
    ...(process.env as Record<string, string>),
    NEWSLETTER_KEYS: process.env.NEWSLETTER_KEYS ?? `bench:${randomBytes(32).toString('base64')}`,
    DATABASE_URL: databaseUrl,
    REDIS_PREFIX: prefix,
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    MAIL_FROM: 'Ratsinformation <newsletter@benchstadt.example>',
    MAIL_RATE_PER_SECOND: '100000',
    LOG_LEVEL: 'warn',
  };
}

async function seed(config: AppConfig): Promise<void> {
  const ds = new DataSource({ ...dataSourceOptions(config.databaseUrl, 2), logging: ['error'] });
  await ds.initialize();
  const crypto = new NewsletterCrypto(config.newsletter.keys);
  const [body]: { id: string }[] = await ds.query(
    `INSERT INTO body (slug, name, web_url_templates) VALUES ('benchstadt', 'Stadt Benchstadt', $1) RETURNING id`,
    [JSON.stringify({ session: 'https://www.benchstadt.example/sitzung/{id}', document: 'https://www.benchstadt.example/vorlage/{id}' })],
  );
  await ds.query(`INSERT INTO newsletter_settings (body_id, manage_url_template) VALUES ($1, 'https://www.benchstadt.example/newsletter?token={token}')`, [body.id]);
  const committees = Array.from({ length: 20 }, () => randomUUID());
  const types = ['Beschlussvorlage', 'Antrag', 'Anfrage', 'Mitteilung'];
  const words = ['radweg', 'schule', 'haushalt', 'spielplatz', 'klima'];
  const kinds: NewsletterEventKind[] = ['session_scheduled', 'agenda_changed', 'document_published', 'results_recorded', 'minutes_published', 'session_moved'];
  for (let i = 0; i < EVENTS; i++) {
    const kind = kinds[i % kinds.length];
    const id = randomUUID();
    const committee = committees[i % committees.length];
    const name = `${['Radwegekonzept', 'Schulsanierung', 'Haushaltsplan', 'Spielplatz Nord', 'Klimaschutz'][i % 5]} ${i}`;
    const start = new Date(Date.UTC(2031, 2, 10 + (i % 20), 16)).toISOString();
    const payload: EventPayload =
      kind === 'document_published'
        ? { type: 'document', documentId: id, name, reference: `${String(i).padStart(4, '0')}/2031`, documentType: types[i % types.length], date: '2031-03-01' }
        : kind === 'agenda_changed' || kind === 'results_recorded'
          ? { type: 'agenda', sessionId: randomUUID(), agendaItemId: id, sessionName: `Sitzung ${i}`, sessionStart: start, number: `Ö ${i}`, name, result: 'beschlossen' }
          : kind === 'minutes_published'
            ? { type: 'minutes', sessionId: id, sessionName: `Sitzung ${i}`, sessionStart: start }
            : { type: 'session', sessionId: id, name, start, end: null, location: 'Rathaus, Ratssaal', cancelled: false };
    await ds.query(
      `INSERT INTO newsletter_event (body_id, change_event_id, kind, resource, resource_id, committee_ids, document_type, search_text, payload) VALUES ($1, $2, $3, 'bench', $4, $5, $6, $7, $8)`,
      [body.id, i + 1, kind, id, [committee], payload.type === 'document' ? payload.documentType : null, name.toLowerCase(), JSON.stringify(payload)],
    );
  }
  const BATCH = 5000;
  for (let from = 0; from < SUBSCRIBERS; from += BATCH) {
    const ids: string[] = [];
    const hashes: string[] = [];
    const emails: string[] = [];
    const manage: string[] = [];
    const manageHashes: string[] = [];
    const unsubscribe: string[] = [];
    const unsubscribeHashes: string[] = [];
    const all: boolean[] = [];
    const comm: string[] = [];
    const typ: string[] = [];
    const kw: string[] = [];
    for (let i = from; i < Math.min(from + BATCH, SUBSCRIBERS); i++) {
      const email = `leser${i}@benchstadt.example`;
      const token = newToken();
      ids.push(randomUUID());
      hashes.push(crypto.hash(email));
      emails.push(crypto.encrypt(email));
      manage.push(crypto.encrypt(token));
      manageHashes.push(tokenHash(token));
      const off = newToken();
      unsubscribe.push(crypto.encrypt(off));
      unsubscribeHashes.push(tokenHash(off));
      const mode = i % 10;
      all.push(mode < 3);
      comm.push(mode >= 3 && mode < 7 ? [committees[i % 20], committees[(i + 7) % 20]].join(',') : '');
      typ.push(mode === 7 || mode === 8 ? types[i % types.length] : '');
      kw.push(mode === 9 ? words[i % words.length] : '');
    }
    await ds.query(
      `INSERT INTO newsletter_subscription (id, body_id, key_id, email_hash, email_ciphertext, manage_token_ciphertext, unsubscribe_token_ciphertext, status, frequency, language, all_topics, committee_ids, document_types, keywords, confirmed_at)
       SELECT u.id, $1, $2, u.hash, u.email, u.manage, u.unsubscribe, 'active', 'daily', CASE WHEN random() < 0.2 THEN 'en' ELSE 'de' END::newsletter_language, u.all_topics,
         coalesce(string_to_array(nullif(u.comm, ''), ',')::uuid[], '{}'), coalesce(string_to_array(nullif(u.typ, ''), ','), '{}'), coalesce(string_to_array(nullif(u.kw, ''), ','), '{}'), now()
       FROM unnest($3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::boolean[], $9::text[], $10::text[], $11::text[]) AS u(id, hash, email, manage, unsubscribe, all_topics, comm, typ, kw)`,
      [body.id, crypto.activeKeyId, ids, hashes, emails, manage, unsubscribe, all, comm, typ, kw],
    );
    await ds.query(
      `INSERT INTO newsletter_token (token_hash, subscription_id, purpose, expires_at)
       SELECT u.hash, u.id, u.purpose, CASE WHEN u.purpose = 'manage' THEN now() + interval '90 days' END
       FROM unnest($1::text[], $2::uuid[], $3::newsletter_token_purpose[]) AS u(hash, id, purpose)`,
      [[...manageHashes, ...unsubscribeHashes], [...ids, ...ids], [...ids.map(() => 'manage'), ...ids.map(() => 'unsubscribe')]],
    );
  }
  await ds.query('ANALYZE');
  await ds.destroy();
}

/** Child: the digest run (match, insert, enqueue), then rendering every mail once. */
async function digestChild(config: AppConfig): Promise<void> {
  const ds = new DataSource({ ...dataSourceOptions(config.databaseUrl, 4), logging: ['error'] });
  await ds.initialize();
  const queues = new NewsletterQueues(createRedis(config), bullPrefix(config));
  const t0 = Date.now();
  const [digestId] = await openDueDigests(ds, config.newsletter, DIGEST_AT);
  const enqueued = await runDigest(ds, queues, digestId, mailDomain(config.mail.from));
  const t1 = Date.now();
  // Rendering, as the mail job does it, for every delivery of the run.
  const crypto = new NewsletterCrypto(config.newsletter.keys);
  const events: { id: string; kind: NewsletterEventKind; payload: EventPayload }[] = await ds.query(`SELECT id::text AS id, kind, payload FROM newsletter_event`);
  const byId = new Map<string, DigestEvent>(events.map((e) => [e.id, e]));
  const [b]: { slug: string; name: string; webUrlTemplates: Record<string, string> }[] = await ds.query(
    `SELECT slug, name, web_url_templates AS "webUrlTemplates" FROM body WHERE slug = 'benchstadt'`,
  );
  const body: BodyView = b;
  const links = new Links(config.publicUrl, body, { confirmUrlTemplate: null, manageUrlTemplate: 'https://www.benchstadt.example/newsletter?token={token}', unsubscribeUrlTemplate: null });
  let after = '00000000-0000-0000-0000-000000000000';
  let rendered = 0;
  let bytes = 0;
  for (;;) {
    const rows: { id: string; ids: string[]; manage: string; unsubscribe: string; email: string; language: 'de' | 'en' }[] = await ds.query(
      `SELECT d.id, d.event_ids::text[] AS ids, s.manage_token_ciphertext AS manage, s.unsubscribe_token_ciphertext AS unsubscribe, s.email_ciphertext AS email, s.language
       FROM newsletter_delivery d JOIN newsletter_subscription s ON s.id = d.subscription_id WHERE d.digest_id = $1 AND d.id > $2 ORDER BY d.id LIMIT 2000`,
      [digestId, after],
    );
    if (!rows.length) break;
    for (const r of rows) {
      crypto.decrypt(r.email);
      const tokens = { manage: crypto.decrypt(r.manage), unsubscribe: crypto.decrypt(r.unsubscribe) };
      const mail = renderDigest(r.language, 'daily', body, links, r.ids.map((id) => byId.get(id)!).filter(Boolean), tokens);
      bytes += (mail?.html.length ?? 0) + (mail?.text.length ?? 0);
      rendered++;
    }
    after = rows[rows.length - 1].id;
  }
  const t2 = Date.now();
  process.send!({ enqueued, enqueueMs: t1 - t0, rendered, renderMs: t2 - t1, avgBytes: Math.round(bytes / Math.max(1, rendered)) });
  await queues.close();
  queues.connection.disconnect();
  await ds.destroy();
}

/** Child: a mail worker like the worker process's (same processor, BullMQ, pooled SMTP). */
async function sendChild(config: AppConfig): Promise<void> {
  const ds = mailDataSource(config);
  await ds.initialize();
  const ctx: MailContext = {
    ds,
    crypto: new NewsletterCrypto(config.newsletter.keys),
    mailer: createMailer({ ...config.mail, poolSize: Math.max(config.mail.poolSize, CONCURRENCY) }),
    publicUrl: config.publicUrl,
    staleSendSeconds: config.newsletter.staleSendSeconds,
    maxBounces: config.newsletter.maxBounces,
    manageTokenDays: config.newsletter.manageTokenDays,
  };
  const connection = new Redis(config.redisUrl, { maxRetriesPerRequest: null });
  const worker = new Worker<MailJob>(QUEUES.mail, (job) => sendDelivery(ctx, job), { connection, prefix: bullPrefix(config), concurrency: CONCURRENCY });
  await worker.waitUntilReady();
  process.send!({ ready: true });
  process.on('message', () => {
    void worker.close(true).then(() => process.exit(0));
  });
}

function child(mode: string, env: Record<string, string>, onMessage: (m: Record<string, unknown>) => void): { pid: number; done: Promise<void>; stop(): void } {
  const c = fork(__filename, [mode], { env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const done = new Promise<void>((resolve, reject) => c.once('exit', (code) => (code === 0 || code === null ? resolve() : reject(new Error(`${mode} child exited with ${code}`)))));
  c.on('message', (m) => onMessage(m as Record<string, unknown>));
  return { pid: c.pid!, done, stop: () => c.send('stop') };
}

function sampleRss(pid: number): { stop(): number } {
  let peak = 0;
  const timer = setInterval(() => {
    try {
      const rss = rssMb(pid);
      if (!Number.isNaN(rss)) peak = Math.max(peak, rss);
    } catch {
      // the process has ended
    }
  }, 50);
  return {
    stop: () => {
      clearInterval(timer);
      return peak;
    },
  };
}

async function main(): Promise<void> {
  const mode = process.argv[2];
  if (mode === 'digest') return digestChild(loadConfig());
  if (mode === 'send') return sendChild(loadConfig());

  const base = loadConfig();
  const url = new URL(base.databaseUrl);
  url.pathname = `/${url.pathname.slice(1) || 'ratsinfo'}_bench_newsletter`;
  const databaseUrl = url.toString();
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const pg = new Client({ connectionString: admin.toString() });
  await pg.connect();
  await pg.query(`DROP DATABASE IF EXISTS "${url.pathname.slice(1)}" WITH (FORCE)`);
  await pg.end();
  await migrate(databaseUrl);

  let received = 0;
  let firstAt = 0;
  let lastAt = 0;
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData: (stream, _session, callback) => {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        received++;
        lastAt = Date.now();
        if (received === 1) firstAt = lastAt;
        callback();
      });
    },
  });
  smtp.on('error', () => undefined); // clients that go away mid-connection
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
  const port = (smtp.server.address() as { port: number }).port;
  const prefix = `bench-newsletter-${randomBytes(4).toString('hex')}`;
  const env = benchEnv(port, prefix, databaseUrl);
  const config = loadConfig(env);

  console.log(`seeding ${SUBSCRIBERS} confirmed subscribers and ${EVENTS} events …`);
  const s0 = Date.now();
  await seed(config);
  console.log(`  seeded in ${((Date.now() - s0) / 1000).toFixed(1)} s`);

  const digestResult: Record<string, number> = {};
  const d = child('digest', env, (m) => Object.assign(digestResult, m));
  const digestRss = sampleRss(d.pid);
  await d.done;
  const digestPeak = digestRss.stop();
  console.log(`digest run: ${digestResult.enqueued} mails matched, logged and enqueued in ${(digestResult.enqueueMs / 1000).toFixed(1)} s`);
  console.log(`            ${digestResult.rendered} mails rendered (HTML + text, avg ${digestResult.avgBytes} bytes) in ${(digestResult.renderMs / 1000).toFixed(1)} s`);
  console.log(`            total ${((digestResult.enqueueMs + digestResult.renderMs) / 1000).toFixed(1)} s, worker peak RSS ${digestPeak.toFixed(0)} MB`);

  let ready: () => void = () => undefined;
  const isReady = new Promise<void>((r) => (ready = r));
  const s = child('send', env, () => ready());
  await isReady;
  const sendRss = sampleRss(s.pid);
  const until = Date.now() + 300_000;
  while (received < MAILS && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
  const sent = received;
  const seconds = (lastAt - firstAt) / 1000;
  s.stop();
  await s.done;
  const sendPeak = sendRss.stop();
  console.log(`delivery:   ${sent} mails to a local SMTP server in ${seconds.toFixed(1)} s = ${(sent / seconds).toFixed(0)} mails/s (concurrency ${CONCURRENCY}), worker peak RSS ${sendPeak.toFixed(0)} MB`);

  const connection = new Redis(config.redisUrl, { maxRetriesPerRequest: null });
  const mailQueue = new Queue(QUEUES.mail, { connection, prefix: bullPrefix(config) });
  const digestQueue = new Queue(QUEUES.newsletterDigest, { connection, prefix: bullPrefix(config) });
  await mailQueue.obliterate({ force: true });
  await digestQueue.obliterate({ force: true });
  await mailQueue.close();
  await digestQueue.close();
  connection.disconnect();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
}

main().then(
  () => {
    if (!process.argv[2]) process.exit(0);
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  },
);
