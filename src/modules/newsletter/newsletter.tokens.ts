import type { EntityManager } from 'typeorm';
import { newToken, type NewsletterCrypto, tokenHash } from './newsletter.crypto';

/**
 * The tokens of a subscription. The manage token (header X-Newsletter-Token) shows, changes,
 * exports and deletes the subscription: it expires, and each confirmation replaces it. The
 * unsubscribe token (List-Unsubscribe and the unsubscribe links of mails, which end up in
 * logs and forwarded mails) can only unsubscribe. Both are stored as SHA-256 and, encrypted,
 * on the subscription for mails.
 */

/** How long an ended manage token is kept, so that using one says "expired" rather than "unknown". */
export const ENDED_MANAGE_TOKEN_DAYS = 30;

/** A new manage token valid for `days`, now the one mails carry. Older ones keep their own expiry. */
export async function issueManageToken(m: EntityManager, crypto: NewsletterCrypto, subscriptionId: string, days: number): Promise<{ token: string; expiresAt: Date }> {
  const token = newToken();
  const rows: { expiresAt: Date }[] = await m.query(
    `INSERT INTO newsletter_token (token_hash, subscription_id, purpose, expires_at) VALUES ($1, $2, 'manage', now() + make_interval(days => $3)) RETURNING expires_at AS "expiresAt"`,
    [tokenHash(token), subscriptionId, days],
  );
  await m.query(`UPDATE newsletter_subscription SET manage_token_ciphertext = $2 WHERE id = $1`, [subscriptionId, crypto.encrypt(token)]);
  return { token, expiresAt: rows[0].expiresAt };
}

/** Ends every manage token of the subscription now. */
export async function endManageTokens(m: EntityManager, subscriptionId: string): Promise<void> {
  await m.query(`UPDATE newsletter_token SET expires_at = now() WHERE subscription_id = $1 AND purpose = 'manage' AND (expires_at IS NULL OR expires_at > now())`, [subscriptionId]);
}

/** The unsubscribe token of the subscription, issued on first use. */
export async function unsubscribeToken(m: EntityManager, crypto: NewsletterCrypto, subscriptionId: string, ciphertext: string | null): Promise<string> {
  if (ciphertext) return crypto.decrypt(ciphertext);
  const token = newToken();
  await m.query(`INSERT INTO newsletter_token (token_hash, subscription_id, purpose) VALUES ($1, $2, 'unsubscribe')`, [tokenHash(token), subscriptionId]);
  await m.query(`UPDATE newsletter_subscription SET unsubscribe_token_ciphertext = $2 WHERE id = $1`, [subscriptionId, crypto.encrypt(token)]);
  return token;
}

/**
 * The tokens a mail to this subscription carries: its unsubscribe token (issued now for a
 * subscription that has none yet) and a manage token with at least half of its lifetime
 * left (a new one when the current one has less). Locks the subscription row meanwhile.
 */
export async function mailTokens(m: EntityManager, crypto: NewsletterCrypto, subscriptionId: string, days: number): Promise<{ manage: string; unsubscribe: string }> {
  const rows: { manage: string | null; unsubscribe: string | null; fresh: boolean }[] = await m.query(
    `SELECT s.manage_token_ciphertext AS manage, s.unsubscribe_token_ciphertext AS unsubscribe,
       coalesce((SELECT max(t.expires_at) FROM newsletter_token t WHERE t.subscription_id = s.id AND t.purpose = 'manage') > now() + make_interval(secs => $2), false) AS fresh
     FROM newsletter_subscription s WHERE s.id = $1 FOR UPDATE`,
    [subscriptionId, (days * 86400) / 2],
  );
  const row = rows[0];
  if (!row) throw new Error('subscription vanished');
  const manage = row.manage && row.fresh ? crypto.decrypt(row.manage) : (await issueManageToken(m, crypto, subscriptionId, days)).token;
  return { manage, unsubscribe: await unsubscribeToken(m, crypto, subscriptionId, row.unsubscribe) };
}
