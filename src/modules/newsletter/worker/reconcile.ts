import type { DataSource } from 'typeorm';
import type { ChangeJob } from '../../../infra/queue/queues';
import { MAIL_JOB_OPTIONS, type NewsletterQueues } from '../newsletter.queues';

const RECONCILE_LOCK = 7_301_003;
/** Rows per query and per Redis round trip. */
const BATCH = 1000;
/** Digest runs checked per pass (open runs are few: one per body, frequency and period). */
const DIGESTS = 100;
/**
 * A delivery whose sends were interrupted this often (each claim counts) is given up: something
 * about it kills its worker or its send every time.
 */
export const MAX_CLAIMS = MAIL_JOB_OPTIONS.attempts * 2;
/**
 * Backlog rows younger than this are left alone: their jobs were added before the rows were
 * committed, so a younger row only stands for a job that is running or just ended.
 */
export const BACKLOG_GRACE_SECONDS = 10;

export interface Reconciled {
  /** Change events of the backlog whose job was (re)added. */
  changes: number;
  /** Digest runs whose job was (re)added. */
  digests: number;
  /** Deliveries waiting to be sent whose job was (re)added. */
  queued: number;
  /** Interrupted sends (lease expired) whose job was (re)added. */
  interrupted: number;
  /** Interrupted sends recorded as failed (MAX_CLAIMS). */
  failed: number;
}

/**
 * PostgreSQL is the truth, Redis may have lost anything: every change event of the backlog
 * (older than BACKLOG_GRACE_SECONDS), every digest run not yet enqueued, every delivery still
 * `queued`, and every send whose lease expired (`sending`, its worker died) gets its BullMQ job
 * back unless that job exists and is still to run. Job ids are derived from the row ids, so
 * adding one again is a no-op while it exists; the snapshots in change-consumer.ts and the
 * claim in mail.processor.ts make a second job of one event or delivery harmless. Bounded batches over the partial index of pending
 * deliveries; one pass at a time across workers (an advisory lock). Returns what it did, or
 * null when another worker's pass was running.
 */
export async function reconcile(ds: DataSource, queues: NewsletterQueues, leaseSeconds: number): Promise<Reconciled | null> {
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    const lock = (await runner.query(`SELECT pg_try_advisory_lock($1) AS locked`, [RECONCILE_LOCK])) as { locked: boolean }[];
    const locked = lock[0].locked;
    if (!locked) return null;
    try {
      const done: Reconciled = { changes: 0, digests: 0, queued: 0, interrupted: 0, failed: 0 };
      // News first: its newsletter events feed the digest runs below.
      for (let after = '0'; ; ) {
        const changes: ChangeJob[] = await ds.query(
          `SELECT e.id::text AS "eventId", e.body_id AS "bodyId", e.resource, e.resource_id AS "resourceId", e.action,
             e.audience_before AS "audienceBefore", e.audience_after AS "audienceAfter", e.request_id AS "requestId"
           FROM newsletter_backlog b JOIN change_event e ON e.id = b.change_event_id
           WHERE b.change_event_id > $1 AND b.queued_at < now() - make_interval(secs => $3) ORDER BY b.change_event_id LIMIT $2`,
          [after, BATCH, BACKLOG_GRACE_SECONDS],
        );
        if (!changes.length) break;
        done.changes += (await queues.ensureChanges(changes)).length;
        if (changes.length < BATCH) break;
        after = changes[changes.length - 1].eventId;
      }
      const digests: { id: string }[] = await ds.query(`SELECT id FROM newsletter_digest WHERE enqueued_at IS NULL ORDER BY created_at LIMIT $1`, [DIGESTS]);
      done.digests = (await queues.ensureDigests(digests.map((d) => d.id))).length;

      // Interrupted sends: the lease expiring is the signal (see sendDelivery).
      const given: { id: string }[] = await ds.query(
        `WITH given AS (
           UPDATE newsletter_delivery SET status = 'failed', last_error = 'interrupted ' || attempts || ' times', secret_ciphertext = NULL
           WHERE status = 'sending' AND claimed_at < now() - make_interval(secs => $1) AND attempts >= $2 RETURNING id
         )
         SELECT id FROM given`,
        [leaseSeconds, MAX_CLAIMS],
      );
      done.failed = given.length;
      done.interrupted = await eachBatch(
        ds,
        `SELECT id FROM newsletter_delivery WHERE status = 'sending' AND id > $1 AND claimed_at < now() - make_interval(secs => $3) ORDER BY id LIMIT $2`,
        [leaseSeconds],
        (ids) => queues.ensureMail(ids),
      );
      done.queued = await eachBatch(ds, `SELECT id FROM newsletter_delivery WHERE status = 'queued' AND id > $1 ORDER BY id LIMIT $2`, [], async (ids) => {
        const added = await queues.ensureMail(ids);
        if (added.length) await ds.query(`UPDATE newsletter_delivery SET enqueued_at = now() WHERE id = ANY($1::uuid[]) AND enqueued_at IS NULL`, [added]);
        return added;
      });
      return done;
    } finally {
      await runner.query(`SELECT pg_advisory_unlock($1)`, [RECONCILE_LOCK]);
    }
  } finally {
    await runner.release();
  }
}

/** Keyset batches of ids (`$1` the last id, `$2` the batch size); returns how many `handle` re-added. */
async function eachBatch(ds: DataSource, sql: string, params: unknown[], handle: (ids: string[]) => Promise<string[]>): Promise<number> {
  let after = '00000000-0000-0000-0000-000000000000';
  let count = 0;
  for (;;) {
    const rows: { id: string }[] = await ds.query(sql, [after, BATCH, ...params]);
    if (!rows.length) return count;
    count += (await handle(rows.map((r) => r.id))).length;
    if (rows.length < BATCH) return count;
    after = rows[rows.length - 1].id;
  }
}
