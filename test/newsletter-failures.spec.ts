import { ChildProcess, fork } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { bearer, startWithBody } from './support/app';
import { TEST_REDIS_URL } from './support/env';
import { createCommittee } from './support/factories';
import { newsletterEnv, NewsletterTestWorker, startNewsletterWorker, TestSmtp, tokenFrom } from './support/smtp';

type Ctx = Awaited<ReturnType<typeof startWithBody>>;

const API = '/v1/bodies/musterstadt';
const NL = `${API}/newsletter`;
const ROOT = resolve(__dirname, '..');

function env(smtp: TestSmtp): Record<string, string> {
  return newsletterEnv(smtp, { NEWSLETTER_STALE_SEND_SECONDS: '2', NEWSLETTER_SUBSCRIBE_PER_IP_PER_HOUR: '1000', NEWSLETTER_MAX_BOUNCES: '1' });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function confirmAll(t: Ctx, smtp: TestSmtp, emails: string[], topics: Record<string, unknown>): Promise<void> {
  for (const email of emails) {
    await t.http().post(`${NL}/subscriptions`).send({ email, topics, frequency: 'immediate', language: 'de' }).expect(202);
  }
  await smtp.waitFor(() => emails.every((e) => smtp.to(e).length >= 1));
  for (const email of emails) await t.http().post(`${NL}/confirm`).send({ token: tokenFrom(smtp.to(email).at(-1)!) }).expect(200);
}

async function publishSession(t: Ctx, name: string, committeeId: string): Promise<void> {
  await t
    .http()
    .post(`${API}/sessions`)
    .set(...bearer(t.keys.editor))
    .send({ name, start: '2031-05-12T17:00:00+02:00', committeeIds: [committeeId], publish: true })
    .expect(201);
}

/** Every address got exactly `n` mails, all with different Message-IDs. */
function expectExactly(smtp: TestSmtp, emails: string[], n: number): void {
  for (const email of emails) {
    const mails = smtp.to(email);
    expect({ email, count: mails.length }).toEqual({ email, count: n });
    expect(new Set(mails.map((m) => m.messageId)).size).toBe(n);
  }
}

// Workers killed and restarted, leases run out, Redis restarted: minutes of work on a busy machine.
jest.setTimeout(180_000);

describe('newsletter delivery under failure', () => {
  let smtp: TestSmtp;
  let t: Ctx;
  let worker: NewsletterTestWorker | null = null;

  beforeAll(async () => {
    smtp = new TestSmtp();
    await smtp.start();
    t = await startWithBody(env(smtp));
  });
  afterAll(async () => {
    await worker?.stop();
    await t.close();
    await smtp.stop();
  });

  it('sends every mail exactly once when a worker is killed mid-send and restarted', async () => {
    const committee = await createCommittee(t.ds, { bodyId: t.body.id, name: 'Hauptausschuss' });
    const emails = Array.from({ length: 20 }, (_, i) => `kill${i}@musterstadt.example`);
    worker = await startNewsletterWorker(t.config);
    await confirmAll(t, smtp, emails, { committees: [committee.id] });
    await worker.stop();
    worker = null;

    await publishSession(t, 'Sitzung des Hauptausschusses', committee.id);
    smtp.holdAfter = smtp.mails.length + 5;
    const held = new Promise<void>((r) => (smtp.onHold = r));
    const child = await startChildWorker(t, smtp);
    await held;
    await sleep(100);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    smtp.onHold = null;
    smtp.holdAfter = null;
    smtp.mode = 'accept';
    const interrupted = await t.ds.query(`SELECT count(*)::int AS n FROM newsletter_delivery WHERE kind = 'digest' AND status = 'sending'`);
    expect(interrupted[0].n).toBeGreaterThan(0);

    worker = await startNewsletterWorker(t.config);
    await smtp.waitFor(() => emails.every((e) => smtp.to(e).length >= 2), 45_000);
    await sleep(3000);
    expectExactly(smtp, emails, 2);
    const states = await t.ds.query(`SELECT status, count(*)::int AS n FROM newsletter_delivery WHERE kind = 'digest' GROUP BY status`);
    expect(states).toEqual([{ status: 'sent', n: 20 }]);
    await t.ds.query(`UPDATE newsletter_subscription SET status = 'unsubscribed'`);
  });

  it('sends a mail whose worker was killed mid-send once, right after its lease expires', async () => {
    const lease = 20;
    const leased = { NEWSLETTER_STALE_SEND_SECONDS: String(lease) };
    const local = await startWithBody({ ...env(smtp), ...leased });
    let w: NewsletterTestWorker | null = null;
    let child: ChildProcess | null = null;
    try {
      const committee = await createCommittee(local.ds, { bodyId: local.body.id, name: 'Kulturausschuss' });
      const emails = Array.from({ length: 6 }, (_, i) => `lease${i}@musterstadt.example`);
      w = await startNewsletterWorker(local.config);
      await confirmAll(local, smtp, emails, { committees: [committee.id] });
      await w.stop();
      w = null;

      await publishSession(local, 'Sitzung des Kulturausschusses', committee.id);
      smtp.holdAfter = smtp.mails.length + 2;
      const held = new Promise<void>((r) => (smtp.onHold = r));
      child = await startChildWorker(local, smtp, leased);
      await held;
      await sleep(100);
      child.kill('SIGKILL');
      await new Promise((r) => child!.once('exit', r));
      smtp.onHold = null;
      smtp.holdAfter = null;
      smtp.mode = 'accept';
      const interrupted: { id: string; claimed_at: Date }[] = await local.ds.query(`SELECT id, claimed_at FROM newsletter_delivery WHERE kind = 'digest' AND status = 'sending'`);
      expect(interrupted.length).toBeGreaterThan(0);

      w = await startNewsletterWorker(local.config);
      await smtp.waitFor(() => emails.every((e) => smtp.to(e).length >= 2), 50_000);
      await sleep(2000);
      expectExactly(smtp, emails, 2);
      // Taken over only once the lease has expired, and then at once (not after a growing backoff).
      const sent: { id: string; sent_at: Date }[] = await local.ds.query(`SELECT id, sent_at FROM newsletter_delivery WHERE id = ANY($1::uuid[])`, [interrupted.map((r) => r.id)]);
      for (const row of interrupted) {
        const after = (sent.find((s) => s.id === row.id)!.sent_at.getTime() - row.claimed_at.getTime()) / 1000;
        expect({ id: row.id, takenOver: after >= lease, promptly: after <= lease + 8 }).toEqual({ id: row.id, takenOver: true, promptly: true });
      }
    } finally {
      child?.kill('SIGKILL');
      smtp.onHold = null;
      smtp.holdAfter = null;
      smtp.mode = 'accept';
      await w?.stop();
      await local.close();
    }
  });

  it('delivers everything once when SMTP is down and comes back', async () => {
    const committee = await createCommittee(t.ds, { bodyId: t.body.id, name: 'Umweltausschuss' });
    const emails = Array.from({ length: 5 }, (_, i) => `down${i}@musterstadt.example`);
    worker ??= await startNewsletterWorker(t.config);
    await confirmAll(t, smtp, emails, { committees: [committee.id] });
    const port = smtp.port;
    await smtp.stop();
    await publishSession(t, 'Sitzung des Umweltausschusses', committee.id);
    await sleep(4000);
    const failing = await t.ds.query(`SELECT count(*)::int AS n FROM newsletter_delivery WHERE kind = 'digest' AND status <> 'sent' AND last_error IS NOT NULL`);
    expect(failing[0].n).toBeGreaterThan(0);
    await smtp.start(port);
    await smtp.waitFor(() => emails.every((e) => smtp.to(e).length >= 2), 45_000);
    await sleep(3000);
    expectExactly(smtp, emails, 2);
  });

  it('records a permanent failure and suspends the address', async () => {
    const committee = await createCommittee(t.ds, { bodyId: t.body.id, name: 'Schulausschuss' });
    worker ??= await startNewsletterWorker(t.config);
    await confirmAll(t, smtp, ['bounce@musterstadt.example', 'fine@musterstadt.example'], { committees: [committee.id] });
    smtp.reject.add('bounce@musterstadt.example');
    await publishSession(t, 'Sitzung des Schulausschusses', committee.id);
    await smtp.waitFor(() => smtp.to('fine@musterstadt.example').length === 2);
    await sleep(1500);
    const rows = await t.ds.query(
      `SELECT d.status, d.last_error, s.status AS sub, s.bounce_count FROM newsletter_delivery d JOIN newsletter_subscription s ON s.id = d.subscription_id
       WHERE d.kind = 'digest' AND s.committee_ids = ARRAY[$1]::uuid[] ORDER BY d.status`,
      [committee.id],
    );
    expect(rows).toEqual([
      { status: 'sent', last_error: null, sub: 'active', bounce_count: 0 },
      { status: 'failed', last_error: 'SMTP 550', sub: 'suspended', bounce_count: 1 },
    ]);
  });

  it('keeps to the configured send rate across workers', async () => {
    const slow = await startWithBody({ ...env(smtp), MAIL_RATE_PER_SECOND: '2' });
    // Two workers with 4 concurrent jobs each: the limit is shared, not per worker.
    const workers = [await startNewsletterWorker(slow.config), await startNewsletterWorker(slow.config)];
    try {
      const emails = Array.from({ length: 6 }, (_, i) => `rate${i}@musterstadt.example`);
      const before = smtp.mails.length;
      for (const email of emails) {
        await slow.http().post(`${NL}/subscriptions`).send({ email, topics: { all: true }, frequency: 'daily', language: 'de' }).expect(202);
      }
      await smtp.waitFor(() => emails.every((e) => smtp.to(e).length === 1));
      const arrived = smtp.mails.slice(before).map((m) => m.receivedAt);
      // 6 mails at 2 per second shared by both workers: two further seconds after the first
      // (less the jitter of sending). A limit per worker would deliver all six in about one.
      expect(arrived[arrived.length - 1] - arrived[0]).toBeGreaterThanOrEqual(1500);
    } finally {
      for (const w of workers) await w.stop();
      await slow.close();
    }
  });

  it('delivers content published while Redis was down once Redis is back', async () => {
    const down = await startWithBody({ ...env(smtp), REDIS_URL: 'redis://127.0.0.1:1' });
    const workerConfig = { ...down.config, redisUrl: TEST_REDIS_URL };
    let w: NewsletterTestWorker | null = null;
    try {
      const committee = await createCommittee(down.ds, { bodyId: down.body.id, name: 'Finanzausschuss' });
      // Subscribing works without Redis; the confirmation mail waits in the delivery log.
      await down.http().post(`${NL}/subscriptions`).send({ email: 'redis@musterstadt.example', topics: { committees: [committee.id] }, frequency: 'immediate', language: 'de' }).expect(202);
      const waiting = await down.ds.query(`SELECT status, enqueued_at FROM newsletter_delivery`);
      expect(waiting).toEqual([{ status: 'queued', enqueued_at: null }]);
      w = await startNewsletterWorker(workerConfig);
      await smtp.waitFor(() => smtp.to('redis@musterstadt.example').length === 1);
      await down.http().post(`${NL}/confirm`).send({ token: tokenFrom(smtp.to('redis@musterstadt.example')[0]) }).expect(200);
      await w.stop();
      w = null;

      await publishSession(down, 'Sitzung des Finanzausschusses', committee.id);
      const unrelayed = await down.ds.query(`SELECT count(*)::int AS n FROM change_event WHERE relayed_at IS NULL`);
      expect(unrelayed[0].n).toBeGreaterThan(0);
      w = await startNewsletterWorker(workerConfig);
      await smtp.waitFor(() => smtp.to('redis@musterstadt.example').length === 2);
      await sleep(2500);
      expectExactly(smtp, ['redis@musterstadt.example'], 2);
      expect(smtp.to('redis@musterstadt.example')[1].text).toContain('Sitzung des Finanzausschusses');
    } finally {
      await w?.stop();
      await down.close();
    }
  });
});

/**
 * The newsletter worker in a child process (so it can really be killed), compiling the
 * TypeScript sources on the fly like jest does.
 */
async function startChildWorker(t: Ctx, smtp: TestSmtp, overrides: Record<string, string> = {}): Promise<ChildProcess> {
  const dir = await mkdtemp(join(tmpdir(), 'newsletter-child-'));
  const script = join(dir, 'child.js');
  await writeFile(
    script,
    `
const swc = require(${JSON.stringify(require.resolve('@swc/core'))});
const fs = require('fs');
require.extensions['.ts'] = (module, filename) => {
  const out = swc.transformSync(fs.readFileSync(filename, 'utf8'), { filename, jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2022' }, module: { type: 'commonjs' } });
  module._compile(out.code, filename);
};
require(${JSON.stringify(require.resolve('reflect-metadata'))});
const { loadConfig } = require(${JSON.stringify(join(ROOT, 'src/config/config.ts'))});
const { startNewsletterWorker } = require(${JSON.stringify(join(ROOT, 'test/support/smtp.ts'))});
(async () => {
  const config = loadConfig(JSON.parse(process.env.CHILD_ENV));
  await startNewsletterWorker(config);
  process.send('ready');
})().catch((e) => { console.error(e); process.exit(1); });
`,
  );
  const childEnv = {
    ...env(smtp),
    ...overrides,
    NODE_ENV: 'test',
    DATABASE_URL: t.config.databaseUrl,
    REDIS_URL: t.config.redisUrl,
    REDIS_PREFIX: t.config.redisPrefix,
    PUBLIC_URL: t.config.publicUrl,
    LOG_LEVEL: 'error',
  };
  const child = fork(script, [], { cwd: ROOT, env: { ...process.env, CHILD_ENV: JSON.stringify(childEnv) }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  await new Promise<void>((resolveReady, reject) => {
    child.once('message', () => resolveReady());
    child.once('exit', (code) => reject(new Error(`child worker exited with ${code}`)));
  });
  child.once('exit', () => void rm(dir, { recursive: true, force: true }));
  return child;
}
