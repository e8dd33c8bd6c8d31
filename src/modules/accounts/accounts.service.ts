import { randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import type { AccountRef, Caller } from '../../common/access/access';
import { Problem } from '../../common/http/problem';
import { DetailKey, Params } from '../../common/http/problem-texts';
import { accountRateKeys, rateLimitPrefix } from '../../common/http/rate-limit';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { RateCounter } from '../../infra/redis/rate-counter';
import { REDIS } from '../../infra/redis/redis.module';
import { AccountKeyRing, DataKey, sha256Hex } from './accounts.crypto';
import { AccountsRepository, NewToken } from './accounts.repository';
import type { AccountDto, CreatedAccountDto, DeviceTokenDto, MemberGrantDto, PairingCodeDto, UsageDto } from './dto/account.dto';

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

/**
 * App accounts: created anonymously with one call, joined by further devices through short
 * pairing codes, each device with its own token (stored as SHA-256, shown once). Member access
 * to a body is granted by admins. An account holds no personal data but what its owner writes,
 * encrypted with its own data key.
 */
@Injectable()
export class AccountsService {
  private readonly limits: RateCounter;
  /** The HTTP rate limiter's counters (see rate-limit.ts), which count accounts by id. */
  private readonly requestCounters: RateCounter;

  constructor(
    private readonly accounts: AccountsRepository,
    @Inject(ACCOUNT_KEY_RING) private readonly keys: AccountKeyRing,
    @Inject(REDIS) redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.limits = new RateCounter(redis, `${config.redisPrefix}:me`);
    this.requestCounters = new RateCounter(redis, rateLimitPrefix(config.redisPrefix));
  }

  /** Resolves a presented account token; null when unknown (or app accounts are off). Never cached: a revoked token stops at once. */
  async resolve(token: string): Promise<Caller | null> {
    if (!this.keys.enabled || !TOKEN_PATTERN.test(token)) return null;
    const row = await this.accounts.byTokenHash(sha256Hex(token));
    if (!row) return null;
    // At most once an hour, not waited for: the account's last use decides when it expires,
    // and a crash that forgets the last hour of it costs nothing.
    if (row.stale) void this.accounts.touch(row.tokenId).catch(() => undefined);
    const account: AccountRef = { id: row.accountId, tokenId: row.tokenId, memberBodyIds: row.memberBodyIds, dataKey: { keyId: row.keyId, wrapped: row.wrappedKey } };
    return { keyId: null, role: 'account', bodyId: null, account };
  }

  /** The account's data key (unwrapped per request; nothing is kept in memory). */
  dataKey(account: AccountRef): DataKey {
    return this.keys.unwrap(account.id, account.dataKey);
  }

  async create(deviceName: string | undefined, clientIp: string): Promise<CreatedAccountDto> {
    this.requireEnabled();
    const limit = await this.limits.hit(`accounts:${clientIp}`, this.config.accounts.accountsPerIpPerHour, HOUR);
    if (!limit.allowed) throw new Problem(429, 'accounts_rate_limited').with({ headers: { 'Retry-After': String(limit.retryAfter) } });
    const accountId = randomUUID();
    const { stored, key } = this.keys.newDataKey(accountId);
    const token = newAccountToken();
    const tokenId = randomUUID();
    await this.accounts.transaction(async (m) => {
      await this.accounts.insertAccount(m, accountId, stored);
      await this.accounts.insertToken(m, this.tokenRow(accountId, tokenId, token, deviceName, key));
    });
    return { account: await this.view(accountId), token, tokenId };
  }

  /** A device's token as stored: its hash, its first characters, and the device name sealed. */
  private tokenRow(accountId: string, tokenId: string, token: string, deviceName: string | undefined, key: DataKey): NewToken {
    return { id: tokenId, accountId, tokenHash: sha256Hex(token), prefix: token.slice(0, 10), deviceName: deviceName ? key.sealJson(deviceAad(accountId, tokenId), deviceName) : null };
  }

  async view(accountId: string): Promise<AccountDto> {
    const { unusedAccountDays, idleAccountDays, maxNotes, maxMarkings, maxBookmarks, maxFollows, maxDevices } = this.config.accounts;
    const row = await this.accounts.view(accountId, unusedAccountDays, idleAccountDays);
    if (!row) throw new Problem(401, 'account_deleted');
    return { ...row, limits: { notes: maxNotes, markings: maxMarkings, bookmarks: maxBookmarks, follows: maxFollows, devices: maxDevices } };
  }

  /** Deletes the account and everything it holds (rows cascade), and its rate counters. */
  async remove(account: AccountRef): Promise<void> {
    await this.accounts.remove(account.id);
    await this.limits.forget([`writes:${account.id}`]);
    await this.requestCounters.forget(accountRateKeys(account.id));
  }

  async tokens(account: AccountRef): Promise<DeviceTokenDto[]> {
    const key = this.dataKey(account);
    return (await this.accounts.devices(account.id)).map((r) => ({
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
    await this.accounts.transaction(async (m) => {
      const ids = await this.accounts.lockTokens(m, account.id);
      if (!ids.includes(tokenId)) throw Problem.notFound('token', tokenId);
      if (ids.length === 1) {
        throw new Problem(409, 'only_token');
      }
      await this.accounts.deleteToken(m, account.id, tokenId);
    });
  }

  async createPairingCode(account: AccountRef): Promise<PairingCodeDto> {
    this.requireEnabled();
    await this.limitWrite(account);
    const code = newCode();
    const expiresAt = await this.accounts.transaction((m) =>
      this.accounts.insertPairingCode(m, account.id, this.keys.pairingHash(code), this.config.accounts.pairingCodeSeconds, MAX_OPEN_CODES - 1),
    );
    return { code: formatCode(code), expiresAt };
  }

  /** A new device joins the account whose code it was given; the code is used up. */
  async pair(input: string, deviceName: string | undefined, clientIp: string): Promise<CreatedAccountDto> {
    this.requireEnabled();
    const limit = await this.limits.hit(`pairing:${clientIp}`, this.config.accounts.pairingAttemptsPerIpPerHour, HOUR);
    if (!limit.allowed) throw new Problem(429, 'pairing_rate_limited').with({ headers: { 'Retry-After': String(limit.retryAfter) } });
    const code = normalizeCode(input);
    const gone = (): Problem => new Problem(410, 'pairing_code_invalid');
    if (!code) throw gone();
    const token = newAccountToken();
    const tokenId = randomUUID();
    const max = this.config.accounts.maxDevices;
    const accountId = await this.accounts.transaction(async (m) => {
      const account = await this.accounts.redeemPairingCode(m, this.keys.pairingHashes(code));
      if (!account) throw gone();
      if (account.devices >= max) throw quota('devices', max, 'devices_quota', { max });
      await this.accounts.insertToken(m, this.tokenRow(account.id, tokenId, token, deviceName, this.keys.unwrap(account.id, account.key)));
      return account.id;
    });
    return { account: await this.view(accountId), token, tokenId };
  }

  /** One more write of this account; 429 over ME_WRITES_PER_MINUTE. */
  async limitWrite(account: AccountRef): Promise<void> {
    const limit = await this.limits.hit(`writes:${account.id}`, this.config.accounts.writesPerMinute, 60);
    if (!limit.allowed) {
      throw new Problem(429, 'account_writes_limited', { max: this.config.accounts.writesPerMinute, seconds: limit.retryAfter }).with({
        headers: { 'Retry-After': String(limit.retryAfter) },
      });
    }
  }

  grants(bodyId: string): Promise<MemberGrantDto[]> {
    return this.accounts.grants(bodyId);
  }

  /** Grants member access to a body (idempotent); 404 when the account does not exist. */
  async grant(bodyId: string, accountId: string, byKeyId: string | null): Promise<MemberGrantDto> {
    await this.accounts.grant(bodyId, accountId, byKeyId);
    const [grant] = await this.accounts.grants(bodyId, accountId);
    if (!grant) throw Problem.notFound('app-account', accountId);
    return grant;
  }

  async ungrant(bodyId: string, accountId: string): Promise<void> {
    if (!(await this.accounts.ungrant(bodyId, accountId))) throw Problem.notFound('member-access', accountId);
  }

  requireEnabled(): void {
    if (!this.keys.enabled) throw new Problem(503, 'accounts_not_configured');
  }
}

/** The problem of a create that would exceed a quota: 403 with `quota: { kind, limit }`. */
export function quota(kind: keyof UsageDto, limit: number, detail: DetailKey, params: Params): Problem {
  return new Problem(403, detail, params).with({ extensions: { quota: { kind, limit } } });
}
