import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { bullPrefix, QUEUES } from '../src/infra/queue/queues';
import { newToken, tokenHash } from '../src/modules/newsletter/newsletter.crypto';
import { createNewsletterWorker } from '../src/modules/newsletter/newsletter.worker';
import { bearer, startWithBody } from './support/app';
import { createCommittee } from './support/factories';
import { newsletterEnv, NewsletterTestWorker, startNewsletterWorker, TestSmtp, tokenFrom } from './support/smtp';

type Ctx = Awaited<ReturnType<typeof startWithBody>>;

const API = '/v1/bodies/musterstadt';
const NL = `${API}/newsletter`;
const TOKEN = 'X-Newsletter-Token';

describe('newsletter', () => {
  let t: Ctx;
  let smtp: TestSmtp;
  let worker: NewsletterTestWorker;
  let committeeId: string;

  beforeAll(async () => {
    smtp = new TestSmtp();
    await smtp.start();
    t = await startWithBody(newsletterEnv(smtp, { NEWSLETTER_IMMEDIATE_MAX_DELAY_SECONDS: '60', NEWSLETTER_MANAGE_TOKEN_DAYS: '30' }));
    await t.ds.query(`UPDATE body SET web_url_templates = $2 WHERE id = $1`, [
      t.body.id,
      JSON.stringify({ session: 'https://www.musterstadt.example/rat/sitzung/{id}', document: 'https://www.musterstadt.example/rat/vorlage/{id}' }),
    ]);
    committeeId = (await createCommittee(t.ds, { bodyId: t.body.id, name: 'Bauausschuss' })).id;
    worker = await startNewsletterWorker(t.config);
  });
  afterAll(async () => {
    await worker.stop();
    await t.close();
    await smtp.stop();
  });

  async function subscribe(email: string, body: Record<string, unknown> = {}): Promise<void> {
    const res = await t
      .http()
      .post(`${NL}/subscriptions`)
      .send({ email, topics: { committees: [committeeId] }, frequency: 'immediate', language: 'de', ...body })
      .expect(202);
    expect(res.body).toEqual({ status: 'accepted', detail: 'If the address can receive mail, a confirmation link is on its way.' });
  }

  async function confirmed(email: string, body: Record<string, unknown> = {}): Promise<string> {
    const before = smtp.to(email).length;
    await subscribe(email, body);
    await smtp.waitFor(() => smtp.to(email).length > before);
    const res = await t.http().post(`${NL}/confirm`).send({ token: tokenFrom(smtp.to(email).at(-1)!) }).expect(200);
    return res.body.manageToken as string;
  }

  /** The subscription a manage token belongs to. */
  async function subscriptionOf(manage: string): Promise<string> {
    const rows: { id: string }[] = await t.ds.query(`SELECT subscription_id AS id FROM newsletter_token WHERE token_hash = $1 AND purpose = 'manage'`, [tokenHash(manage)]);
    expect(rows).toHaveLength(1);
    return rows[0].id;
  }

  async function publishSession(name: string): Promise<string> {
    const res = await t
      .http()
      .post(`${API}/sessions`)
      .set(...bearer(t.keys.editor))
      .send({ name, start: '2031-05-12T17:00:00+02:00', committeeIds: [committeeId], publish: true })
      .expect(201);
    return res.body.id as string;
  }

  it('lets an editor point mails at the city website', async () => {
    await t.http().put(`${NL}/settings`).send({ senderName: 'Stadt Musterstadt' }).expect(401);
    const res = await t
      .http()
      .put(`${NL}/settings`)
      .set(...bearer(t.keys.editor))
      .send({
        confirmUrlTemplate: 'https://www.musterstadt.example/newsletter/bestaetigen?token={token}',
        manageUrlTemplate: 'https://www.musterstadt.example/newsletter/verwalten?token={token}',
        unsubscribeUrlTemplate: 'https://www.musterstadt.example/newsletter/abbestellen?token={token}',
        senderName: 'Stadt Musterstadt',
      })
      .expect(200);
    expect(res.body.senderName).toBe('Stadt Musterstadt');
    expect(res.body.unsubscribeUrlTemplate).toBe('https://www.musterstadt.example/newsletter/abbestellen?token={token}');
    await t.http().put(`${NL}/settings`).set(...bearer(t.keys.editor)).send({ confirmUrlTemplate: 'javascript:alert(1)' }).expect(400);
  });

  it('answers alike for new and known addresses and sends only a confirmation mail', async () => {
    await subscribe('anna@musterstadt.example');
    await subscribe('anna@musterstadt.example');
    await smtp.waitFor(() => smtp.to('anna@musterstadt.example').length === 2);
    const [first, second] = smtp.to('anna@musterstadt.example');
    expect(first.subject).toContain('Bitte bestätigen Sie Ihr Newsletter-Abonnement');
    expect(first.headers.from).toContain('Stadt Musterstadt');
    expect(first.messageId).toMatch(/^<[0-9a-f-]{36}@musterstadt\.example>$/);
    expect(first.messageId).not.toBe(second.messageId);
    expect(first.text).toContain('https://www.musterstadt.example/newsletter/bestaetigen?token=');
    expect(first.html).toContain('https://www.musterstadt.example/newsletter/bestaetigen?token=');
    // The first link was superseded by the second request.
    await t.http().post(`${NL}/confirm`).send({ token: tokenFrom(first) }).expect(410);
    const stored = await t.ds.query(`SELECT email_ciphertext, email_hash FROM newsletter_subscription`);
    expect(JSON.stringify(stored)).not.toContain('anna');
  });

  it('validates the request', async () => {
    const res = await t.http().post(`${NL}/subscriptions`).send({ email: 'kein-mail', topics: {}, frequency: 'hourly', language: 'fr', extra: 1 }).expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['email', 'extra', 'frequency', 'language']);
    await t.http().post(`${NL}/subscriptions`).send({ email: 'a@musterstadt.example', topics: {}, frequency: 'daily', language: 'de' }).expect(400);
    await t
      .http()
      .post(`${NL}/subscriptions`)
      .send({ email: 'a@musterstadt.example', topics: { committees: ['00000000-0000-4000-8000-000000000000'] }, frequency: 'daily', language: 'de' })
      .expect(400);
    await t.http().post(`/v1/bodies/nirgendwo/newsletter/subscriptions`).send({ email: 'a@musterstadt.example', topics: { all: true }, frequency: 'daily', language: 'de' }).expect(404);
  });

  it('confirms once, then mails matching public news with one-click unsubscribe by a token that can do nothing else', async () => {
    // Follows the same committee and stays subscribed: shows when news has gone out.
    await confirmed('dirk@musterstadt.example');
    const manage = await confirmed('bernd@musterstadt.example');
    const token = tokenFrom(smtp.to('bernd@musterstadt.example').at(-1)!);
    await t.http().post(`${NL}/confirm`).send({ token }).expect(410);
    const view = await t.http().get(`${NL}/subscription`).set(TOKEN, manage).expect(200);
    expect(view.headers['cache-control']).toBe('no-store');
    expect(view.body).toMatchObject({ email: 'bernd@musterstadt.example', status: 'active', frequency: 'immediate', topics: { committees: [committeeId] } });

    const sessionId = await publishSession('Sitzung des Bauausschusses');
    await smtp.waitFor(() => smtp.to('bernd@musterstadt.example').length === 2);
    const digest = smtp.to('bernd@musterstadt.example')[1];
    expect(digest.subject).toBe('Ratsinformation Stadt Musterstadt: 1 Neuigkeit');
    expect(digest.text).toContain('Neue Sitzungen');
    expect(digest.text).toContain(`https://www.musterstadt.example/rat/sitzung/${sessionId}`);
    expect(digest.html).toContain('Sitzung des Bauausschusses');
    // The links in the mail open the manage and unsubscribe pages; the one-click URL (POST only) is for the header.
    const managePage = `https://www.musterstadt.example/newsletter/verwalten?token=${manage}`;
    expect(digest.text).toContain(`Abonnement verwalten: ${managePage}`);
    const off = /Abbestellen: https:\/\/www\.musterstadt\.example\/newsletter\/abbestellen\?token=([A-Za-z0-9_-]{43})\s/.exec(digest.text)![1];
    expect(off).not.toBe(manage);
    expect(digest.html).toContain(`<a href="https://www.musterstadt.example/newsletter/abbestellen?token=${off}">Abbestellen</a>`);
    expect(digest.text).not.toContain('/unsubscribe');
    expect(digest.html).not.toContain('/unsubscribe');
    expect(digest.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    const unsubscribeUrl = /<([^>]+)>/.exec(digest.headers['list-unsubscribe'])![1];
    expect(unsubscribeUrl).toBe(`http://api.test${NL}/unsubscribe?token=${off}`);
    // The unsubscribe token shows, changes, exports and deletes nothing.
    for (const call of [
      () => t.http().get(`${NL}/subscription`),
      () => t.http().patch(`${NL}/subscription`).send({ frequency: 'weekly' }),
      () => t.http().get(`${NL}/subscription/export`),
      () => t.http().delete(`${NL}/subscription`),
    ]) {
      const res = await call().set(TOKEN, off).expect(403);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body).toMatchObject({ code: 'forbidden', detail: expect.stringContaining('kann nur abmelden') });
      expect(JSON.stringify(res.body)).not.toContain('bernd');
    }
    expect((await t.http().get(`${NL}/subscription`).set(TOKEN, manage).expect(200)).body).toMatchObject({ status: 'active', frequency: 'immediate' });
    // Anna never confirmed: she got nothing but confirmation mails.
    expect(smtp.to('anna@musterstadt.example').every((m) => m.subject.includes('bestätigen'))).toBe(true);

    // RFC 8058: a mail client POSTs the form body to the URL.
    const url = new URL(unsubscribeUrl);
    await t.http().post(`${url.pathname}${url.search}`).type('form').send('List-Unsubscribe=One-Click').expect(204);
    await t.http().post(`${url.pathname}${url.search}`).type('form').send('List-Unsubscribe=One-Click').expect(204);
    const after = await t.http().get(`${NL}/subscription`).set(TOKEN, manage).expect(200);
    expect(after.body.status).toBe('unsubscribed');
    const record = await t.http().get(`${NL}/subscription/export`).set(TOKEN, manage).expect(200);
    expect(record.body.consent.map((c: { action: string; details: { via?: string } }) => [c.action, c.details.via ?? null])).toEqual([
      ['requested', null],
      ['confirmed', null],
      ['unsubscribed', 'one-click'],
    ]);
    await publishSession('Noch eine Sitzung');
    await smtp.waitFor(() => smtp.to('dirk@musterstadt.example').some((m) => m.text.includes('Noch eine Sitzung')));
    expect(smtp.to('bernd@musterstadt.example')).toHaveLength(2);
    const bernd = await subscriptionOf(manage);
    const digests = await t.ds.query(`SELECT count(*)::int AS n FROM newsletter_delivery WHERE subscription_id = $1 AND kind = 'digest'`, [bernd]);
    expect(digests[0].n).toBe(1);
  });

  it('collects a busy window into one mail, in English, public content only', async () => {
    const manage = await confirmed('carla@musterstadt.example', { topics: { all: true }, language: 'en' });
    await publishSession('Ratssitzung Juni');
    await t
      .http()
      .post(`${API}/documents`)
      .set(...bearer(t.keys.editor))
      .send({ name: 'Grundstücksverkauf Geheimweg', reference: '0099/2031', documentType: 'Beschlussvorlage', date: '2031-05-01', public: false, publish: true })
      .expect(201);
    await t
      .http()
      .post(`${API}/documents`)
      .set(...bearer(t.keys.editor))
      .send({ name: 'Radwegekonzept Innenstadt', reference: '0100/2031', documentType: 'Beschlussvorlage', date: '2031-05-01', publish: true })
      .expect(201);
    await smtp.waitFor(() => smtp.to('carla@musterstadt.example').length === 2);
    await new Promise((r) => setTimeout(r, 2500));
    const mails = smtp.to('carla@musterstadt.example');
    expect(mails).toHaveLength(2);
    const digest = mails[1];
    expect(digest.subject).toBe('Council news Stadt Musterstadt: 2 updates');
    expect(digest.text).toContain('Ratssitzung Juni');
    expect(digest.text).toContain('0100/2031 Radwegekonzept Innenstadt');
    expect(digest.raw).not.toContain('Geheimweg');

    const changed = await t.http().patch(`${NL}/subscription`).set(TOKEN, manage).send({ frequency: 'weekly', topics: { keywords: ['Radweg'] } }).expect(200);
    expect(changed.body).toMatchObject({ frequency: 'weekly', topics: { all: false, keywords: ['radweg'] } });
    const exported = await t.http().get(`${NL}/subscription/export`).set(TOKEN, manage).expect(200);
    expect(exported.body.subscription.email).toBe('carla@musterstadt.example');
    expect(exported.body.consent.map((c: { action: string }) => c.action)).toEqual(['requested', 'confirmed', 'changed']);
    expect(exported.body.deliveries).toEqual([
      expect.objectContaining({ kind: 'confirm', status: 'sent', messageId: mails[0].messageId }),
      expect.objectContaining({ kind: 'digest', status: 'sent', messageId: mails[1].messageId }),
    ]);
    const carla = await subscriptionOf(manage);
    const stored = async (): Promise<Record<string, number>> =>
      (
        await t.ds.query(
          `SELECT (SELECT count(*)::int FROM newsletter_subscription WHERE id = $1) AS subscription,
             (SELECT count(*)::int FROM newsletter_consent WHERE subscription_id = $1) AS consent,
             (SELECT count(*)::int FROM newsletter_delivery WHERE subscription_id = $1) AS delivery,
             (SELECT count(*)::int FROM newsletter_token WHERE subscription_id = $1) AS token`,
          [carla],
        )
      )[0];
    // The spent confirmation token, the manage token and the unsubscribe token.
    expect(await stored()).toEqual({ subscription: 1, consent: 3, delivery: 2, token: 3 });
    await t.http().delete(`${NL}/subscription`).set(TOKEN, manage).expect(204);
    await t.http().get(`${NL}/subscription`).set(TOKEN, manage).expect(401);
    expect(await stored()).toEqual({ subscription: 0, consent: 0, delivery: 0, token: 0 });
  });

  it('replaces the manage token with every confirmation and lets it expire, with a clear answer', async () => {
    const email = 'erik@musterstadt.example';
    const first = await confirmed(email);
    const sub = await subscriptionOf(first);
    await subscribe(email);
    await smtp.waitFor(() => smtp.to(email).length === 2);
    const again = await t.http().post(`${NL}/confirm`).send({ token: tokenFrom(smtp.to(email)[1]) }).expect(200);
    const second = again.body.manageToken as string;
    expect(second).not.toBe(first);
    // NEWSLETTER_MANAGE_TOKEN_DAYS is 30 here.
    const days = (Date.parse(again.body.manageTokenExpiresAt as string) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);

    const replaced = await t.http().get(`${NL}/subscription`).set(TOKEN, first).expect(410);
    expect(replaced.headers['content-type']).toContain('application/problem+json');
    expect(replaced.body).toMatchObject({ code: 'gone', detail: expect.stringContaining('mit derselben Adresse erneut an') });
    await t.http().delete(`${NL}/subscription`).set(TOKEN, first).expect(410);
    await t.http().post(`${NL}/unsubscribe`).set(TOKEN, first).expect(410);
    await t.http().get(`${NL}/subscription`).set(TOKEN, second).expect(200);

    // Time passes.
    await t.ds.query(`UPDATE newsletter_token SET expires_at = now() - interval '1 second' WHERE token_hash = $1`, [tokenHash(second)]);
    const expired = await t.http().patch(`${NL}/subscription`).set(TOKEN, second).send({ frequency: 'weekly' }).expect(410);
    expect(expired.body).toMatchObject({ code: 'gone', detail: expect.stringContaining('ist abgelaufen') });
    await t.http().get(`${NL}/subscription/export`).set(TOKEN, second).expect(410);
    expect(await t.ds.query(`SELECT status, frequency FROM newsletter_subscription WHERE id = $1`, [sub])).toEqual([{ status: 'active', frequency: 'immediate' }]);
    // One unsubscribe token throughout: the unsubscribe links of earlier mails keep working.
    expect(await t.ds.query(`SELECT purpose, count(*)::int AS n FROM newsletter_token WHERE subscription_id = $1 AND purpose <> 'confirm' GROUP BY purpose ORDER BY purpose`, [sub])).toEqual([
      { purpose: 'manage', n: 2 },
      { purpose: 'unsubscribe', n: 1 },
    ]);
  });

  it('mails a new manage token once the current one is past half its life, and an unsubscribe token to subscriptions without one', async () => {
    const email = 'frieda@musterstadt.example';
    const old = await confirmed(email);
    const sub = await subscriptionOf(old);
    // As subscribed before unsubscribe tokens existed, with a manage token ten of its thirty days from expiry.
    await t.ds.query(`UPDATE newsletter_subscription SET unsubscribe_token_ciphertext = NULL WHERE id = $1`, [sub]);
    await t.ds.query(`DELETE FROM newsletter_token WHERE subscription_id = $1 AND purpose = 'unsubscribe'`, [sub]);
    await t.ds.query(`UPDATE newsletter_token SET expires_at = now() + interval '10 days' WHERE token_hash = $1`, [tokenHash(old)]);

    await publishSession('Sitzung zur Stadthalle');
    await smtp.waitFor(() => smtp.to(email).length === 2);
    const mail = smtp.to(email)[1];
    const manage = /verwalten\?token=([A-Za-z0-9_-]{43})/.exec(mail.text)![1];
    expect(manage).not.toBe(old);
    await t.http().get(`${NL}/subscription`).set(TOKEN, manage).expect(200);
    // The earlier one runs out on its own time.
    await t.http().get(`${NL}/subscription`).set(TOKEN, old).expect(200);
    const oneClick = new URL(/<([^>]+)>/.exec(mail.headers['list-unsubscribe'])![1]);
    await t.http().get(`${NL}/subscription`).set(TOKEN, oneClick.searchParams.get('token')!).expect(403);
    await t.http().post(`${oneClick.pathname}${oneClick.search}`).type('form').send('List-Unsubscribe=One-Click').expect(204);
    expect((await t.http().get(`${NL}/subscription`).set(TOKEN, manage).expect(200)).body.status).toBe('unsubscribed');
  });

  it('keeps tokens out of the request log', async () => {
    const lines: string[] = [];
    const local = await startWithBody({ LOG_LEVEL: 'info' }, { logStream: { write: (line) => void lines.push(line) } });
    try {
      const token = newToken();
      await local.http().post(`${NL}/unsubscribe?token=${token}`).type('form').send('List-Unsubscribe=One-Click').expect(401);
      await local.http().post(`${NL}/unsubscribe?List=1&%74oken=${token}`).type('form').send('List-Unsubscribe=One-Click');
      const requests = lines.map((l) => JSON.parse(l) as { req?: { url: string } }).filter((l) => l.req);
      expect(requests.map((l) => l.req!.url)).toEqual([`${NL}/unsubscribe?token=[redacted]`, `${NL}/unsubscribe?List=1&%74oken=[redacted]`]);
      expect(lines.join('\n')).not.toContain(token);
    } finally {
      await local.close();
    }
  });

  it('registers the digest tick from the worker, not from the API', async () => {
    const local = await startWithBody({});
    const connection = new Redis(local.config.redisUrl, { maxRetriesPerRequest: null });
    const digest = new Queue(QUEUES.newsletterDigest, { connection, prefix: bullPrefix(local.config) });
    const newsletter = createNewsletterWorker(local.config, { dataSource: local.ds });
    try {
      await new Promise((r) => setTimeout(r, 300));
      expect(await digest.getJobSchedulers()).toEqual([]);
      await newsletter.start();
      expect((await digest.getJobSchedulers()).map((s) => s.key)).toEqual(['newsletter-tick']);
    } finally {
      await newsletter.close();
      await digest.close();
      connection.disconnect();
      await local.close();
    }
  });

  it('rate-limits subscribe requests per client', async () => {
    const local = await startWithBody({ NEWSLETTER_SUBSCRIBE_PER_IP_PER_HOUR: '2' });
    try {
      const send = () =>
        local.http().post(`${NL}/subscriptions`).send({ email: 'dora@musterstadt.example', topics: { all: true }, frequency: 'daily', language: 'de' });
      await send().expect(202);
      await send().expect(202);
      await send().expect(429);
    } finally {
      await local.close();
    }
  });
});
