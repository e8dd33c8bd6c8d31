import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { Scope } from '../../common/access/access';
import { visible } from '../../common/access/visibility.sql';
import { returnedVersion, writeVersioned } from '../changes/versioned-row';
import { newToken, NewsletterCrypto, tokenHash } from './newsletter.crypto';
import type { Frequency, Language, SubscriptionStatus } from './newsletter.entities';
import { endManageTokens, issueManageToken, unsubscribeToken } from './newsletter.tokens';

/** What a subscriber asked for. */
export interface Preferences {
  allTopics: boolean;
  committeeIds: string[];
  documentTypes: string[];
  keywords: string[];
  frequency: Frequency;
  language: Language;
}

export interface SubscriptionRow extends Preferences {
  id: string;
  bodyId: string;
  emailCiphertext: string;
  unsubscribeTokenCiphertext: string | null;
  status: SubscriptionStatus;
  createdAt: Date;
  confirmedAt: Date | null;
}

/** The version of a body's newsletter settings (ETag and If-Match of its editors); none stored yet is version 1. */
export const SETTINGS_VERSION = 'SELECT coalesce((SELECT version FROM newsletter_settings WHERE body_id = $1), 1) AS version';

/** The pages of the city's website that mails link to, and the sender name. */
export interface Settings {
  confirmUrlTemplate: string | null;
  manageUrlTemplate: string | null;
  unsubscribeUrlTemplate: string | null;
  senderName: string | null;
}

/** What a manage or unsubscribe token from a request opens. */
export interface TokenMatch {
  sub: SubscriptionRow;
  purpose: 'manage' | 'unsubscribe';
  expired: boolean;
}

const SUBSCRIPTION_COLUMNS = `s.id, s.body_id AS "bodyId", s.email_ciphertext AS "emailCiphertext", s.unsubscribe_token_ciphertext AS "unsubscribeTokenCiphertext",
  s.status, s.frequency, s.language, s.all_topics AS "allTopics", s.committee_ids AS "committeeIds", s.document_types AS "documentTypes",
  s.keywords, s.created_at AS "createdAt", s.confirmed_at AS "confirmedAt"`;

/** Version of the consent text shown by the city's subscribe form; recorded with every consent. */
export const CONSENT_VERSION = 'newsletter-consent-v1';
const CONFIRM_TTL_HOURS = 48;
/** Confirmation mails per address and day, whatever Redis says (the limit that never fails open). */
const CONFIRM_MAILS_PER_DAY = 3;

/** The message id of a delivery: the same on every attempt. */
export function messageIdFor(deliveryId: string, domain: string): string {
  return `${deliveryId}@${domain}`;
}

/** SQL of the newsletter's API side: subscriptions, tokens, consent. */
export class NewsletterRepository {
  constructor(
    private readonly ds: DataSource,
    private readonly crypto: NewsletterCrypto,
    private readonly mailDomain: string,
  ) {}

  /** Committees of `ids` that are not public committees of the body. */
  async unknownCommittees(bodyId: string, ids: string[]): Promise<string[]> {
    if (!ids.length) return [];
    const rows: { id: string }[] = await this.ds.query(`SELECT c.id FROM committee c WHERE c.body_id = $1 AND c.id = ANY($2::uuid[]) AND ${visible.plain('c', 'public')}`, [
      bodyId,
      ids,
    ]);
    const found = new Set(rows.map((r) => r.id));
    return ids.filter((id) => !found.has(id));
  }

  /**
   * Records a subscription request and its confirmation mail; returns the delivery id to
   * enqueue, or null when the address had its share of confirmation mails today.
   * Known addresses keep their current settings until the new request is confirmed.
   */
  subscribe(bodyId: string, email: string, prefs: Preferences, context: Record<string, unknown>): Promise<string | null> {
    return this.ds.transaction(async (m) => {
      let sub = await this.lockByEmail(m, bodyId, email);
      if (!sub) {
        await m.query(
          `INSERT INTO newsletter_subscription (body_id, key_id, email_hash, email_ciphertext, status, frequency, language, all_topics, committee_ids, document_types, keywords)
           VALUES ($1, $2, $3, $4, 'pending', $5, $6, $7, $8, $9, $10) ON CONFLICT (body_id, email_hash) DO NOTHING`,
          [bodyId, this.crypto.activeKeyId, this.crypto.hash(email), this.crypto.encrypt(email), prefs.frequency, prefs.language, prefs.allTopics, prefs.committeeIds, prefs.documentTypes, prefs.keywords],
        );
        sub = await this.lockByEmail(m, bodyId, email);
        if (!sub) throw new Error('subscription vanished');
      } else if (sub.status === 'pending') {
        await this.setPreferences(m, sub.id, prefs);
      }
      const [{ n }]: { n: number }[] = await m.query(
        `SELECT count(*)::int AS n FROM newsletter_delivery WHERE subscription_id = $1 AND kind = 'confirm' AND created_at > now() - interval '1 day'`,
        [sub.id],
      );
      if (n >= CONFIRM_MAILS_PER_DAY) return null;
      // A new request supersedes older, unused confirmation links.
      await m.query(`DELETE FROM newsletter_token WHERE subscription_id = $1 AND purpose = 'confirm' AND used_at IS NULL`, [sub.id]);
      const token = newToken();
      const hash = tokenHash(token);
      await m.query(
        `INSERT INTO newsletter_token (token_hash, subscription_id, purpose, payload, expires_at) VALUES ($1, $2, 'confirm', $3, now() + make_interval(hours => $4))`,
        [hash, sub.id, JSON.stringify(prefs), CONFIRM_TTL_HOURS],
      );
      await this.consent(m, sub.id, 'requested', { ...prefsRecord(prefs), ...context });
      const deliveryId = randomUUID();
      await m.query(
        `INSERT INTO newsletter_delivery (id, subscription_id, kind, dedupe_key, secret_ciphertext, message_id) VALUES ($1, $2, 'confirm', $3, $4, $5)`,
        [deliveryId, sub.id, `confirm:${hash}`, this.crypto.encrypt(token), messageIdFor(deliveryId, this.mailDomain)],
      );
      return deliveryId;
    });
  }

  async markEnqueued(deliveryId: string): Promise<void> {
    await this.ds.query(`UPDATE newsletter_delivery SET enqueued_at = now() WHERE id = $1 AND enqueued_at IS NULL`, [deliveryId]);
  }

  /**
   * Applies a confirmation token: activates the subscription with the preferences of that
   * request and returns it with a new manage token (valid for `manageTokenDays`; earlier ones
   * end now), or null when the token is unknown, used or expired.
   */
  confirm(bodyId: string, token: string, manageTokenDays: number): Promise<{ sub: SubscriptionRow; manageToken: string; manageTokenExpiresAt: Date } | null> {
    return this.ds.transaction(async (m) => {
      const rows: { subscriptionId: string; payload: Preferences; createdAt: Date }[] = await m.query(
        `SELECT t.subscription_id AS "subscriptionId", t.payload, t.created_at AS "createdAt"
         FROM newsletter_token t JOIN newsletter_subscription s ON s.id = t.subscription_id
         WHERE t.token_hash = $1 AND t.purpose = 'confirm' AND t.used_at IS NULL AND t.expires_at > now() AND s.body_id = $2
         FOR UPDATE OF t, s`,
        [tokenHash(token), bodyId],
      );
      const found = rows[0];
      if (!found) return null;
      const p = found.payload;
      await m.query(`UPDATE newsletter_token SET used_at = now() WHERE token_hash = $1`, [tokenHash(token)]);
      await m.query(
        `UPDATE newsletter_subscription SET
           start_event_id = CASE WHEN status = 'active' THEN start_event_id ELSE (SELECT coalesce(max(e.id), 0) FROM newsletter_event e WHERE e.body_id = $8) END,
           status = 'active', frequency = $2, language = $3, all_topics = $4, committee_ids = $5, document_types = $6, keywords = $7,
           confirmed_at = now(), bounce_count = 0, suspended_at = NULL, unsubscribed_at = NULL, modified_at = now()
         WHERE id = $1`,
        [found.subscriptionId, p.frequency, p.language, p.allTopics, p.committeeIds, p.documentTypes, p.keywords, bodyId],
      );
      const sub = (await this.byId(m, found.subscriptionId))!;
      // Whoever confirms holds the address now: links of earlier mails stop managing it.
      await endManageTokens(m, sub.id);
      const manage = await issueManageToken(m, this.crypto, sub.id, manageTokenDays);
      await unsubscribeToken(m, this.crypto, sub.id, sub.unsubscribeTokenCiphertext);
      await this.consent(m, sub.id, 'confirmed', { ...prefsRecord(p), requestedAt: found.createdAt.toISOString() });
      return { sub, manageToken: manage.token, manageTokenExpiresAt: manage.expiresAt };
    });
  }

  /** Whether a confirmation token of this body is still unused and unexpired; reads it, never uses it. */
  async confirmable(bodyId: string, token: string): Promise<boolean> {
    const rows: unknown[] = await this.ds.query(
      `SELECT 1 FROM newsletter_token t JOIN newsletter_subscription s ON s.id = t.subscription_id
       WHERE t.token_hash = $1 AND t.purpose = 'confirm' AND t.used_at IS NULL AND t.expires_at > now() AND s.body_id = $2`,
      [tokenHash(token), bodyId],
    );
    return rows.length > 0;
  }

  /** The committees a subscriber may choose: the body's public ones that have not ended, and those of `current`. */
  async committeeChoices(bodyId: string, current: string[]): Promise<{ id: string; name: string }[]> {
    return this.ds.query(
      `SELECT c.id, c.name FROM committee c
       WHERE c.body_id = $1 AND ${visible.plain('c', 'public')} AND (c.end_date IS NULL OR c.end_date >= current_date OR c.id = ANY($2::uuid[]))
       ORDER BY c.name, c.id`,
      [bodyId, current],
    );
  }

  /** The subscription (in this body) a manage or unsubscribe token opens, or null. */
  async byToken(bodyId: string, token: string): Promise<TokenMatch | null> {
    const rows: (SubscriptionRow & { purpose: TokenMatch['purpose']; expired: boolean })[] = await this.ds.query(
      `SELECT ${SUBSCRIPTION_COLUMNS}, t.purpose, coalesce(t.expires_at <= now(), false) AS expired
       FROM newsletter_token t JOIN newsletter_subscription s ON s.id = t.subscription_id
       WHERE t.token_hash = $1 AND t.purpose IN ('manage', 'unsubscribe') AND s.body_id = $2`,
      [tokenHash(token), bodyId],
    );
    const row = rows[0];
    if (!row) return null;
    const { purpose, expired, ...sub } = row;
    return { sub, purpose, expired };
  }

  async update(id: string, prefs: Preferences): Promise<SubscriptionRow> {
    return this.ds.transaction(async (m) => {
      await this.setPreferences(m, id, prefs);
      await this.consent(m, id, 'changed', prefsRecord(prefs));
      return (await this.byId(m, id))!;
    });
  }

  async unsubscribe(id: string, via: string): Promise<void> {
    await this.ds.transaction(async (m) => {
      const rows: unknown[] = await m.query(
        `WITH u AS (
           UPDATE newsletter_subscription SET status = 'unsubscribed', unsubscribed_at = now(), modified_at = now() WHERE id = $1 AND status <> 'unsubscribed' RETURNING id
         )
         SELECT id FROM u`,
        [id],
      );
      if (rows.length) await this.consent(m, id, 'unsubscribed', { via });
    });
  }

  /** Deletes the subscription with its tokens, consent record and delivery log. */
  async remove(id: string): Promise<void> {
    await this.ds.query(`DELETE FROM newsletter_subscription WHERE id = $1`, [id]);
  }

  async consentRecord(id: string): Promise<{ action: string; details: Record<string, unknown>; at: Date }[]> {
    return this.ds.query(`SELECT action, details, recorded_at AS at FROM newsletter_consent WHERE subscription_id = $1 ORDER BY id`, [id]);
  }

  async deliveries(id: string): Promise<{ kind: string; status: string; messageId: string; createdAt: Date; sentAt: Date | null }[]> {
    return this.ds.query(
      `SELECT kind, status, message_id AS "messageId", created_at AS "createdAt", sent_at AS "sentAt" FROM newsletter_delivery WHERE subscription_id = $1 ORDER BY created_at, id`,
      [id],
    );
  }

  /** The body's settings; all unset while it has none stored. */
  async settings(bodyId: string, m: EntityManager | DataSource = this.ds): Promise<Settings> {
    const rows: Settings[] = await m.query(
      `SELECT confirm_url_template AS "confirmUrlTemplate", manage_url_template AS "manageUrlTemplate", unsubscribe_url_template AS "unsubscribeUrlTemplate", sender_name AS "senderName"
       FROM newsletter_settings WHERE body_id = $1`,
      [bodyId],
    );
    return rows[0] ?? { confirmUrlTemplate: null, manageUrlTemplate: null, unsubscribeUrlTemplate: null, senderName: null };
  }

  /**
   * Changes the body's settings under the row lock, with the request's If-Match checked (see
   * writeVersioned): `change` gets the stored settings and returns the new ones. A body without
   * stored settings gets them first (all unset, version 1, as SETTINGS_VERSION reads them), so
   * that two first changes queue on the lock too. `view` is the settings as the editor reads them.
   */
  async changeSettings(scope: Scope, change: (stored: Settings) => Settings, view: () => Promise<unknown>): Promise<Settings> {
    const bodyId = scope.body.id;
    const lock = async (m: EntityManager): Promise<number> => {
      await m.query(`INSERT INTO newsletter_settings (body_id) VALUES ($1) ON CONFLICT (body_id) DO NOTHING`, [bodyId]);
      const rows: { version: number }[] = await m.query(`SELECT version FROM newsletter_settings WHERE body_id = $1 FOR UPDATE`, [bodyId]);
      return rows[0].version;
    };
    return writeVersioned(this.ds, scope, { what: 'newsletter-settings', id: bodyId, lock, view }, async (m) => {
      const s = change(await this.settings(bodyId, m));
      const version = await returnedVersion(
        m,
        `UPDATE newsletter_settings SET confirm_url_template = $2, manage_url_template = $3, unsubscribe_url_template = $4, sender_name = $5, version = version + 1, modified_at = now()
         WHERE body_id = $1 RETURNING version`,
        [bodyId, s.confirmUrlTemplate, s.manageUrlTemplate, s.unsubscribeUrlTemplate, s.senderName],
      );
      return { version, result: s };
    });
  }

  private async lockByEmail(m: EntityManager, bodyId: string, email: string): Promise<{ id: string; status: SubscriptionStatus } | null> {
    const rows: { id: string; status: SubscriptionStatus }[] = await m.query(
      `SELECT id, status FROM newsletter_subscription WHERE body_id = $1 AND email_hash = ANY($2::char(64)[]) ORDER BY created_at LIMIT 1 FOR UPDATE`,
      [bodyId, this.crypto.hashes(email)],
    );
    return rows[0] ?? null;
  }

  private async setPreferences(m: EntityManager, id: string, prefs: Preferences): Promise<void> {
    await m.query(
      `UPDATE newsletter_subscription SET frequency = $2, language = $3, all_topics = $4, committee_ids = $5, document_types = $6, keywords = $7, modified_at = now() WHERE id = $1`,
      [id, prefs.frequency, prefs.language, prefs.allTopics, prefs.committeeIds, prefs.documentTypes, prefs.keywords],
    );
  }

  private async byId(m: EntityManager, id: string): Promise<SubscriptionRow | null> {
    const rows: SubscriptionRow[] = await m.query(`SELECT ${SUBSCRIPTION_COLUMNS} FROM newsletter_subscription s WHERE s.id = $1`, [id]);
    return rows[0] ?? null;
  }

  private async consent(m: EntityManager, subscriptionId: string, action: string, details: Record<string, unknown>): Promise<void> {
    await m.query(`INSERT INTO newsletter_consent (subscription_id, action, details) VALUES ($1, $2, $3)`, [subscriptionId, action, JSON.stringify({ consentVersion: CONSENT_VERSION, ...details })]);
  }
}

function prefsRecord(p: Preferences): Record<string, unknown> {
  return { frequency: p.frequency, language: p.language, topics: { all: p.allTopics, committees: p.committeeIds, documentTypes: p.documentTypes, keywords: p.keywords } };
}
