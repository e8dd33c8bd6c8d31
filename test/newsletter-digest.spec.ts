import type { Job } from 'bullmq';
import type { Mailer, OutgoingMail } from '../src/infra/mail/mailer';
import type { MailJob, NewsletterQueues } from '../src/modules/newsletter/newsletter.queues';
import { NewsletterCrypto } from '../src/modules/newsletter/newsletter.crypto';
import { NewsletterRepository, Preferences } from '../src/modules/newsletter/newsletter.repository';
import { consumeChange } from '../src/modules/newsletter/worker/change-consumer';
import { berlinClock, Housekeeper, housekeeping, openDueDigests, rekey, runDigest } from '../src/modules/newsletter/worker/digest';
import { sendDelivery } from '../src/modules/newsletter/worker/mail.processor';
import type { ChangeJob } from '../src/infra/queue/queues';
import { bearer, startWithBody } from './support/app';
import { createCommittee, createMinutes, createSession } from './support/factories';

type Ctx = Awaited<ReturnType<typeof startWithBody>>;

const API = '/v1/bodies/musterstadt';

/** Collects mail job ids instead of talking to Redis. */
function fakeQueues(): NewsletterQueues & { mailed: string[] } {
  const mailed: string[] = [];
  const addMail = (ids: string[]): Promise<void> => {
    mailed.push(...ids);
    return Promise.resolve();
  };
  return { mailed, addMail } as unknown as NewsletterQueues & { mailed: string[] };
}

describe('newsletter events and digests', () => {
  let t: Ctx;
  let repo: NewsletterRepository;
  let crypto: NewsletterCrypto;
  let bau: string;
  let schule: string;
  let relayed = '0';

  beforeAll(async () => {
    t = await startWithBody({ NEWSLETTER_DIGEST_HOUR: '7', NEWSLETTER_WEEKLY_DAY: '1', NEWSLETTER_IMMEDIATE_QUIET_SECONDS: '600', NEWSLETTER_IMMEDIATE_MAX_DELAY_SECONDS: '3600' });
    crypto = new NewsletterCrypto(t.config.newsletter.keys);
    repo = new NewsletterRepository(t.ds, crypto, 'musterstadt.example');
    bau = (await createCommittee(t.ds, { bodyId: t.body.id, name: 'Bauausschuss' })).id;
    schule = (await createCommittee(t.ds, { bodyId: t.body.id, name: 'Schulausschuss' })).id;
  });
  afterAll(async () => t.close());

  async function subscriber(email: string, prefs: Partial<Preferences>): Promise<string> {
    const full: Preferences = { allTopics: false, committeeIds: [], documentTypes: [], keywords: [], frequency: 'daily', language: 'de', ...prefs };
    const deliveryId = await repo.subscribe(t.body.id, email, full, {});
    const [row] = await t.ds.query(`SELECT secret_ciphertext FROM newsletter_delivery WHERE id = $1`, [deliveryId]);
    const confirmed = await repo.confirm(t.body.id, crypto.decrypt(row.secret_ciphertext as string), t.config.newsletter.manageTokenDays);
    return confirmed!.sub.id;
  }

  /** What the worker would do with every new change event. */
  async function consumeAll(): Promise<void> {
    const events: { id: string; body_id: string; resource: ChangeJob['resource']; resource_id: string; action: string; audience_before: number; audience_after: number }[] =
      await t.ds.query(`SELECT id::text, body_id, resource, resource_id, action, audience_before, audience_after FROM change_event c WHERE c.id > $1 ORDER BY c.id`, [relayed]);
    for (const e of events) {
      const job = { eventId: e.id, bodyId: e.body_id, resource: e.resource, resourceId: e.resource_id, action: e.action, audienceBefore: e.audience_before, audienceAfter: e.audience_after, requestId: null } as ChangeJob;
      await consumeChange(t.ds, job);
      await consumeChange(t.ds, job); // idempotent
      relayed = e.id;
    }
  }

  const kinds = async (): Promise<string[]> => (await t.ds.query(`SELECT kind FROM newsletter_event WHERE withdrawn_at IS NULL ORDER BY id`)).map((r: { kind: string }) => r.kind);
  const editor = () => ({ post: (p: string) => t.http().post(`${API}${p}`).set(...bearer(t.keys.editor)), patch: (p: string) => t.http().patch(`${API}${p}`).set(...bearer(t.keys.editor)) });

  it('tells scheduled, moved and cancelled sessions, agendas, results, documents and minutes apart', async () => {
    const session = await editor().post('/sessions').send({ name: 'Bauausschuss Mai', start: '2031-05-12T17:00:00+02:00', committeeIds: [bau] }).expect(201);
    const id = session.body.id as string;
    await consumeAll();
    expect(await kinds()).toEqual([]); // a draft
    // The worker follows promptly; what it has not seen in between collapses into the current state.
    await editor().post(`/sessions/${id}/publish`).expect(200);
    await consumeAll();
    await editor().patch(`/sessions/${id}`).send({ name: 'Bauausschuss (Mai)' }).expect(200);
    await consumeAll();
    await editor().patch(`/sessions/${id}`).send({ start: '2031-05-13T17:00:00+02:00' }).expect(200);
    await consumeAll();
    await editor().patch(`/sessions/${id}`).send({ cancelled: true }).expect(200);
    await consumeAll();
    expect(await kinds()).toEqual(['session_scheduled', 'session_moved', 'session_cancelled']);

    const other = await editor().post('/sessions').send({ name: 'Bauausschuss Juni', start: '2031-06-12T17:00:00+02:00', committeeIds: [bau], publish: true }).expect(201);
    const item = await editor().post('/agenda-items').send({ sessionId: other.body.id, number: 'Ö 1', name: 'Radwegekonzept Innenstadt', publish: true }).expect(201);
    await editor().post('/agenda-items').send({ sessionId: other.body.id, number: 'N 1', name: 'Grundstück Geheimweg', public: false, publish: true }).expect(201);
    await consumeAll();
    await editor().patch(`/agenda-items/${item.body.id}`).send({ result: 'einstimmig beschlossen' }).expect(200);
    await editor().post('/documents').send({ name: 'Antrag Spielplatz', reference: '0001/2031', documentType: 'Antrag', date: '2031-05-01', publish: true }).expect(201);
    const secret = await editor().post('/documents').send({ name: 'Geheimvorlage', documentType: 'Antrag', date: '2031-05-01', public: false, publish: true }).expect(201);
    const minutesSession = await createSession(t.ds, { bodyId: t.body.id, name: 'Schulausschuss April', committeeIds: [schule] });
    const minutes = await createMinutes(t.ds, { bodyId: t.body.id, sessionId: minutesSession.id });
    await t.ds.query(`INSERT INTO change_event (body_id, resource, resource_id, action, audience_before, audience_after) VALUES ($1, 'minutes', $2, 'published', 0, 2)`, [t.body.id, minutes.id]);
    await consumeAll();
    expect((await kinds()).slice(3)).toEqual(['session_scheduled', 'agenda_changed', 'results_recorded', 'document_published', 'minutes_published']);
    const all = JSON.stringify(await t.ds.query(`SELECT payload, search_text FROM newsletter_event`));
    expect(all).not.toContain('Geheim');
    // The non-public document was recorded as a change, but never became newsletter news.
    expect((await t.ds.query(`SELECT count(*)::int AS n FROM change_event WHERE resource_id = $1`, [secret.body.id]))[0].n).toBeGreaterThan(0);
    expect((await t.ds.query(`SELECT count(*)::int AS n FROM newsletter_event WHERE resource_id = $1`, [secret.body.id]))[0].n).toBe(0);

    // Withdrawn before the digest: not mailed.
    await editor().post(`/sessions/${other.body.id}/unpublish`).expect(200);
    await consumeAll();
    const withdrawn = await t.ds.query(`SELECT count(*)::int AS n FROM newsletter_event WHERE withdrawn_at IS NOT NULL`);
    expect(withdrawn[0].n).toBe(3);
  });

  it('matches committees, document types, keywords and everything in SQL, once per period', async () => {
    await t.ds.query(`DELETE FROM newsletter_event`);
    const byCommittee = await subscriber('ausschuss@musterstadt.example', { committeeIds: [bau] });
    const byType = await subscriber('antrag@musterstadt.example', { documentTypes: ['Beschlussvorlage'] });
    const byKeyword = await subscriber('radweg@musterstadt.example', { keywords: ['radweg'] });
    const everything = await subscriber('alles@musterstadt.example', { allTopics: true });
    const weekly = await subscriber('woche@musterstadt.example', { allTopics: true, frequency: 'weekly' });
    await subscriber('nichts@musterstadt.example', { committeeIds: [schule] });

    await editor().post('/sessions').send({ name: 'Bauausschuss Juli', start: '2031-07-12T17:00:00+02:00', committeeIds: [bau], publish: true }).expect(201);
    await editor().post('/documents').send({ name: 'Radwege im Norden', reference: '0002/2031', documentType: 'Beschlussvorlage', date: '2031-05-01', publish: true }).expect(201);
    await consumeAll();

    // 2031-03-03 is a Monday. Before the digest hour nothing is due; at 07:00 Berlin the daily and weekly digests are.
    expect(await openDueDigests(t.ds, t.config.newsletter, new Date('2031-03-03T05:59:00Z'))).toEqual([]);
    const opened = await openDueDigests(t.ds, t.config.newsletter, new Date('2031-03-03T06:00:00Z'));
    const digests = await t.ds.query(`SELECT id, frequency, period FROM newsletter_digest WHERE id = ANY($1::uuid[]) ORDER BY frequency`, [opened]);
    expect(digests.map((d: { frequency: string; period: string }) => `${d.frequency} ${d.period}`)).toEqual(['daily 2031-03-03', 'weekly 2031-W10']);
    expect(await openDueDigests(t.ds, t.config.newsletter, new Date('2031-03-03T09:00:00Z'))).toEqual([]);

    const queues = fakeQueues();
    const daily = digests.find((d: { frequency: string }) => d.frequency === 'daily').id as string;
    expect(await runDigest(t.ds, queues, daily, 'musterstadt.example')).toBe(4);
    expect(await runDigest(t.ds, queues, daily, 'musterstadt.example')).toBe(0);
    const rows: { subscription_id: string; n: number; message_id: string }[] = await t.ds.query(
      `SELECT subscription_id, cardinality(event_ids) AS n, message_id FROM newsletter_delivery WHERE digest_id = $1`,
      [daily],
    );
    const count = Object.fromEntries(rows.map((r) => [r.subscription_id, r.n]));
    expect(count).toEqual({ [byCommittee]: 1, [byType]: 1, [byKeyword]: 1, [everything]: 2 });
    expect(rows.every((r) => r.message_id.endsWith('@musterstadt.example'))).toBe(true);
    expect(queues.mailed.sort()).toEqual((await t.ds.query(`SELECT id FROM newsletter_delivery WHERE digest_id = $1`, [daily])).map((r: { id: string }) => r.id).sort());
    const weeklyDigest = digests.find((d: { frequency: string }) => d.frequency === 'weekly').id as string;
    expect(await runDigest(t.ds, fakeQueues(), weeklyDigest, 'musterstadt.example')).toBe(1);
    expect((await t.ds.query(`SELECT subscription_id FROM newsletter_delivery WHERE digest_id = $1`, [weeklyDigest]))[0].subscription_id).toBe(weekly);
  });

  it('does not mail news withdrawn after the digest run, even to the rest of a digest already sending', async () => {
    const sent: OutgoingMail[] = [];
    const mailer: Mailer = { send: (m) => (sent.push(m), Promise.resolve()), close: () => undefined };
    const ctx = { ds: t.ds, crypto, mailer, publicUrl: t.config.publicUrl, staleSendSeconds: 600, maxBounces: 3, manageTokenDays: 90 };
    const send = (deliveryId: string) => sendDelivery(ctx, { data: { deliveryId }, attemptsMade: 0, opts: { attempts: 1 } } as Job<MailJob>);
    const first = await subscriber('zuerst@musterstadt.example', { documentTypes: ['Mitteilung'] });
    const later = await subscriber('spaeter@musterstadt.example', { keywords: ['stadtpark'] });
    const only = await subscriber('nur@musterstadt.example', { committeeIds: [schule] });

    const session = await editor().post('/sessions').send({ name: 'Schulausschuss Stadtpark', start: '2031-09-12T17:00:00+02:00', committeeIds: [schule], publish: true }).expect(201);
    await editor().post('/documents').send({ name: 'Stadtpark Pflege', reference: '0003/2031', documentType: 'Mitteilung', date: '2031-05-01', publish: true }).expect(201);
    await consumeAll();
    const opened = await openDueDigests(t.ds, t.config.newsletter, new Date('2031-03-04T06:00:00Z'));
    const [{ id: digest }] = await t.ds.query(`SELECT id FROM newsletter_digest WHERE id = ANY($1::uuid[]) AND frequency = 'daily'`, [opened]);
    await runDigest(t.ds, fakeQueues(), digest as string, 'musterstadt.example');
    const deliveries: { id: string; subscription_id: string }[] = await t.ds.query(`SELECT id, subscription_id FROM newsletter_delivery WHERE digest_id = $1`, [digest]);
    const deliveryOf = (sub: string): string => deliveries.find((d) => d.subscription_id === sub)!.id;

    // The digest is sending: the first mail went out (with both items) before the session was withdrawn.
    expect(await send(deliveryOf(first))).toBe('sent');
    expect(sent[0].text).toContain('Stadtpark Pflege');
    await editor().post(`/sessions/${session.body.id}/unpublish`).expect(200);
    await consumeAll();

    expect(await send(deliveryOf(later))).toBe('sent');
    expect(sent[1].text).toContain('Stadtpark Pflege');
    expect(sent[1].text).not.toContain('Schulausschuss Stadtpark');
    expect(sent[1].html).not.toContain('Schulausschuss Stadtpark');
    expect(sent[1].subject).toBe('Ratsinformation Stadt Musterstadt: 1 Neuigkeit');
    // Nothing left for this one: no mail at all.
    expect(await send(deliveryOf(only))).toBe('skipped');
    expect(sent).toHaveLength(2);
  });

  it('holds immediate mail until the body has been quiet for a while', async () => {
    await subscriber('sofort@musterstadt.example', { allTopics: true, frequency: 'immediate' });
    await editor().post('/sessions').send({ name: 'Bauausschuss August', start: '2031-08-12T17:00:00+02:00', committeeIds: [bau], publish: true }).expect(201);
    await consumeAll();
    const now = Date.now();
    const immediate = async (at: number): Promise<string[]> =>
      (await t.ds.query(`SELECT period FROM newsletter_digest WHERE id = ANY($1::uuid[]) AND frequency = 'immediate'`, [await openDueDigests(t.ds, t.config.newsletter, new Date(at))])).map(
        (r: { period: string }) => r.period,
      );
    expect(await immediate(now + 60_000)).toEqual([]);
    expect(await immediate(now + 601_000)).toEqual([expect.stringMatching(/^e\d+$/)]);
  });

  it('deletes unconfirmed subscriptions after seven days and spent tokens after their expiry', async () => {
    // Two manage tokens that ended, one long enough ago to be forgotten.
    const ended: { token_hash: string }[] = await t.ds.query(`SELECT token_hash FROM newsletter_token WHERE purpose = 'manage' ORDER BY token_hash LIMIT 2`);
    await t.ds.query(`UPDATE newsletter_token SET expires_at = now() - interval '31 days' WHERE token_hash = $1`, [ended[0].token_hash]);
    await t.ds.query(`UPDATE newsletter_token SET expires_at = now() - interval '29 days' WHERE token_hash = $1`, [ended[1].token_hash]);
    const young = await repo.subscribe(t.body.id, 'jung@musterstadt.example', { allTopics: true, committeeIds: [], documentTypes: [], keywords: [], frequency: 'daily', language: 'de' }, {});
    await repo.subscribe(t.body.id, 'alt@musterstadt.example', { allTopics: true, committeeIds: [], documentTypes: [], keywords: [], frequency: 'daily', language: 'de' }, {});
    await t.ds.query(`UPDATE newsletter_subscription SET created_at = now() - interval '8 days', modified_at = now() - interval '8 days' WHERE status = 'pending' AND id <> (SELECT subscription_id FROM newsletter_delivery WHERE id = $1)`, [young]);
    await t.ds.query(`UPDATE newsletter_token SET expires_at = now() - interval '2 days' WHERE purpose = 'confirm' AND used_at IS NOT NULL`);
    const active = (await t.ds.query(`SELECT count(*)::int AS n FROM newsletter_subscription WHERE status = 'active'`))[0].n as number;
    await housekeeping(t.ds, crypto);
    const count = async (status: string): Promise<number> => (await t.ds.query(`SELECT count(*)::int AS n FROM newsletter_subscription WHERE status = $1`, [status]))[0].n as number;
    expect(await count('pending')).toBe(1);
    expect(await count('active')).toBe(active);
    expect((await t.ds.query(`SELECT count(*)::int AS n FROM newsletter_token WHERE purpose = 'confirm' AND used_at IS NOT NULL`))[0].n).toBe(0);
    const left = await t.ds.query(`SELECT token_hash FROM newsletter_token WHERE token_hash = ANY($1::char(64)[])`, [ended.map((e) => e.token_hash)]);
    expect(left).toEqual([{ token_hash: ended[1].token_hash }]);
  });

  it('computes Berlin periods across daylight saving time', () => {
    expect(berlinClock(new Date('2031-03-30T01:30:00Z'))).toEqual({ date: '2031-03-30', hour: 3, isoDay: 7, isoWeek: '2031-W13' });
    expect(berlinClock(new Date('2030-12-30T23:30:00Z'))).toEqual({ date: '2030-12-31', hour: 0, isoDay: 2, isoWeek: '2031-W01' });
  });

  it('re-encrypts addresses after a key rotation and still finds them', async () => {
    const rotated = new NewsletterCrypto([{ id: 'k2', secret: Buffer.alloc(32, 7) }, ...t.config.newsletter.keys]);
    const rotatedRepo = new NewsletterRepository(t.ds, rotated, 'musterstadt.example');
    const again = (): Promise<string | null> =>
      rotatedRepo.subscribe(t.body.id, 'Alles@Musterstadt.example', { allTopics: true, committeeIds: [], documentTypes: [], keywords: [], frequency: 'daily', language: 'de' }, {});
    // Every row of the address under any key, whatever its status (a duplicate would be pending).
    const rows = async (): Promise<{ id: string; status: string; key_id: string; email_ciphertext: string }[]> =>
      t.ds.query(`SELECT id, status, key_id, email_ciphertext FROM newsletter_subscription WHERE body_id = $1 AND email_hash = ANY($2::char(64)[])`, [
        t.body.id,
        rotated.hashes('alles@musterstadt.example'),
      ]);
    const [before] = await rows();
    expect(before).toMatchObject({ status: 'active', key_id: crypto.activeKeyId });

    // Not re-encrypted yet: found under the old key's hash, no second subscription.
    await again();
    expect((await rows()).map((r) => [r.id, r.status, r.key_id])).toEqual([[before.id, 'active', crypto.activeKeyId]]);

    expect(await rekey(t.ds, rotated, 10_000)).toBeGreaterThan(0);
    expect(await rekey(t.ds, rotated, 10_000)).toBe(0);
    // Re-encrypted: found under the new hash, still one subscription.
    await again();
    const after = await rows();
    expect(after.map((r) => [r.id, r.status, r.key_id])).toEqual([[before.id, 'active', 'k2']]);
    expect(rotated.decrypt(after[0].email_ciphertext)).toBe('alles@musterstadt.example');
    const [tokens]: { manage: string; unsubscribe: string }[] = await t.ds.query(
      `SELECT manage_token_ciphertext AS manage, unsubscribe_token_ciphertext AS unsubscribe FROM newsletter_subscription WHERE id = $1`,
      [before.id],
    );
    for (const blob of [tokens.manage, tokens.unsubscribe]) expect(blob.startsWith('k2.') && rotated.decrypt(blob).length).toBe(43);
  });

  it('runs housekeeping from the tick at most hourly, re-encryption with every tick while a rotation is under way', async () => {
    const rotated = new NewsletterCrypto([{ id: 'k3', secret: Buffer.alloc(32, 9) }, { id: 'k2', secret: Buffer.alloc(32, 7) }, ...t.config.newsletter.keys]);
    const keeper = new Housekeeper(t.ds, rotated, { rekeyBatch: 2 });
    const count = async (where: string): Promise<number> => (await t.ds.query(`SELECT count(*)::int AS n FROM newsletter_subscription WHERE ${where}`))[0].n as number;
    const underOldKeys = (): Promise<number> => count(`key_id <> 'k3'`);
    const expired = (): Promise<number> => count(`status = 'pending' AND created_at < now() - interval '7 days'`);
    const prefs: Preferences = { allTopics: true, committeeIds: [], documentTypes: [], keywords: [], frequency: 'daily', language: 'de' };
    const old = await underOldKeys();
    expect(old).toBeGreaterThan(4);

    const t0 = Date.now();
    await keeper.tick(t0);
    expect(await underOldKeys()).toBe(old - 2);
    const forgotten = await repo.subscribe(t.body.id, 'vergessen@musterstadt.example', prefs, {});
    await t.ds.query(
      `UPDATE newsletter_subscription SET created_at = now() - interval '8 days', modified_at = now() - interval '8 days' WHERE id = (SELECT subscription_id FROM newsletter_delivery WHERE id = $1)`,
      [forgotten],
    );
    expect(await expired()).toBe(1);
    // A minute later: the rotation goes on, the deletes wait for the hour.
    await keeper.tick(t0 + 60_000);
    expect(await underOldKeys()).toBe(old + 1 - 4);
    expect(await expired()).toBe(1);
    let at = t0 + 60_000;
    while ((await underOldKeys()) > 0) await keeper.tick((at += 60_000));
    await keeper.tick((at += 60_000));
    // Rotation done: nothing more before the hour is up, even for a row under an old key.
    await repo.subscribe(t.body.id, 'neu@musterstadt.example', prefs, {});
    await keeper.tick((at += 60_000));
    expect(await underOldKeys()).toBe(1);
    expect(await expired()).toBe(1);
    await keeper.tick(t0 + 3_600_000);
    expect(await underOldKeys()).toBe(0);
    expect(await expired()).toBe(0);
  });
});
