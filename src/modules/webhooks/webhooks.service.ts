import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import { DataSource, EntityManager } from 'typeorm';
import type { Caller, Scope } from '../../common/access/access';
import { visibilityFor } from '../../common/access/access';
import { FieldError, Problem } from '../../common/http/problem';
import type { Page } from '../../common/pagination/page.dto';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { addressCheck } from '../../infra/http/outbound';
import { writeVersioned } from '../changes/versioned-row';
import { CreateWebhookDto, UpdateWebhookDto, WebhookAudience, WebhookDeliveryDto, WebhookDto, WebhookWithSecretDto } from './dto/webhooks.dto';
import { AUDIENCE_OF, EVENT_TYPE_PATTERN, VISIBILITY_OF } from './webhook-events';
import { WebhookSecretRing } from './webhook-secrets';
import { newSecret } from './webhook-signing';

interface SubscriptionRow {
  id: string;
  url: string;
  event_types: string[];
  audience: 0 | 1 | 2;
  description: string | null;
  enabled: boolean;
  disabled_reason: string | null;
  disabled_at: Date | null;
  previous_secret_until: Date | null;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = 'id, url, event_types, audience, description, enabled, disabled_reason, disabled_at, previous_secret_until, created_at, updated_at';

/**
 * The version of a subscription (ETag and If-Match of its editors): moved on by every change of
 * what it shows, also when the sender disables it, not by the sender's failure counts.
 */
export const WEBHOOK_VERSION = 'SELECT version FROM webhook_subscription WHERE body_id = $1 AND id = $2';
const RANK: Record<WebhookAudience, number> = { public: 0, member: 1, staff: 2 };

function toDto(row: SubscriptionRow): WebhookDto {
  return {
    id: row.id,
    url: row.url,
    eventTypes: row.event_types,
    audience: VISIBILITY_OF[row.audience],
    description: row.description,
    enabled: row.enabled,
    disabledReason: row.disabled_reason,
    disabledAt: row.disabled_at?.toISOString() ?? null,
    previousSecretUntil: row.previous_secret_until && row.previous_secret_until > new Date() ? row.previous_secret_until.toISOString() : null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/**
 * Webhook subscriptions of a body, managed by its editor keys (and admins). Each belongs to
 * the key that created it; what it receives is bounded by what that key may see.
 */
@Injectable()
export class WebhooksService {
  private readonly secrets: WebhookSecretRing;

  constructor(
    private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.secrets = new WebhookSecretRing(config.webhooks.keys);
  }

  async list(scope: Scope): Promise<Page<WebhookDto>> {
    const rows: SubscriptionRow[] = await this.ds.query(`SELECT ${COLUMNS} FROM webhook_subscription WHERE body_id = $1 ORDER BY created_at, id`, [scope.body.id]);
    return { data: rows.map(toDto), links: { self: `${this.config.publicUrl}/v1/bodies/${scope.body.slug}/webhooks` } };
  }

  async get(scope: Scope, id: string): Promise<WebhookDto> {
    return toDto(await this.row(scope, id));
  }

  async create(scope: Scope, input: CreateWebhookDto): Promise<WebhookWithSecretDto> {
    const audience = input.audience ?? 'public';
    this.check(scope.caller, scope.body.id, { ...input, audience });
    this.configured();
    // The id is made here: the sealed secret is bound to it.
    const id = randomUUID();
    const secret = newSecret();
    const [row]: SubscriptionRow[] = await this.ds.query(
      `INSERT INTO webhook_subscription (id, body_id, api_key_id, url, event_types, audience, description, secret_key_id, secret_sealed)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${COLUMNS}`,
      [id, scope.body.id, scope.caller.keyId, input.url, [...new Set(input.eventTypes)], AUDIENCE_OF[audience], input.description ?? null, this.secrets.activeKeyId, this.secrets.seal(id, 'secret', secret)],
    );
    // A new subscription is at version 1 (the ETag of the answer).
    if (scope.write) scope.write.version = 1;
    return { ...toDto(row), secret };
  }

  async update(scope: Scope, id: string, input: UpdateWebhookDto): Promise<WebhookDto> {
    this.check(scope.caller, scope.body.id, input);
    const row = await this.change(
      scope,
      id,
      `UPDATE webhook_subscription SET url = coalesce($3, url), event_types = coalesce($4, event_types), audience = coalesce($5, audience),
         description = CASE WHEN $6 THEN $7 ELSE description END, updated_at = now(), version = version + 1
       WHERE body_id = $1 AND id = $2 RETURNING ${COLUMNS}, version`,
      [
        input.url ?? null,
        input.eventTypes ? [...new Set(input.eventTypes)] : null,
        input.audience ? AUDIENCE_OF[input.audience] : null,
        input.description !== undefined,
        input.description ?? null,
      ],
    );
    return toDto(row);
  }

  async remove(scope: Scope, id: string): Promise<void> {
    await this.change(scope, id, `DELETE FROM webhook_subscription WHERE body_id = $1 AND id = $2 RETURNING ${COLUMNS}, version`, []);
  }

  /**
   * A new secret; the previous one keeps signing alongside it for the grace period. Both are
   * stored sealed under the active server key (the previous one re-sealed for its column).
   * A current secret sealed by a server key no longer configured cannot be kept: the new one
   * signs alone, which is also how such a subscription gets going again.
   */
  async rotateSecret(scope: Scope, id: string): Promise<WebhookWithSecretDto> {
    this.configured();
    const secret = newSecret();
    const row = await this.change(
      scope,
      id,
      `UPDATE webhook_subscription SET secret = NULL, previous_secret = NULL, secret_key_id = $3, secret_sealed = $4, previous_secret_sealed = $5,
         previous_secret_until = CASE WHEN $5::bytea IS NULL THEN NULL ELSE now() + make_interval(hours => $6) END, updated_at = now(), version = version + 1
       WHERE body_id = $1 AND id = $2 RETURNING ${COLUMNS}, version`,
      async (m) => {
        const [current]: { secret: string | null; key_id: string | null; sealed: Buffer | null }[] = await m.query(
          `SELECT secret, secret_key_id AS key_id, secret_sealed AS sealed FROM webhook_subscription WHERE id = $1`,
          [id],
        );
        const stored = { plain: current.secret, keyId: current.key_id, sealed: current.sealed };
        const previous = stored.plain !== null || this.secrets.opens(stored.keyId) ? this.secrets.reveal(id, 'secret', stored) : null;
        return [this.secrets.activeKeyId, this.secrets.seal(id, 'secret', secret), previous === null ? null : this.secrets.seal(id, 'previous_secret', previous), this.config.webhooks.secretGraceHours];
      },
    );
    return { ...toDto(row), secret };
  }

  /** Secrets are only stored sealed: without WEBHOOK_KEYS none can be made. */
  private configured(): void {
    if (!this.secrets.enabled) throw new Problem(503, 'webhooks_not_configured');
  }

  /** Enables a subscription again: its failure count starts anew, its pending deliveries go out. */
  async enable(scope: Scope, id: string): Promise<WebhookDto> {
    const row = await this.change(
      scope,
      id,
      `UPDATE webhook_subscription SET enabled = true, disabled_reason = NULL, disabled_at = NULL, failed_messages = 0, failing_since = NULL, updated_at = now(), version = version + 1
       WHERE body_id = $1 AND id = $2 RETURNING ${COLUMNS}, version`,
      [],
    );
    return toDto(row);
  }

  async deliveries(scope: Scope, id: string, limit = 20): Promise<Page<WebhookDeliveryDto>> {
    await this.row(scope, id);
    const rows: {
      id: string;
      type: string;
      status: WebhookDeliveryDto['status'];
      attempts: number;
      next_attempt_at: Date;
      created_at: Date;
      finished_at: Date | null;
      payload: Record<string, unknown>;
      log: { at: string; statusCode: number | null; durationMs: number; error: string | null; responseBody: string | null }[];
    }[] = await this.ds.query(
      `SELECT d.id, d.type, d.status, d.attempts, d.next_attempt_at, d.created_at, d.finished_at, d.payload,
         coalesce((SELECT json_agg(json_build_object('at', a.attempted_at, 'statusCode', a.status_code, 'durationMs', a.duration_ms, 'error', a.error, 'responseBody', a.response_body) ORDER BY a.id DESC)
                   FROM webhook_attempt a WHERE a.delivery_id = d.id), '[]') AS log
       FROM webhook_delivery d WHERE d.subscription_id = $1 ORDER BY d.created_at DESC, d.change_event_id DESC LIMIT $2`,
      [id, limit],
    );
    return {
      data: rows.map((r) => ({
        id: r.id,
        type: r.type,
        status: r.status,
        attempts: r.attempts,
        nextAttemptAt: r.status === 'pending' ? r.next_attempt_at.toISOString() : null,
        createdAt: r.created_at.toISOString(),
        finishedAt: r.finished_at?.toISOString() ?? null,
        payload: r.payload,
        attemptLog: r.log.map((a) => ({ ...a, at: new Date(a.at).toISOString() })),
      })),
      links: { self: `${this.config.publicUrl}/v1/bodies/${scope.body.slug}/webhooks/${id}/deliveries?limit=${limit}` },
    };
  }

  /** Sends one delivery again (same `webhook-id`), with a fresh set of attempts. */
  async replay(scope: Scope, id: string, deliveryId: string): Promise<void> {
    await this.row(scope, id);
    await this.updated<{ id: string }>(
      `UPDATE webhook_delivery SET status = 'pending', attempts = 0, next_attempt_at = now(), locked_until = NULL, finished_at = NULL
       WHERE subscription_id = $1 AND id = $2 RETURNING id`,
      [id, deliveryId],
      () => Problem.notFound('webhook-delivery', deliveryId),
    );
  }

  /**
   * One change of a subscription (`sql`: $1 the body, $2 the subscription, then `params`, or
   * what `params` reads under the lock; it moves the version on and returns the row with it),
   * made under the row lock with the request's If-Match checked (see writeVersioned).
   */
  private change(scope: Scope, id: string, sql: string, params: unknown[] | ((m: EntityManager) => Promise<unknown[]>)): Promise<SubscriptionRow> {
    const lock = async (m: EntityManager): Promise<number | null> => {
      const rows: { version: number }[] = await m.query(`${WEBHOOK_VERSION} FOR UPDATE`, [scope.body.id, id]);
      return rows[0]?.version ?? null;
    };
    const view = async (): Promise<unknown> => this.get(scope, id);
    return writeVersioned(this.ds, scope, { what: 'webhook', id, lock, view }, async (m) => {
      const values = typeof params === 'function' ? await params(m) : params;
      const [rows] = await m.query<[(SubscriptionRow & { version: number })[], number]>(sql, [scope.body.id, id, ...values]);
      return { version: rows[0].version, result: rows[0] };
    });
  }

  /** The first row an UPDATE … RETURNING returned (TypeORM answers such a query with `[rows, count]`). */
  private async updated<T = SubscriptionRow>(sql: string, params: unknown[], missing: () => Problem): Promise<T> {
    const [rows] = await this.ds.query<[T[], number]>(sql, params);
    if (!rows.length) throw missing();
    return rows[0];
  }

  private async row(scope: Scope, id: string): Promise<SubscriptionRow> {
    const [row]: SubscriptionRow[] = await this.ds.query(`SELECT ${COLUMNS} FROM webhook_subscription WHERE body_id = $1 AND id = $2`, [scope.body.id, id]);
    if (!row) throw Problem.notFound('webhook', id);
    return row;
  }

  /** Refuses bad targets, event types and audiences (all fields at once). */
  private check(caller: Caller, bodyId: string, input: UpdateWebhookDto): void {
    const errors: FieldError[] = [];
    if (input.url !== undefined) {
      const problem = this.targetProblem(input.url);
      if (problem) errors.push(problem);
    }
    input.eventTypes?.forEach((type, i) => {
      if (!EVENT_TYPE_PATTERN.test(type)) errors.push({ field: `eventTypes[${i}]`, text: 'webhook_event_type' });
    });
    if (!input.eventTypes?.length && input.eventTypes !== undefined) errors.push({ field: 'eventTypes', text: 'too_few', params: { min: 1 } });
    if (input.audience && RANK[input.audience] > RANK[visibilityFor(caller, bodyId)]) errors.push({ field: 'audience', text: 'webhook_audience' });
    if (errors.length) throw Problem.invalid(errors);
  }

  /** An https (or, when allowed, http) URL whose host is not a literal private address (names are checked at every send). */
  private targetProblem(value: string): FieldError | null {
    const { allowHttp, allowPrivateNetworks } = this.config.webhooks;
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return { field: 'url', text: 'webhook_url_scheme' };
    }
    if (!(url.protocol === 'https:' || (allowHttp && url.protocol === 'http:')) || url.username || url.password) {
      return { field: 'url', text: 'webhook_url_scheme' };
    }
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (allowPrivateNetworks === 'all') return null;
    if (host === 'localhost' || host.endsWith('.localhost')) return { field: 'url', text: 'webhook_url_private', params: { range: 'loopback' } };
    const range = isIP(host) ? addressCheck(allowPrivateNetworks)(host) : null;
    return range ? { field: 'url', text: 'webhook_url_private', params: { range } } : null;
  }
}
