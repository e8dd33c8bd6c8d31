import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type { NewsletterKey } from '../../config/config';

interface DerivedKey {
  id: string;
  enc: Buffer;
  mac: Buffer;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Addresses at rest: AES-256-GCM ciphertext (`<key id>.<base64url(iv | tag | ciphertext)>`)
 * plus an HMAC-SHA-256 of the normalised address for look-up. Both keys are derived (HKDF)
 * from one configured key. The first configured key encrypts; every key decrypts and is
 * tried for look-ups, so keys can be rotated while old rows are re-encrypted.
 */
export class NewsletterCrypto {
  private readonly keys: DerivedKey[];

  constructor(keys: NewsletterKey[]) {
    this.keys = keys.map((k) => ({
      id: k.id,
      enc: Buffer.from(hkdfSync('sha256', k.secret, Buffer.alloc(0), 'ratsinfo newsletter encryption', 32)),
      mac: Buffer.from(hkdfSync('sha256', k.secret, Buffer.alloc(0), 'ratsinfo newsletter lookup', 32)),
    }));
  }

  get enabled(): boolean {
    return this.keys.length > 0;
  }

  get activeKeyId(): string {
    return this.active().id;
  }

  encrypt(plain: string): string {
    const key = this.active();
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key.enc, iv);
    const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `${key.id}.${Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64url')}`;
  }

  decrypt(blob: string): string {
    const dot = blob.indexOf('.');
    const key = this.keys.find((k) => k.id === blob.slice(0, dot));
    if (dot < 1 || !key) throw new Error('newsletter ciphertext uses an unknown key');
    const raw = Buffer.from(blob.slice(dot + 1), 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', key.enc, raw.subarray(0, IV_BYTES));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  }

  /** Look-up hash with the active key. */
  hash(email: string): string {
    return this.hashWith(this.active(), email);
  }

  /** Look-up hashes under every key, for finding rows not yet re-encrypted. */
  hashes(email: string): string[] {
    return this.keys.map((k) => this.hashWith(k, email));
  }

  private hashWith(key: DerivedKey, email: string): string {
    return createHmac('sha256', key.mac).update(normalizeEmail(email)).digest('hex');
  }

  private active(): DerivedKey {
    const key = this.keys[0];
    if (!key) throw new Error('the newsletter is not configured (NEWSLETTER_KEYS)');
    return key;
  }
}

/** Addresses compare case-insensitively (in practice every mailbox provider does). */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** A new random token (32 bytes, base64url) for a mail link. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What a token from newToken() looks like. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** Only this is stored. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
