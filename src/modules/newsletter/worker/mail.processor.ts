import { DelayedError, type Job } from 'bullmq';
import type { DataSource } from 'typeorm';
import { MailError, type Mailer } from '../../../infra/mail/mailer';
import { BodyView, DigestEvent, EventPayload, Links, MailTokens, renderConfirm, renderDigest, RenderedMail } from '../mail/render';
import type { NewsletterCrypto } from '../newsletter.crypto';
import { mailTokens } from '../newsletter.tokens';
import type { DeliveryKind, Frequency, Language, NewsletterEventKind, SubscriptionStatus } from '../newsletter.entities';
import type { MailJob } from '../newsletter.queues';

interface Claimed {
  id: string;
  kind: DeliveryKind;
  digestId: string | null;
  eventIds: string[];
  secret: string | null;
  messageId: string;
  subStatus: SubscriptionStatus;
  subscriptionId: string;
  email: string;
  manage: string | null;
  /** Whether `manage` has at least half of its lifetime left. */
  manageFresh: boolean;
  unsubscribe: string | null;
  language: Language;
  frequency: Frequency;
  bodyId: string;
  slug: string;
  bodyName: string;
  webUrlTemplates: Record<string, string>;
  confirmUrlTemplate: string | null;
  manageUrlTemplate: string | null;
  unsubscribeUrlTemplate: string | null;
  senderName: string | null;
}

export interface MailContext {
  ds: DataSource;
  crypto: NewsletterCrypto;
  mailer: Mailer;
  publicUrl: string;
  staleSendSeconds: number;
  maxBounces: number;
  /** Lifetime of the manage tokens that mails carry. */
  manageTokenDays: number;
}

export type SendOutcome = 'sent' | 'skipped' | 'done' | 'failed';

/** How long after a lease expires a waiting job looks again (clocks of worker and database differ a little). */
const LEASE_MARGIN_MS = 1000;

/** Thrown while another worker holds a fresh claim on the delivery (and the job cannot be delayed): BullMQ retries later. */
export class DeliveryBusy extends Error {}

/**
 * Event contents of recent digests, shared by all of a digest's mails (bounded). Contents never
 * change once recorded, so they are cached for the digest's life; whether an event was
 * withdrawn is not cached: the claim of each mail reads it (see `eventIds` in sendDelivery).
 */
const eventCache = new Map<string, Map<string, DigestEvent>>();

/** The contents of `ids` (events still live when the mail was claimed), in that order. */
async function eventsOf(ds: DataSource, digestId: string, ids: string[]): Promise<DigestEvent[]> {
  let cached = eventCache.get(digestId);
  if (!cached) {
    const rows: { id: string; kind: NewsletterEventKind; payload: EventPayload }[] = await ds.query(
      `SELECT e.id::text AS id, e.kind, e.payload FROM newsletter_digest d JOIN newsletter_event e ON e.body_id = d.body_id AND e.id > d.from_event_id AND e.id <= d.to_event_id
       WHERE d.id = $1 AND e.withdrawn_at IS NULL`,
      [digestId],
    );
    cached = new Map(rows.map((r) => [r.id, r]));
    if (eventCache.size >= 20) eventCache.delete(eventCache.keys().next().value as string);
    eventCache.set(digestId, cached);
  }
  const out: DigestEvent[] = [];
  for (const id of ids) {
    const e = cached.get(String(id));
    if (e) out.push(e);
  }
  return out;
}

/**
 * Sends one delivery exactly once, guarded by its row in the delivery log:
 *
 * 1. claim: `queued` → `sending` (or a `sending` row whose claim is older than the lease,
 *    `staleSendSeconds`: its worker died) in one UPDATE; anyone else finds nothing to claim;
 * 2. SMTP;
 * 3. `sending` → `sent` in one UPDATE.
 *
 * The unavoidable window: a worker that dies after the SMTP server accepted the mail (2) and
 * before (3) commits leaves a `sending` row. When its lease expires the mail is sent again
 * with the same Message-ID, so the receiving side can recognise the repeat (mail stores and
 * most clients collapse equal Message-IDs). We prefer this at-least-once-at-the-wire over
 * losing a mail; the window is a few milliseconds per mail.
 *
 * A job that finds the delivery claimed by someone else waits until that lease expires
 * (moved to delayed, without using up an attempt or growing its backoff) and then looks
 * again: a send interrupted by a killed worker goes out right after its lease. With `token`
 * (the job's lock) absent, it throws DeliveryBusy instead.
 */
export async function sendDelivery(ctx: MailContext, job: Job<MailJob>, token?: string): Promise<SendOutcome> {
  const { ds } = ctx;
  const rows: Claimed[] = await ds.query(
    `WITH c AS (
       UPDATE newsletter_delivery SET status = 'sending', claimed_at = now(), attempts = attempts + 1
       WHERE id = $1 AND (status = 'queued' OR (status = 'sending' AND claimed_at < now() - make_interval(secs => $2)))
       RETURNING id, kind, digest_id, event_ids, secret_ciphertext, message_id, subscription_id
     )
     SELECT c.id, c.kind, c.digest_id AS "digestId", c.secret_ciphertext AS secret, c.message_id AS "messageId",
       -- Only events still public now: news withdrawn after the digest run is not mailed either.
       ARRAY(SELECT e.id::text FROM newsletter_event e WHERE e.id = ANY(c.event_ids) AND e.withdrawn_at IS NULL ORDER BY e.id) AS "eventIds",
       s.id AS "subscriptionId", s.status AS "subStatus", s.email_ciphertext AS email, s.manage_token_ciphertext AS manage,
       coalesce((SELECT max(t.expires_at) FROM newsletter_token t WHERE t.subscription_id = s.id AND t.purpose = 'manage') > now() + make_interval(secs => $3), false) AS "manageFresh",
       s.unsubscribe_token_ciphertext AS unsubscribe, s.language, s.frequency,
       b.id AS "bodyId", b.slug, b.name AS "bodyName", b.web_url_templates AS "webUrlTemplates",
       ns.confirm_url_template AS "confirmUrlTemplate", ns.manage_url_template AS "manageUrlTemplate", ns.unsubscribe_url_template AS "unsubscribeUrlTemplate",
       ns.sender_name AS "senderName"
     FROM c JOIN newsletter_subscription s ON s.id = c.subscription_id JOIN body b ON b.id = s.body_id
     LEFT JOIN newsletter_settings ns ON ns.body_id = s.body_id`,
    [job.data.deliveryId, ctx.staleSendSeconds, (ctx.manageTokenDays * 86400) / 2],
  );
  const d = rows[0];
  if (!d) {
    const state: { status: string; leaseEnds: Date | null }[] = await ds.query(
      `SELECT status, claimed_at + make_interval(secs => $2) AS "leaseEnds" FROM newsletter_delivery WHERE id = $1`,
      [job.data.deliveryId, ctx.staleSendSeconds],
    );
    if (state[0]?.status !== 'sending') return 'done';
    if (!token) throw new DeliveryBusy('delivery is claimed by another worker; retrying later');
    // A moment after the lease, so that the claim then finds it expired.
    await job.moveToDelayed(Math.max(state[0].leaseEnds?.getTime() ?? 0, Date.now()) + LEASE_MARGIN_MS, token);
    throw new DelayedError();
  }
  const mail = await render(ctx, d);
  if (!mail) {
    await ds.query(`UPDATE newsletter_delivery SET status = 'skipped', secret_ciphertext = NULL WHERE id = $1`, [d.id]);
    return 'skipped';
  }
  try {
    await ctx.mailer.send({
      to: ctx.crypto.decrypt(d.email),
      fromName: d.senderName ?? d.bodyName,
      messageId: d.messageId,
      ...mail.mail,
      headers: mail.headers,
    });
  } catch (error) {
    const e = error instanceof MailError ? error : new MailError(error instanceof Error ? error.message : String(error), false);
    const final = e.permanent || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    if (final) {
      await ds.transaction(async (m) => {
        await m.query(`UPDATE newsletter_delivery SET status = 'failed', last_error = $2, secret_ciphertext = NULL WHERE id = $1`, [d.id, e.message]);
        if (e.permanent) {
          // Repeated hard bounces suspend the address: no more mail until it confirms again.
          await m.query(
            `UPDATE newsletter_subscription SET bounce_count = bounce_count + 1,
               status = CASE WHEN bounce_count + 1 >= $2 AND status = 'active' THEN 'suspended'::newsletter_subscription_status ELSE status END,
               suspended_at = CASE WHEN bounce_count + 1 >= $2 AND status = 'active' THEN now() ELSE suspended_at END
             WHERE id = $1`,
            [d.subscriptionId, ctx.maxBounces],
          );
        }
      });
      return 'failed';
    }
    // Temporary: release the claim so the retry (exponential backoff) can take it at once.
    await ds.query(`UPDATE newsletter_delivery SET status = 'queued', last_error = $2 WHERE id = $1`, [d.id, e.message]);
    throw e;
  }
  // One statement: marks the mail sent and, since the address accepts mail, clears its bounces.
  await ds.query(
    `WITH sent AS (
       UPDATE newsletter_delivery SET status = 'sent', sent_at = now(), last_error = NULL, secret_ciphertext = NULL WHERE id = $1 RETURNING subscription_id
     )
     UPDATE newsletter_subscription s SET bounce_count = 0 FROM sent WHERE s.id = sent.subscription_id AND s.bounce_count > 0`,
    [d.id],
  );
  return 'sent';
}

async function render(ctx: MailContext, d: Claimed): Promise<{ mail: RenderedMail; headers: Record<string, string> } | null> {
  const body: BodyView = { slug: d.slug, name: d.bodyName, webUrlTemplates: d.webUrlTemplates };
  const links = new Links(ctx.publicUrl, body, { confirmUrlTemplate: d.confirmUrlTemplate, manageUrlTemplate: d.manageUrlTemplate, unsubscribeUrlTemplate: d.unsubscribeUrlTemplate });
  if (d.kind === 'confirm') {
    // Nothing but confirmation mails before confirmation; none once the link is spent.
    if (!d.secret) return null;
    return { mail: renderConfirm(d.language, body, links, ctx.crypto.decrypt(d.secret)), headers: { 'Auto-Submitted': 'auto-generated' } };
  }
  if (d.subStatus !== 'active' || !d.digestId) return null;
  const events = await eventsOf(ctx.ds, d.digestId, d.eventIds);
  if (!events.length) return null;
  // Usually both are at hand; a subscription from before unsubscribe tokens, or whose manage
  // token is past half its life, gets new ones first (the tokens of a resend stay the same).
  const tokens: MailTokens =
    d.manage && d.manageFresh && d.unsubscribe
      ? { manage: ctx.crypto.decrypt(d.manage), unsubscribe: ctx.crypto.decrypt(d.unsubscribe) }
      : await ctx.ds.transaction(async (m) => {
          // Durable before the mail carries them (this connection commits asynchronously).
          await m.query(`SET LOCAL synchronous_commit = on`);
          return mailTokens(m, ctx.crypto, d.subscriptionId, ctx.manageTokenDays);
        });
  const mail = renderDigest(d.language, d.frequency, body, links, events, tokens);
  if (!mail) return null;
  return {
    mail,
    headers: {
      'List-Unsubscribe': `<${links.unsubscribe(tokens.unsubscribe)}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'List-Id': `<newsletter.${d.slug}.${d.messageId.slice(d.messageId.indexOf('@') + 1)}>`,
      'Auto-Submitted': 'auto-generated',
      Precedence: 'bulk',
    },
  };
}
