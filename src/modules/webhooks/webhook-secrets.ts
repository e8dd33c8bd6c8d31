import { derive, open, seal } from '../../common/crypto/sealed';
import type { ServerKey } from '../../config/config';

/** The two places a signing secret is stored; each sealed value is bound to its place. */
export type SecretColumn = 'secret' | 'previous_secret';

/** One secret as a row stores it: in plaintext (not sealed yet) or sealed under `keyId`. */
export interface StoredSecret {
  plain: string | null;
  keyId: string | null;
  sealed: Buffer | null;
}

/**
 * The server keys (`WEBHOOK_KEYS`) that seal the subscriptions' signing secrets at rest: a
 * database dump alone cannot forge signed deliveries. Secrets are sealed (AES-256-GCM, bound to
 * the subscription id and the column) under a key derived from the first server key and stored
 * with its id; every key opens, so a new key is put first and the worker re-seals the rows
 * (see sealSecrets in webhook-sender.ts) before the old one is removed.
 */
export class WebhookSecretRing {
  private readonly keys: { id: string; key: Buffer }[];

  constructor(keys: ServerKey[]) {
    this.keys = keys.map((k) => ({ id: k.id, key: derive(k.secret, 'ratsinfo webhook signing secrets') }));
  }

  get enabled(): boolean {
    return this.keys.length > 0;
  }

  get activeKeyId(): string {
    return this.active().id;
  }

  /** The ids of all configured keys (rows under any other id cannot be opened). */
  get keyIds(): string[] {
    return this.keys.map((k) => k.id);
  }

  /** Whether a secret sealed under `keyId` can be opened. */
  opens(keyId: string | null): boolean {
    return keyId !== null && this.keys.some((k) => k.id === keyId);
  }

  /**
   * A stored secret: its plaintext where the row is not sealed yet, otherwise its sealed form
   * opened; null when the column holds neither. Throws for a key no longer configured.
   */
  reveal(subscriptionId: string, column: SecretColumn, stored: StoredSecret): string | null {
    if (stored.plain !== null) return stored.plain;
    return stored.sealed === null ? null : this.open(subscriptionId, column, stored.keyId ?? '', stored.sealed);
  }

  /** The secret sealed under the active key (its id is `activeKeyId`). */
  seal(subscriptionId: string, column: SecretColumn, secret: string): Buffer {
    return seal(this.active().key, Buffer.from(secret, 'utf8'), aad(subscriptionId, column));
  }

  open(subscriptionId: string, column: SecretColumn, keyId: string, sealed: Buffer): string {
    const key = this.keys.find((k) => k.id === keyId);
    if (!key) throw new Error(`the signing secret of webhook subscription ${subscriptionId} is sealed by server key "${keyId}", which WEBHOOK_KEYS no longer lists`);
    return open(key.key, sealed, aad(subscriptionId, column)).toString('utf8');
  }

  private active(): { id: string; key: Buffer } {
    const key = this.keys[0];
    if (!key) throw new Error('webhooks are not configured (WEBHOOK_KEYS)');
    return key;
  }
}

const aad = (subscriptionId: string, column: SecretColumn): string => `webhook_subscription:${subscriptionId}:${column}`;
