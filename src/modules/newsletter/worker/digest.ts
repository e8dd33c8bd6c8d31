import type { DataSource } from 'typeorm';
import type { NewsletterConfig } from '../../../config/config';
import type { NewsletterCrypto } from '../newsletter.crypto';
import type { Frequency } from '../newsletter.entities';
import type { NewsletterQueues } from '../newsletter.queues';
import { ENDED_MANAGE_TOKEN_DAYS } from '../newsletter.tokens';

const TICK_LOCK = 7_301_002;
const ENQUEUE_CHUNK = 2000;

interface Pending {
  bodyId: string;
  frequency: Frequency;
  fromId: string;
  toId: string;
  firstAt: Date;
  lastAt: Date;
}

const BERLIN = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' });

/** Local date, hour and ISO weekday/week in Europe/Berlin. */
export function berlinClock(now: Date): { date: string; hour: number; isoDay: number; isoWeek: string } {
  const parts = Object.fromEntries(BERLIN.formatToParts(now).map((p) => [p.type, p.value]));
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  const day = new Date(`${date}T00:00:00Z`);
  const isoDay = ((day.getUTCDay() + 6) % 7) + 1;
  const thursday = new Date(day.getTime() + (4 - isoDay) * 86_400_000);
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((thursday.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return { date, hour: Number(parts.hour), isoDay, isoWeek: `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}` };
}

/** The digest period that is due now for this frequency, or null. */
function duePeriod(p: Pending, config: NewsletterConfig, now: Date): string | null {
  const clock = berlinClock(now);
  switch (p.frequency) {
    case 'immediate': {
      // Quiet for a while, or waiting too long already: one busy afternoon is one mail.
      const quiet = now.getTime() - p.lastAt.getTime() >= config.immediateQuietSeconds * 1000;
      const overdue = now.getTime() - p.firstAt.getTime() >= config.immediateMaxDelaySeconds * 1000;
      return quiet || overdue ? `e${p.toId}` : null;
    }
    case 'daily':
      return clock.hour >= config.digestHour ? clock.date : null;
    case 'weekly':
      return clock.isoDay > config.weeklyDay || (clock.isoDay === config.weeklyDay && clock.hour >= config.digestHour) ? clock.isoWeek : null;
  }
}

/**
 * The scheduler tick: opens the digests that are due, one per body, frequency and period,
 * each covering the newsletter events since the previous digest of that frequency. Runs under
 * an advisory lock so overlapping ticks cannot cut overlapping ranges. Returns the new digest ids.
 */
export async function openDueDigests(ds: DataSource, config: NewsletterConfig, now = new Date()): Promise<string[]> {
  return ds.transaction(async (m) => {
    const [{ locked }]: { locked: boolean }[] = await m.query(`SELECT pg_try_advisory_xact_lock($1) AS locked`, [TICK_LOCK]);
    if (!locked) return [];
    const pending: Pending[] = await m.query(
      `SELECT d.body_id AS "bodyId", d.frequency, d.from_id::text AS "fromId", agg.to_id::text AS "toId", agg.first_at AS "firstAt", agg.last_at AS "lastAt"
       FROM (
         SELECT a.body_id, a.frequency,
           coalesce((SELECT max(nd.to_event_id) FROM newsletter_digest nd WHERE nd.body_id = a.body_id AND nd.frequency = a.frequency), 0) AS from_id
         FROM (SELECT DISTINCT s.body_id, s.frequency FROM newsletter_subscription s WHERE s.status = 'active') a
       ) d
       CROSS JOIN LATERAL (
         SELECT max(e.id) AS to_id, min(e.created_at) AS first_at, max(e.created_at) AS last_at
         FROM newsletter_event e WHERE e.body_id = d.body_id AND e.id > d.from_id
       ) agg
       WHERE agg.to_id IS NOT NULL`,
    );
    const created: string[] = [];
    for (const p of pending) {
      const period = duePeriod(p, config, now);
      if (!period) continue;
      const rows: { id: string }[] = await m.query(
        `INSERT INTO newsletter_digest (body_id, frequency, period, from_event_id, to_event_id) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (body_id, frequency, period) DO NOTHING RETURNING id`,
        [p.bodyId, p.frequency, period, p.fromId, p.toId],
      );
      if (rows[0]) created.push(rows[0].id);
    }
    return created;
  });
}

/**
 * A digest run: one delivery row per subscriber with matching events (topics matched in SQL,
 * set-wise), then one mail job per row. Re-running it adds nothing twice: rows are unique per
 * (subscription, digest) and job ids are derived from row ids.
 */
export async function runDigest(ds: DataSource, queues: NewsletterQueues, digestId: string, mailDomain: string): Promise<number> {
  const digests: { bodyId: string; frequency: Frequency; fromId: string; toId: string; enqueuedAt: Date | null }[] = await ds.query(
    `SELECT body_id AS "bodyId", frequency, from_event_id::text AS "fromId", to_event_id::text AS "toId", enqueued_at AS "enqueuedAt" FROM newsletter_digest WHERE id = $1`,
    [digestId],
  );
  const d = digests[0];
  if (!d || d.enqueuedAt) return 0;
  await ds.query(
    `WITH ev AS MATERIALIZED (
       SELECT e.id, e.committee_ids, e.document_type, e.search_text, e.payload ? 'committeeOnly' AS committee_only
       FROM newsletter_event e WHERE e.body_id = $2 AND e.id > $4 AND e.id <= $5 AND e.withdrawn_at IS NULL
     ), matched AS (
       SELECT gen_random_uuid() AS id, s.id AS subscription_id, m.ids
       FROM newsletter_subscription s
       CROSS JOIN LATERAL (
         SELECT array_agg(ev.id ORDER BY ev.id) AS ids FROM ev
         WHERE ev.id > s.start_event_id
           AND (s.all_topics
             OR ev.committee_ids && s.committee_ids
             OR (NOT ev.committee_only AND (ev.document_type = ANY(s.document_types)
               OR EXISTS (SELECT 1 FROM unnest(s.keywords) k WHERE strpos(ev.search_text, k) > 0))))
       ) m
       WHERE s.body_id = $2 AND s.frequency = $3 AND s.status = 'active' AND m.ids IS NOT NULL
     )
     INSERT INTO newsletter_delivery (id, subscription_id, kind, digest_id, dedupe_key, event_ids, message_id)
     SELECT id, subscription_id, 'digest', $1::uuid, 'digest:' || $1::text, ids, id::text || '@' || $6::text FROM matched
     ON CONFLICT (subscription_id, dedupe_key) DO NOTHING`,
    [digestId, d.bodyId, d.frequency, d.fromId, d.toId, mailDomain],
  );
  let after = '00000000-0000-0000-0000-000000000000';
  let total = 0;
  for (;;) {
    const rows: { id: string }[] = await ds.query(
      `SELECT id FROM newsletter_delivery WHERE digest_id = $1 AND status = 'queued' AND id > $2 ORDER BY id LIMIT $3`,
      [digestId, after, ENQUEUE_CHUNK],
    );
    if (!rows.length) break;
    await queues.addMail(rows.map((r) => r.id));
    total += rows.length;
    after = rows[rows.length - 1].id;
  }
  await ds.query(`UPDATE newsletter_digest SET enqueued_at = now() WHERE id = $1`, [digestId]);
  return total;
}

/** Subscriptions re-encrypted per run (see rekey). */
const REKEY_BATCH = 500;

/**
 * Privacy housekeeping: unconfirmed subscriptions go after seven days, used and expired
 * confirmation tokens after a day, ended manage tokens after ENDED_MANAGE_TOKEN_DAYS, old
 * events and delivery logs after their retention; up to `rekeyBatch` rows under an old key
 * are re-encrypted with the active one (returns how many).
 */
export async function housekeeping(ds: DataSource, crypto: NewsletterCrypto, rekeyBatch = REKEY_BATCH): Promise<number> {
  await ds.query(`DELETE FROM newsletter_subscription WHERE status = 'pending' AND created_at < now() - interval '7 days' AND modified_at < now() - interval '7 days'`);
  await ds.query(`DELETE FROM newsletter_token WHERE purpose = 'confirm' AND expires_at < now() - interval '1 day'`);
  await ds.query(`DELETE FROM newsletter_token WHERE purpose = 'manage' AND expires_at < now() - make_interval(days => $1)`, [ENDED_MANAGE_TOKEN_DAYS]);
  await ds.query(`DELETE FROM newsletter_event WHERE created_at < now() - interval '35 days'`);
  await ds.query(`DELETE FROM newsletter_digest WHERE created_at < now() - interval '180 days'`);
  await ds.query(`DELETE FROM newsletter_delivery WHERE created_at < now() - interval '180 days'`);
  return rekey(ds, crypto, rekeyBatch);
}

/**
 * Housekeeping for the scheduler tick. Its deletes scan by age, so they run at most once an
 * hour (per worker process; the first tick after start runs them). Re-encryption goes on with
 * every tick while a key rotation is under way (the last batch was full), then waits for the
 * hourly run again.
 */
export class Housekeeper {
  private lastRun: number | null = null;
  private rekeying = false;

  constructor(
    private readonly ds: DataSource,
    private readonly crypto: NewsletterCrypto,
    private readonly options: { everyMs?: number; rekeyBatch?: number } = {},
  ) {}

  async tick(now = Date.now()): Promise<void> {
    const batch = this.options.rekeyBatch ?? REKEY_BATCH;
    if (this.lastRun === null || now - this.lastRun >= (this.options.everyMs ?? 3_600_000)) {
      this.rekeying = (await housekeeping(this.ds, this.crypto, batch)) >= batch;
      this.lastRun = now;
    } else if (this.rekeying) {
      this.rekeying = (await rekey(this.ds, this.crypto, batch)) >= batch;
    }
  }
}

/** Re-encrypts up to `limit` subscriptions still under an old key; returns how many. */
export async function rekey(ds: DataSource, crypto: NewsletterCrypto, limit = REKEY_BATCH): Promise<number> {
  if (!crypto.enabled) return 0;
  const rows: { id: string; email: string; manage: string | null; unsubscribe: string | null }[] = await ds.query(
    `SELECT id, email_ciphertext AS email, manage_token_ciphertext AS manage, unsubscribe_token_ciphertext AS unsubscribe FROM newsletter_subscription WHERE key_id <> $1 LIMIT $2`,
    [crypto.activeKeyId, limit],
  );
  const again = (blob: string | null): string | null => (blob ? crypto.encrypt(crypto.decrypt(blob)) : null);
  for (const r of rows) {
    const email = crypto.decrypt(r.email);
    await ds.query(
      `UPDATE newsletter_subscription SET key_id = $2, email_hash = $3, email_ciphertext = $4, manage_token_ciphertext = $5, unsubscribe_token_ciphertext = $6 WHERE id = $1`,
      [r.id, crypto.activeKeyId, crypto.hash(email), crypto.encrypt(email), again(r.manage), again(r.unsubscribe)],
    );
  }
  return rows.length;
}
