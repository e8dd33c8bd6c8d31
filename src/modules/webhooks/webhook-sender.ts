import { Logger } from '@nestjs/common';
import { Pool } from 'pg';
import { request, type Dispatcher } from 'undici';
import type { Audience } from '../../common/access/access';
import type { AppConfig } from '../../config/config';
import { inTransaction } from '../../infra/database/pool';
import { isRefusedAddress, outboundAgent } from '../../infra/http/outbound';
import type { ChangeJob } from '../../infra/queue/queues';
import type { RelayRecorder } from '../../infra/queue/relay-recorder';
import { eventFor, matchesTypes, resourceUrl, WebhookPayload } from './webhook-events';
import { WebhookSecretRing } from './webhook-secrets';
import { signatureHeader } from './webhook-signing';

/** Bytes of a response body kept in the delivery log. */
const RESPONSE_KEEP = 1024;
/** How long a claimed delivery stays leased to a worker (beyond the request timeout). */
const LEASE_SECONDS = 60;
const CLAIM_BATCH = 100;
/** Subscriptions sealed or re-sealed per transaction (see sealSecrets). */
const SEAL_BATCH = 50;
/** How often the worker looks for secrets to seal or re-seal. */
const SEAL_EVERY_MS = 60_000;

interface SubscriptionRow {
  id: string;
  body_id: string;
  slug: string;
  event_types: string[];
  audience: Audience;
}

interface DueRow {
  id: string;
  subscription_id: string;
  payload: WebhookPayload;
  attempts: number;
  url: string;
  key_id: string | null;
  /** Plaintext (a row not yet sealed) or sealed; the previous secret only within its grace period. */
  secret: string | null;
  secret_sealed: Buffer | null;
  previous_secret: string | null;
  previous_secret_sealed: Buffer | null;
}

interface Outcome {
  ok: boolean;
  statusCode: number | null;
  durationMs: number;
  error: string | null;
  responseBody: string | null;
}

/**
 * The worker side of webhooks. The outbox relay records one delivery per matching enabled
 * subscription and change event (`recorder`, in the relay's transaction; unique per pair, so
 * nothing is recorded twice); a lease loop claims due deliveries in PostgreSQL (several workers
 * share the work), sends them signed (Standard Webhooks), logs each attempt, and schedules the
 * next one with exponential backoff and jitter. PostgreSQL holds all of it: Redis plays no
 * part, and a worker that dies mid-send leaves a lease that expires and the delivery is sent
 * again with the same `webhook-id`. Signing secrets are opened per delivery from their sealed
 * form (WEBHOOK_KEYS); deliveries of a subscription whose key is not configured are not
 * claimed, so they wait rather than fail.
 */
export class WebhookSender {
  private readonly logger = new Logger('webhooks');
  readonly pool: Pool;
  private readonly agent: Dispatcher;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private failing = false;
  private readonly secrets: WebhookSecretRing;
  private sealTimer: NodeJS.Timeout | null = null;
  private sealing: Promise<unknown> | null = null;
  /** What was logged about secrets that cannot be sealed or opened (once each). */
  private readonly reported = new Set<string>();

  constructor(private readonly config: AppConfig) {
    this.pool = new Pool({ connectionString: config.databaseUrl, max: Math.min(config.webhooks.concurrency, 8) + 1, application_name: 'ratsinfo-webhooks' });
    this.pool.on('error', () => undefined);
    this.agent = outboundAgent(config.webhooks.allowPrivateNetworks);
    this.secrets = new WebhookSecretRing(config.webhooks.keys);
  }

  start(): void {
    this.stopped = false;
    this.timer ??= setInterval(() => this.kick(), this.config.webhooks.pollMs);
    this.timer.unref();
    this.sealTimer ??= setInterval(() => this.sealInBackground(), SEAL_EVERY_MS);
    this.sealTimer.unref();
    this.sealInBackground();
    this.kick();
  }

  private sealInBackground(): void {
    if (this.stopped || this.sealing) return;
    this.sealing = this.sealSecrets()
      .catch((error: unknown) => this.logger.warn(`sealing webhook secrets failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => (this.sealing = null));
  }

  /**
   * Seals the secrets of subscriptions made before they were stored sealed (and empties their
   * plaintext columns), and re-seals those under an older server key with the active one after
   * a key rotation, in batches of SEAL_BATCH rows (each its own short transaction, rows locked as
   * the API's changes lock them); returns how many rows were written. Rows under a key that
   * WEBHOOK_KEYS no longer lists are left alone and logged once: their deliveries wait.
   */
  async sealSecrets(batch = SEAL_BATCH): Promise<number> {
    await this.reportUnopenable();
    if (!this.secrets.enabled) return 0;
    let total = 0;
    for (;;) {
      const done = await inTransaction(this.pool, async (client) => {
        const { rows } = await client.query<{
          id: string;
          secret: string | null;
          previous_secret: string | null;
          key_id: string | null;
          secret_sealed: Buffer | null;
          previous_secret_sealed: Buffer | null;
          previous_valid: boolean;
        }>(
          `SELECT id, secret, previous_secret, secret_key_id AS key_id, secret_sealed, previous_secret_sealed, coalesce(previous_secret_until > now(), false) AS previous_valid
           FROM webhook_subscription
           WHERE (secret IS NOT NULL OR previous_secret IS NOT NULL OR secret_key_id <> $1) AND (secret_key_id IS NULL OR secret_key_id = ANY($2::text[]))
           ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED`,
          [this.secrets.activeKeyId, this.secrets.keyIds, batch],
        );
        for (const r of rows) {
          // The CHECK of the table holds a current secret in one of its two forms.
          const secret = this.secrets.reveal(r.id, 'secret', { plain: r.secret, keyId: r.key_id, sealed: r.secret_sealed }) as string;
          // A previous secret past its grace period signs nothing any more: it is dropped, not sealed.
          const previous = r.previous_valid ? this.secrets.reveal(r.id, 'previous_secret', { plain: r.previous_secret, keyId: r.key_id, sealed: r.previous_secret_sealed }) : null;
          await client.query(`UPDATE webhook_subscription SET secret = NULL, previous_secret = NULL, secret_key_id = $2, secret_sealed = $3, previous_secret_sealed = $4 WHERE id = $1`, [
            r.id,
            this.secrets.activeKeyId,
            this.secrets.seal(r.id, 'secret', secret),
            previous === null ? null : this.secrets.seal(r.id, 'previous_secret', previous),
          ]);
        }
        return rows.length;
      });
      total += done;
      if (done < batch || this.stopped) return total;
    }
  }

  /** Logs once per key what cannot be sealed or opened with the configured keys. */
  private async reportUnopenable(): Promise<void> {
    const { rows } = await this.pool.query<{ key_id: string | null; n: number }>(
      `SELECT secret_key_id AS key_id, count(*)::int AS n FROM webhook_subscription
       WHERE ($1 AND secret_key_id IS NULL) OR secret_key_id <> ALL($2::text[]) GROUP BY 1`,
      [!this.secrets.enabled, this.secrets.keyIds],
    );
    for (const { key_id: keyId, n } of rows) {
      if (this.reported.has(keyId ?? '')) continue;
      this.reported.add(keyId ?? '');
      if (keyId === null) {
        this.logger.warn(`WEBHOOK_KEYS is not set: the signing secrets of ${n} webhook subscription(s) stay unsealed until it is`);
      } else {
        this.logger.error(
          `the signing secrets of ${n} webhook subscription(s) are sealed by server key "${keyId}", which WEBHOOK_KEYS does not list: their deliveries wait until the key is configured again (or the secret is rotated)`,
        );
      }
    }
  }

  readonly recorder: RelayRecorder = {
    record: async (manager, events) => {
      const bodies = [...new Set(events.map((e) => e.bodyId))];
      const subscriptions: SubscriptionRow[] = await manager.query(
        `SELECT s.id, s.body_id, b.slug, s.event_types, s.audience FROM webhook_subscription s JOIN body b ON b.id = s.body_id
         WHERE s.enabled AND s.body_id = ANY($1::uuid[])`,
        [bodies],
      );
      if (!subscriptions.length) return;
      const times: { id: string; at: Date }[] = await manager.query(`SELECT id::text, occurred_at AS at FROM change_event WHERE id = ANY($1::bigint[])`, [events.map((e) => e.eventId)]);
      const occurred = new Map(times.map((t) => [t.id, t.at.toISOString()]));
      const rows = events.flatMap((event) => subscriptions.filter((s) => s.body_id === event.bodyId).flatMap((s) => this.delivery(s, event, occurred.get(event.eventId))));
      if (!rows.length) return;
      await manager.query(
        `INSERT INTO webhook_delivery (subscription_id, change_event_id, type, payload)
         SELECT * FROM unnest($1::uuid[], $2::bigint[], $3::text[], $4::jsonb[])
         ON CONFLICT (subscription_id, change_event_id) DO NOTHING`,
        [rows.map((r) => r.subscription), rows.map((r) => r.event), rows.map((r) => r.payload.type), rows.map((r) => JSON.stringify(r.payload))],
      );
    },
    relayed: () => this.kick(),
  };

  private delivery(s: SubscriptionRow, event: ChangeJob, at: string | undefined): { subscription: string; event: string; payload: WebhookPayload }[] {
    const seen = eventFor(event, s.audience);
    if (!seen) return [];
    const type = `${event.resource}.${seen.action}`;
    if (!matchesTypes(s.event_types, type)) return [];
    const url = seen.visibleAfter ? resourceUrl(this.config.publicUrl, s.slug, event.resource, event.resourceId) : null;
    return [
      {
        subscription: s.id,
        event: event.eventId,
        payload: { type, timestamp: at ?? new Date().toISOString(), data: { body: s.slug, resource: event.resource, id: event.resourceId, action: seen.action, url } },
      },
    ];
  }

  /** Sends what is due now (again right after, when more became due meanwhile). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .then(() => {
        if (this.failing) this.logger.log('webhook deliveries resumed');
        this.failing = false;
      })
      .catch((error: unknown) => {
        if (!this.failing) this.logger.warn(`webhook deliveries deferred: ${error instanceof Error ? error.message : String(error)}`);
        this.failing = true;
      })
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Claims and sends due deliveries until none is left; returns how many were attempted. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      if (this.stopped) return total;
      const due = await this.claim();
      if (!due.length) return total;
      let next = 0;
      const lanes = Array.from({ length: Math.min(this.config.webhooks.concurrency, due.length) }, async () => {
        while (next < due.length) await this.attempt(due[next++]);
      });
      await Promise.all(lanes);
      total += due.length;
    }
  }

  private async claim(): Promise<DueRow[]> {
    const { rows } = await this.pool.query<DueRow>(
      `UPDATE webhook_delivery d SET locked_until = now() + make_interval(secs => $1)
       FROM webhook_subscription s
       WHERE d.id IN (
         SELECT d2.id FROM webhook_delivery d2 JOIN webhook_subscription s2 ON s2.id = d2.subscription_id
         WHERE d2.status = 'pending' AND d2.next_attempt_at <= now() AND (d2.locked_until IS NULL OR d2.locked_until < now()) AND s2.enabled
           AND (s2.secret IS NOT NULL OR s2.secret_key_id = ANY($3::text[]))
         ORDER BY d2.next_attempt_at LIMIT $2 FOR UPDATE OF d2 SKIP LOCKED)
         AND s.id = d.subscription_id
       RETURNING d.id, d.subscription_id, d.payload, d.attempts, s.url, s.secret_key_id AS key_id, s.secret, s.secret_sealed,
         CASE WHEN s.previous_secret_until > now() THEN s.previous_secret END AS previous_secret,
         CASE WHEN s.previous_secret_until > now() THEN s.previous_secret_sealed END AS previous_secret_sealed`,
      [LEASE_SECONDS + Math.ceil(this.config.webhooks.timeoutMs / 1000), CLAIM_BATCH, this.secrets.keyIds],
    );
    return rows;
  }

  /** The secrets that sign a delivery: the current one, and the previous one within its grace period. */
  private signingSecrets(row: DueRow): string[] {
    const current = this.secrets.reveal(row.subscription_id, 'secret', { plain: row.secret, keyId: row.key_id, sealed: row.secret_sealed });
    const previous = this.secrets.reveal(row.subscription_id, 'previous_secret', { plain: row.previous_secret, keyId: row.key_id, sealed: row.previous_secret_sealed });
    return [current, previous].filter((s): s is string => s !== null);
  }

  private async attempt(row: DueRow): Promise<void> {
    let secrets: string[];
    try {
      secrets = this.signingSecrets(row);
    } catch (error) {
      // Not the target's failure: no attempt is counted, and the lease runs out before the delivery is tried again.
      const message = `webhook subscription ${row.subscription_id}: its signing secret cannot be opened (${error instanceof Error ? error.message : String(error)}); its deliveries wait`;
      if (!this.reported.has(message)) this.logger.error(message);
      this.reported.add(message);
      return;
    }
    const outcome = await this.send(row, secrets);
    const { retryDelaysMs, disableAfterFailedMessages, disableAfterHours } = this.config.webhooks;
    const attempts = row.attempts + 1;
    if (outcome.ok) {
      // The usual case in one statement (one round trip, atomic): the attempt logged, the delivery done, the failure count reset.
      await this.pool.query(
        `WITH logged AS (INSERT INTO webhook_attempt (delivery_id, status_code, duration_ms, error, response_body) VALUES ($1, $3, $4, NULL, $5)),
              done AS (UPDATE webhook_delivery SET status = 'delivered', attempts = $6, finished_at = now(), locked_until = NULL WHERE id = $1)
         UPDATE webhook_subscription SET failed_messages = 0, failing_since = NULL WHERE id = $2 AND (failed_messages <> 0 OR failing_since IS NOT NULL)`,
        [row.id, row.subscription_id, outcome.statusCode, outcome.durationMs, outcome.responseBody, attempts],
      );
      return;
    }
    await inTransaction(this.pool, async (client) => {
      await client.query(`INSERT INTO webhook_attempt (delivery_id, status_code, duration_ms, error, response_body) VALUES ($1, $2, $3, $4, $5)`, [
        row.id,
        outcome.statusCode,
        outcome.durationMs,
        outcome.error,
        outcome.responseBody,
      ]);
      if (attempts > retryDelaysMs.length) {
        await client.query(`UPDATE webhook_delivery SET status = 'failed', attempts = $2, finished_at = now(), locked_until = NULL WHERE id = $1`, [row.id, attempts]);
        await client.query(`UPDATE webhook_subscription SET failed_messages = failed_messages + 1, failing_since = coalesce(failing_since, now()) WHERE id = $1`, [row.subscription_id]);
      } else {
        const delay = withJitter(retryDelaysMs[attempts - 1]);
        await client.query(`UPDATE webhook_delivery SET attempts = $2, next_attempt_at = now() + make_interval(secs => $3), locked_until = NULL WHERE id = $1`, [row.id, attempts, delay / 1000]);
        await client.query(`UPDATE webhook_subscription SET failing_since = coalesce(failing_since, now()) WHERE id = $1`, [row.subscription_id]);
      }
      // Disabling changes what editors read of the subscription, so it moves its version on; the failure counts above do not.
      const disabled = (
        await client.query<{ id: string }>(
          `UPDATE webhook_subscription SET enabled = false, disabled_at = now(), version = version + 1,
             disabled_reason = CASE WHEN failed_messages >= $2 THEN format('%s consecutive messages failed on every attempt; last error: %s', failed_messages, $4::text)
                                    ELSE format('deliveries failed for more than %s hours; last error: %s', $3::int, $4::text) END
           WHERE id = $1 AND enabled AND (failed_messages >= $2 OR failing_since < now() - make_interval(hours => $3)) RETURNING id`,
          [row.subscription_id, disableAfterFailedMessages, disableAfterHours, outcome.error ?? `HTTP ${outcome.statusCode}`],
        )
      ).rows;
      if (disabled.length) this.logger.warn(`webhook subscription ${row.subscription_id} disabled after repeated failures`);
    });
  }

  private async send(row: DueRow, secrets: string[]): Promise<Outcome> {
    const body = JSON.stringify(row.payload);
    const id = `msg_${row.id}`;
    const timestamp = Math.floor(Date.now() / 1000);
    const started = performance.now();
    const duration = (): number => Math.round(performance.now() - started);
    try {
      const response = await request(row.url, {
        method: 'POST',
        dispatcher: this.agent,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'ratsinfo-webhooks',
          'webhook-id': id,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': signatureHeader(secrets, id, timestamp, body),
        },
        body,
        headersTimeout: this.config.webhooks.timeoutMs,
        bodyTimeout: this.config.webhooks.timeoutMs,
        signal: AbortSignal.timeout(this.config.webhooks.timeoutMs),
      });
      const responseBody = await readSome(response.body);
      const ok = response.statusCode >= 200 && response.statusCode < 300;
      return { ok, statusCode: response.statusCode, durationMs: duration(), error: ok ? null : `HTTP ${response.statusCode}`, responseBody };
    } catch (error) {
      return { ok: false, statusCode: null, durationMs: duration(), error: describe(error, this.config.webhooks.timeoutMs), responseBody: null };
    }
  }

  async close(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.sealTimer) clearInterval(this.sealTimer);
    this.timer = null;
    this.sealTimer = null;
    await this.running;
    await this.sealing;
    await this.agent.close();
    await this.pool.end();
  }
}

/** ±20 % around the delay, so that many failing deliveries do not retry in step. */
function withJitter(ms: number): number {
  return Math.round(ms * (0.8 + Math.random() * 0.4));
}

/** The first KB of a response body (as text); the rest is discarded unread. */
async function readSome(body: Dispatcher.ResponseData['body']): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buffer = chunk as Buffer;
    chunks.push(buffer);
    size += buffer.length;
    if (size >= RESPONSE_KEEP) break;
  }
  body.destroy();
  if (!size) return null;
  return Buffer.concat(chunks).subarray(0, RESPONSE_KEEP).toString('utf8');
}

function describe(error: unknown, timeoutMs: number): string {
  if (isRefusedAddress(error)) return 'refused: the target resolves to an address that is not public (WEBHOOK_ALLOW_PRIVATE_NETWORKS)';
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'HeadersTimeoutError' || name === 'BodyTimeoutError') return `timeout after ${timeoutMs} ms`;
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error instanceof Error ? error.message : String(error)}${cause}`.slice(0, 500);
}
