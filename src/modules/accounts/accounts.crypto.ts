import { createHash, createHmac, randomBytes } from 'node:crypto';
import { derive, open, seal } from '../../common/crypto/sealed';
import type { ServerKey } from '../../config/config';

const DATA_KEY_BYTES = 32;

interface Kek {
  id: string;
  wrap: Buffer;
  pairing: Buffer;
}

/** A data key as stored on the account row: which server key wrapped it, and the wrapped bytes. */
export interface WrappedKey {
  keyId: string;
  wrapped: Buffer;
}

/**
 * The server keys (`ME_KEYS`) and what they protect. Every app account has its own random
 * data key; only the data key wrapped (AES-256-GCM, bound to the account id) by a server key
 * is stored. The first server key wraps new data keys; every key unwraps, so a new key is put
 * first and the worker re-wraps the accounts (a small row each, never their notes).
 * Pairing codes are stored as an HMAC under a key derived from the server key.
 */
export class AccountKeyRing {
  private readonly keys: Kek[];

  constructor(keys: ServerKey[]) {
    this.keys = keys.map((k) => ({
      id: k.id,
      wrap: derive(k.secret, 'ratsinfo app-account data key wrapping'),
      pairing: derive(k.secret, 'ratsinfo app-account pairing codes'),
    }));
  }

  get enabled(): boolean {
    return this.keys.length > 0;
  }

  get activeKeyId(): string {
    return this.active().id;
  }

  /** A fresh data key for a new account, and its wrapped form to store. */
  newDataKey(accountId: string): { stored: WrappedKey; key: DataKey } {
    const raw = randomBytes(DATA_KEY_BYTES);
    const kek = this.active();
    return { stored: { keyId: kek.id, wrapped: seal(kek.wrap, raw, wrapAad(accountId)) }, key: new DataKey(raw) };
  }

  unwrap(accountId: string, stored: WrappedKey): DataKey {
    const kek = this.keys.find((k) => k.id === stored.keyId);
    if (!kek) throw new Error(`the data key of an account is wrapped by server key "${stored.keyId}", which ME_KEYS no longer lists`);
    return new DataKey(open(kek.wrap, stored.wrapped, wrapAad(accountId)));
  }

  /** The data key wrapped by the active server key, or null when it already is. */
  rewrap(accountId: string, stored: WrappedKey): WrappedKey | null {
    const kek = this.active();
    if (stored.keyId === kek.id) return null;
    const other = this.keys.find((k) => k.id === stored.keyId);
    if (!other) throw new Error(`server key "${stored.keyId}" is unknown`);
    return { keyId: kek.id, wrapped: seal(kek.wrap, open(other.wrap, stored.wrapped, wrapAad(accountId)), wrapAad(accountId)) };
  }

  /** Look-up hash of a pairing code under the active key. */
  pairingHash(code: string): string {
    return createHmac('sha256', this.active().pairing).update(code).digest('hex');
  }

  /** Look-up hashes under every key (codes made before a rotation). */
  pairingHashes(code: string): string[] {
    return this.keys.map((k) => createHmac('sha256', k.pairing).update(code).digest('hex'));
  }

  private active(): Kek {
    const key = this.keys[0];
    if (!key) throw new Error('app accounts are not configured (ME_KEYS)');
    return key;
  }
}

const wrapAad = (accountId: string): string => `app_account:${accountId}`;

/**
 * One account's data key, with the keys derived from it: one encrypts the account's texts,
 * one makes its blind-index tokens (search words, tags, keywords). Sealed values are bound to
 * where they are stored (`aad`, e.g. `note:<account>:<id>`), so a ciphertext copied to another
 * row does not open.
 */
export class DataKey {
  private readonly enc: Buffer;
  private readonly index: Buffer;

  constructor(raw: Buffer) {
    this.enc = derive(raw, 'ratsinfo personal data encryption');
    this.index = derive(raw, 'ratsinfo personal data blind index');
  }

  sealJson(aad: string, value: unknown): Buffer {
    return seal(this.enc, Buffer.from(JSON.stringify(value), 'utf8'), aad);
  }

  openJson<T>(aad: string, blob: Buffer): T {
    return JSON.parse(open(this.enc, blob, aad).toString('utf8')) as T;
  }

  /**
   * A blind-index token: the first 8 bytes of HMAC-SHA-256(index key, term), as a signed
   * 64-bit integer in decimal (a PostgreSQL bigint). Equal terms give equal tokens within
   * one account only.
   */
  token(term: string): string {
    return createHmac('sha256', this.index).update(term, 'utf8').digest().readBigInt64BE(0).toString();
  }

  /** A keyed fingerprint of a request body, for Idempotency-Key checks (never the body itself). */
  fingerprint(value: string): string {
    return createHmac('sha256', this.index).update('request\u0000').update(value, 'utf8').digest('hex');
  }
}

/** SHA-256 in hex: how account tokens and idempotency keys are stored. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}
