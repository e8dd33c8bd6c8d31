import { randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import type { AccountRef, Caller } from '../../common/access/access';
import { Problem } from '../../common/http/problem';
import { ts } from '../../common/sql/format';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { Db } from '../../infra/database/db.service';
import { RateCounter } from '../../infra/redis/rate-counter';
import { REDIS } from '../../infra/redis/redis.module';
import { AccountKeyRing, DataKey, sha256Hex } from './accounts.crypto';
import type { AccountDto, CreatedAccountDto, MemberGrantDto, PairingCodeDto, DeviceTokenDto, UsageDto } from './dto/account.dto';

/** Account tokens start with this; API keys with `rk_`. The prefix decides where a token is looked up. */
export const ACCOUNT_TOKEN_PREFIX = 'ra_';
const TOKEN_PATTERN = /^ra_[A-Za-z0-9_-]{43}$/;
/** Crockford's base32: no I, L, O or U, so a code read aloud or typed survives. */
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_LENGTH = 10;
/** Pairing codes an account may have open at once. */
const MAX_OPEN_CODES = 5;
const HOUR = 3600;

export const ACCOUNT_KEY_RING = Symbol('ACCOUNT_KEY_RING');

export function newAccountToken(): string {
  return ACCOUNT_TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

/** `7KQ2XM49PT` → `7KQ2X-M49PT`. */
function formatCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** What the reader typed, as the code it stands for (or null when it cannot be one). */
export function normalizeCode(input: string): string | null {
  const code = input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
  return code.length === CODE_LENGTH && [...code].every((c) => CODE_ALPHABET.includes(c)) ? code : null;
}

function newCode(): string {
  const bytes = randomBytes(CODE_LENGTH);
  return [...bytes].map((b) => CODE_ALPHABET[b & 31]).join('');
}

const deviceAad = (accountId: string, tokenId: string): string => `device:${accountId}:${tokenId}`;

interface TokenRow {
  tokenId: string;
  accountId: string;
  keyId: string;
  wrappedKey: Buffer;
  stale: boolean;
  memberBodyIds: string[];
}

/**
 * App accounts: created anonymously with one call, joined by further devices through short
 * pairing codes, each device with its own token (stored as SHA-256, shown once). Member access
 * to a body is granted by admins. An account holds no personal data but what its owner writes,
 * encrypted with its own data key.
 */
@Injectable()
export class AccountsService {
  private readonly limits: RateCounter;

  constructor(
    private readonly db: Db,
    @Inject(ACCOUNT_KEY_RING) private readonly keys: AccountKeyRing,
    @Inject(REDIS) redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.limits = new RateCounter(redis, `${config.redisPrefix}:me`);
  }

  /** Resolves a presented account token; null when unknown (or app accounts are off). Never cached: a revoked token stops at once. */
  async resolve(token: string): Promise<Caller | null> {
    if (!this.keys.enabled || !TOKEN_PATTERN.test(token)) return null;
    const row = await this.db.one<TokenRow>(
      `SELECT t.id AS "tokenId", t.account_id AS "accountId", a.key_id AS "keyId", a.wrapped_key AS "wrappedKey",
         LEAST(t.last_used_at, a.last_used_at) < now() - interval '1 hour' AS stale,
         ARRAY(SELECT g.body_id FROM app_member_grant g WHERE g.account_id = t.account_id ORDER BY g.body_id) AS "memberBodyIds"
       FROM app_account_token t JOIN app_account a ON a.id = t.account_id WHERE t.token_hash = $1`,
      [sha256Hex(token)],
    );
    if (!row) return null;
    if (row.stale) void this.touch(row.tokenId).catch(() => undefined);
    const account: AccountRef = { id: row.accountId, tokenId: row.tokenId, memberBodyIds: row.memberBodyIds, dataKey: { keyId: row.keyId, wrapped: row.wrappedKey } };
    return { keyId: null, role: 'account', bodyId: null, account };
  }

  /**
   * Records a use of the token and its account, at most once an hour (the account's last use
   * decides when it expires). Not waited for, and committed without waiting for the disk: a
   * crash may forget the last hour of it, which costs nothing.
   */
  private async touch(tokenId: string): Promise<void> {
    await this.db.dataSource.transaction(async (m) => {
      await m.query(`SET LOCAL synchronous_commit = off`);
      await m.query(
        `WITH t AS (UPDATE app_account_token SET last_used_at = now() WHERE id = $1 RETURNING account_id)
         UPDATE app_account SET last_used_at = now() WHERE id = (SELECT account_id FROM t)`,
        [tokenId],
      );
    });
  }

  /** The account's data key (unwrapped per request; nothing is kept in memory). */
  dataKey(account: AccountRef): DataKey {
    return this.keys.unwrap(account.id, account.dataKey);
  }

  async create(deviceName: string | undefined, clientIp: string): Promise<CreatedAccountDto> {
    this.requireEnabled();
    const limit = await this.limits.hit(`accounts:${clientIp}`, this.config.accounts.accountsPerIpPerHour, HOUR);
    if (!limit.allowed) throw new Problem(429, 'Too many accounts created from this client. Try again later.').with({ headers: { 'Retry-After': String(limit.retryAfter) } });
    const accountId = randomUUID();
    const { stored, key } = this.keys.newDataKey(accountId);
    const token = newAccountToken();
    const tokenId = randomUUID();
    await this.db.dataSource.transaction(async (m) => {
      // The feed starts now: what changed before the account existed is not news to it.
      await m.query(
        `INSERT INTO app_account (id, key_id, wrapped_key, feed_position) VALUES ($1, $2, $3, COALESCE((SELECT max(id) FROM change_event), 0))`,
        [accountId, stored.keyId, stored.wrapped],
      );
      await this.insertToken(m, accountId, tokenId, token, deviceName, key);
    });
    return { account: await this.view(accountId), token, tokenId };
  }

  private async insertToken(m: { query: (sql: string, values: unknown[]) => Promise<unknown> }, accountId: string, tokenId: string, token: string, deviceName: string | undefined, key: DataKey): Promise<void> {
    await m.query(`INSERT INTO app_account_token (id, account_id, token_hash, token_prefix, device_name) VALUES ($1, $2, $3, $4, $5)`, [
      tokenId,
      accountId,
      sha256Hex(token),
      token.slice(0, 10),
      deviceName ? key.sealJson(deviceAad(accountId, tokenId), deviceName) : null,
    ]);
  }

  async view(accountId: string): Promise<AccountDto> {
    const { unusedAccountDays, idleAccountDays } = this.config.accounts;
    const row = await this.db.one<{ id: string; createdAt: string; lastUsedAt: string; expiresAt: string | null; memberOf: AccountDto['memberOf']; usage: UsageDto }>(
      `SELECT a.id, ${ts('a.created_at')} AS "createdAt", ${ts('a.last_used_at')} AS "lastUsedAt",
         u.usage, COALESCE((SELECT json_agg(json_build_object('body', b.slug, 'name', b.name, 'grantedAt', ${ts('g.granted_at')}) ORDER BY b.slug)
           FROM app_member_grant g JOIN body b ON b.id = g.body_id WHERE g.account_id = a.id AND b.deleted_at IS NULL), '[]'::json) AS "memberOf",
         ${ts(`CASE WHEN (u.usage->>'notes')::int + (u.usage->>'markings')::int + (u.usage->>'bookmarks')::int + (u.usage->>'follows')::int = 0
                    THEN LEAST(a.last_used_at + make_interval(days => $2), CASE WHEN $3 > 0 THEN a.last_used_at + make_interval(days => $3) END)
                    WHEN $3 > 0 THEN a.last_used_at + make_interval(days => $3) END`)} AS "expiresAt"
       FROM app_account a, LATERAL (SELECT json_build_object(
           'notes', (SELECT count(*) FROM me_note n WHERE n.account_id = a.id AND n.deleted_at IS NULL),
           'markings', (SELECT count(*) FROM me_marking k WHERE k.account_id = a.id AND k.deleted_at IS NULL),
           'bookmarks', (SELECT count(*) FROM me_bookmark b WHERE b.account_id = a.id AND b.deleted_at IS NULL),
           'follows', (SELECT count(*) FROM me_follow f WHERE f.account_id = a.id AND f.deleted_at IS NULL),
           'devices', (SELECT count(*) FROM app_account_token t WHERE t.account_id = a.id)) AS usage) u
       WHERE a.id = $1`,
      [accountId, unusedAccountDays, idleAccountDays],
    );
    if (!row) throw new Problem(401, 'The account was deleted.');
    const { maxNotes, maxMarkings, maxBookmarks, maxFollows, maxDevices } = this.config.accounts;
    return {
      id: row.id,
      createdAt: row.createdAt,
      lastUsedAt: row.lastUsedAt,
      expiresAt: row.expiresAt,
      memberOf: row.memberOf,
      usage: row.usage,
      limits: { notes: maxNotes, markings: maxMarkings, bookmarks: maxBookmarks, follows: maxFollows, devices: maxDevices },
    };
  }

  /** Deletes the account and everything it holds (rows cascade), and its rate counters. */
  async remove(account: AccountRef): Promise<void> {
    await this.db.rows(`DELETE FROM app_account WHERE id = $1`, [account.id]);
    await this.limits.forget([`writes:${account.id}`]);
  }

  async tokens(account: AccountRef): Promise<DeviceTokenDto[]> {
    const key = this.dataKey(account);
    const rows = await this.db.rows<{ id: string; deviceName: Buffer | null; prefix: string; createdAt: string; lastUsedAt: string }>(
      `SELECT id, device_name AS "deviceName", token_prefix AS prefix, ${ts('created_at')} AS "createdAt", ${ts('last_used_at')} AS "lastUsedAt"
       FROM app_account_token WHERE account_id = $1 ORDER BY created_at, id`,
      [account.id],
    );
    return rows.map((r) => ({
      id: r.id,
      deviceName: r.deviceName ? key.openJson<string>(deviceAad(account.id, r.id), r.deviceName) : null,
      prefix: r.prefix,
      createdAt: r.createdAt,
      lastUsedAt: r.lastUsedAt,
      current: r.id === account.tokenId,
    }));
  }

  /** Revokes one of the account's tokens (the current one signs this device out). */
  async revokeToken(account: AccountRef, tokenId: string): Promise<void> {
    await this.db.dataSource.transaction(async (m) => {
      const rows: { id: string }[] = await m.query(`SELECT id FROM app_account_token WHERE account_id = $1 FOR UPDATE`, [account.id]);
      if (!rows.some((r) => r.id === tokenId)) throw Problem.notFound(`Token ${tokenId}`);
      if (rows.length === 1) {
        throw new Problem(409, "This is the account's only token: revoking it would lock the data away. Pair another device first, or delete the account (DELETE /v1/me/account).");
      }
      await m.query(`DELETE FROM app_account_token WHERE id = $1 AND account_id = $2`, [tokenId, account.id]);
    });
  }

  async createPairingCode(account: AccountRef): Promise<PairingCodeDto> {
    this.requireEnabled();
    await this.limitWrite(account);
    const code = newCode();
    const [row] = await this.db.dataSource.transaction(async (m): Promise<{ expiresAt: string }[]> => {
      await m.query(`SELECT 1 FROM app_account WHERE id = $1 FOR UPDATE`, [account.id]);
      await m.query(
        `DELETE FROM app_pairing_code WHERE account_id = $1 AND (expires_at <= now() OR code_hash IN (
           SELECT code_hash FROM app_pairing_code WHERE account_id = $1 ORDER BY created_at DESC OFFSET $2))`,
        [account.id, MAX_OPEN_CODES - 1],
      );
      return m.query(
        `INSERT INTO app_pairing_code (code_hash, account_id, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3)) RETURNING ${ts('expires_at')} AS "expiresAt"`,
        [this.keys.pairingHash(code), account.id, this.config.accounts.pairingCodeSeconds],
      );
    });
    return { code: formatCode(code), expiresAt: row.expiresAt };
  }

  /** A new device joins the account whose code it was given; the code is used up. */
  async pair(input: string, deviceName: string | undefined, clientIp: string): Promise<CreatedAccountDto> {
    this.requireEnabled();
    const limit = await this.limits.hit(`pairing:${clientIp}`, this.config.accounts.pairingAttemptsPerIpPerHour, HOUR);
    if (!limit.allowed) throw new Problem(429, 'Too many pairing attempts from this client. Try again later.').with({ headers: { 'Retry-After': String(limit.retryAfter) } });
    const code = normalizeCode(input);
    const gone = (): Problem => new Problem(410, 'This pairing code is unknown, used or expired. Show a new code on the other device.');
    if (!code) throw gone();
    const token = newAccountToken();
    const tokenId = randomUUID();
    const accountId = await this.db.dataSource.transaction(async (m) => {
      // TypeORM answers a DELETE … RETURNING with [rows, count].
      const [used]: [{ accountId: string }[], number] = await m.query(
        `DELETE FROM app_pairing_code WHERE code_hash = ANY($1::text[]) AND expires_at > now() RETURNING account_id AS "accountId"`,
        [this.keys.pairingHashes(code)],
      );
      const id = used[0]?.accountId;
      if (!id) throw gone();
      const [account]: { keyId: string; wrappedKey: Buffer; devices: number }[] = await m.query(
        `SELECT key_id AS "keyId", wrapped_key AS "wrappedKey", (SELECT count(*)::int FROM app_account_token t WHERE t.account_id = a.id) AS devices
         FROM app_account a WHERE a.id = $1 FOR UPDATE`,
        [id],
      );
      if (account.devices >= this.config.accounts.maxDevices) {
        throw quota('devices', this.config.accounts.maxDevices, `This account has the most devices it may (${this.config.accounts.maxDevices}); revoke a token first.`);
      }
      await this.insertToken(m, id, tokenId, token, deviceName, this.keys.unwrap(id, { keyId: account.keyId, wrapped: account.wrappedKey }));
      return id;
    });
    return { account: await this.view(accountId), token, tokenId };
  }

  /** One more write of this account; 429 over ME_WRITES_PER_MINUTE. */
  async limitWrite(account: AccountRef): Promise<void> {
    const limit = await this.limits.hit(`writes:${account.id}`, this.config.accounts.writesPerMinute, 60);
    if (!limit.allowed) {
      throw new Problem(429, `Too many changes: at most ${this.config.accounts.writesPerMinute} a minute per account. Retry after ${limit.retryAfter} s.`).with({
        headers: { 'Retry-After': String(limit.retryAfter) },
      });
    }
  }

  async grants(bodyId: string, accountId?: string): Promise<MemberGrantDto[]> {
    return this.db.rows<MemberGrantDto>(
      `SELECT g.account_id AS "accountId", b.slug AS body, ${ts('g.granted_at')} AS "grantedAt", ${ts('a.last_used_at')} AS "lastUsedAt"
       FROM app_member_grant g JOIN app_account a ON a.id = g.account_id JOIN body b ON b.id = g.body_id
       WHERE g.body_id = $1 AND ($2::uuid IS NULL OR g.account_id = $2::uuid) ORDER BY g.granted_at, g.account_id`,
      [bodyId, accountId ?? null],
    );
  }

  /** Grants member access to a body (idempotent); 404 when the account does not exist. */
  async grant(bodyId: string, accountId: string, byKeyId: string | null): Promise<MemberGrantDto> {
    await this.db.rows(
      `INSERT INTO app_member_grant (account_id, body_id, granted_by_key_id) SELECT a.id, $2, $3 FROM app_account a WHERE a.id = $1
       ON CONFLICT (account_id, body_id) DO NOTHING`,
      [accountId, bodyId, byKeyId],
    );
    const [grant] = await this.grants(bodyId, accountId);
    if (!grant) throw Problem.notFound(`App account ${accountId}`);
    return grant;
  }

  async ungrant(bodyId: string, accountId: string): Promise<void> {
    const rows = await this.db.rows(`DELETE FROM app_member_grant WHERE account_id = $1 AND body_id = $2 RETURNING account_id`, [accountId, bodyId]);
    if (!rows.length) throw Problem.notFound(`Member access of app account ${accountId}`);
  }

  requireEnabled(): void {
    if (!this.keys.enabled) throw new Problem(503, 'App accounts are not configured on this server (ME_KEYS).');
  }
}

/** The problem of a create that would exceed a quota: 403 with `quota: { kind, limit }`. */
export function quota(kind: keyof UsageDto, limit: number, detail: string): Problem {
  return new Problem(403, detail).with({ extensions: { quota: { kind, limit } } });
}
