import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ts } from '../../common/sql/format';
import { Db } from '../../infra/database/db.service';
import type { WrappedKey } from './accounts.crypto';
import type { MemberGrantDto, UsageDto } from './dto/account.dto';

export interface TokenRow {
  tokenId: string;
  accountId: string;
  keyId: string;
  wrappedKey: Buffer;
  /** Not used for an hour: the use is worth recording. */
  stale: boolean;
  memberBodyIds: string[];
}

export interface AccountRow {
  id: string;
  createdAt: string;
  lastUsedAt: string;
  expiresAt: string | null;
  memberOf: { body: string; name: string; grantedAt: string }[];
  usage: UsageDto;
}

export interface NewToken {
  id: string;
  accountId: string;
  tokenHash: string;
  prefix: string;
  deviceName: Buffer | null;
}

export interface DeviceRow {
  id: string;
  deviceName: Buffer | null;
  prefix: string;
  createdAt: string;
  lastUsedAt: string;
}

/** The SQL of app accounts, their tokens, pairing codes and member grants. */
@Injectable()
export class AccountsRepository {
  constructor(private readonly db: Db) {}

  async byTokenHash(hash: string): Promise<TokenRow | undefined> {
    return this.db.one<TokenRow>(
      `SELECT t.id AS "tokenId", t.account_id AS "accountId", a.key_id AS "keyId", a.wrapped_key AS "wrappedKey",
         LEAST(t.last_used_at, a.last_used_at) < now() - interval '1 hour' AS stale,
         ARRAY(SELECT g.body_id FROM app_member_grant g WHERE g.account_id = t.account_id ORDER BY g.body_id) AS "memberBodyIds"
       FROM app_account_token t JOIN app_account a ON a.id = t.account_id WHERE t.token_hash = $1`,
      [hash],
    );
  }

  /** Records a use of the token and its account, committed without waiting for the disk. */
  async touch(tokenId: string): Promise<void> {
    await this.db.dataSource.transaction(async (m) => {
      await m.query(`SET LOCAL synchronous_commit = off`);
      await m.query(
        `WITH t AS (UPDATE app_account_token SET last_used_at = now() WHERE id = $1 RETURNING account_id)
         UPDATE app_account SET last_used_at = now() WHERE id = (SELECT account_id FROM t)`,
        [tokenId],
      );
    });
  }

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.dataSource.transaction(work);
  }

  /** A new account; its feed starts now (what changed before it existed is not news to it). */
  async insertAccount(m: EntityManager, id: string, key: WrappedKey): Promise<void> {
    await m.query(`INSERT INTO app_account (id, key_id, wrapped_key, feed_position) VALUES ($1, $2, $3, COALESCE((SELECT max(id) FROM change_event), 0))`, [
      id,
      key.keyId,
      key.wrapped,
    ]);
  }

  async insertToken(m: EntityManager, row: NewToken): Promise<void> {
    await m.query(`INSERT INTO app_account_token (id, account_id, token_hash, token_prefix, device_name) VALUES ($1, $2, $3, $4, $5)`, [
      row.id,
      row.accountId,
      row.tokenHash,
      row.prefix,
      row.deviceName,
    ]);
  }

  /** The account with what it holds and when it expires (`unusedDays` when it holds nothing, else `idleDays`; 0 = never). */
  async view(accountId: string, unusedDays: number, idleDays: number): Promise<AccountRow | undefined> {
    return this.db.one<AccountRow>(
      `SELECT a.id, ${ts('a.created_at')} AS "createdAt", ${ts('a.last_used_at')} AS "lastUsedAt",
         u.usage, COALESCE((SELECT json_agg(json_build_object('body', b.slug, 'name', b.name, 'grantedAt', ${ts('g.granted_at')}) ORDER BY b.slug)
           FROM app_member_grant g JOIN body b ON b.id = g.body_id WHERE g.account_id = a.id AND b.deleted_at IS NULL), '[]'::json) AS "memberOf",
         ${ts(`CASE WHEN (u.usage->>'notes')::int + (u.usage->>'markings')::int + (u.usage->>'bookmarks')::int + (u.usage->>'follows')::int = 0
                         AND NOT EXISTS (SELECT 1 FROM app_member_grant g WHERE g.account_id = a.id)
                    THEN LEAST(a.last_used_at + make_interval(days => $2), CASE WHEN $3 > 0 THEN a.last_used_at + make_interval(days => $3) END)
                    WHEN $3 > 0 THEN a.last_used_at + make_interval(days => $3) END`)} AS "expiresAt"
       FROM app_account a, LATERAL (SELECT json_build_object(
           'notes', (SELECT count(*) FROM me_note n WHERE n.account_id = a.id AND n.deleted_at IS NULL),
           'markings', (SELECT count(*) FROM me_marking k WHERE k.account_id = a.id AND k.deleted_at IS NULL),
           'bookmarks', (SELECT count(*) FROM me_bookmark b WHERE b.account_id = a.id AND b.deleted_at IS NULL),
           'follows', (SELECT count(*) FROM me_follow f WHERE f.account_id = a.id AND f.deleted_at IS NULL),
           'devices', (SELECT count(*) FROM app_account_token t WHERE t.account_id = a.id)) AS usage) u
       WHERE a.id = $1`,
      [accountId, unusedDays, idleDays],
    );
  }

  /** Deletes the account; everything it holds goes with it (foreign keys cascade). */
  async remove(accountId: string): Promise<void> {
    await this.db.rows(`DELETE FROM app_account WHERE id = $1`, [accountId]);
  }

  async devices(accountId: string): Promise<DeviceRow[]> {
    return this.db.rows<DeviceRow>(
      `SELECT id, device_name AS "deviceName", token_prefix AS prefix, ${ts('created_at')} AS "createdAt", ${ts('last_used_at')} AS "lastUsedAt"
       FROM app_account_token WHERE account_id = $1 ORDER BY created_at, id`,
      [accountId],
    );
  }

  /** The ids of the account's tokens, locked. */
  async lockTokens(m: EntityManager, accountId: string): Promise<string[]> {
    const rows: { id: string }[] = await m.query(`SELECT id FROM app_account_token WHERE account_id = $1 FOR UPDATE`, [accountId]);
    return rows.map((r) => r.id);
  }

  async deleteToken(m: EntityManager, accountId: string, tokenId: string): Promise<void> {
    await m.query(`DELETE FROM app_account_token WHERE id = $1 AND account_id = $2`, [tokenId, accountId]);
  }

  /** A new pairing code of the account; expired ones, and all but the newest `keep` others, go. */
  async insertPairingCode(m: EntityManager, accountId: string, codeHash: string, seconds: number, keep: number): Promise<string> {
    await m.query(`SELECT 1 FROM app_account WHERE id = $1 FOR UPDATE`, [accountId]);
    await m.query(
      `DELETE FROM app_pairing_code WHERE account_id = $1 AND (expires_at <= now() OR code_hash IN (
         SELECT code_hash FROM app_pairing_code WHERE account_id = $1 ORDER BY created_at DESC OFFSET $2))`,
      [accountId, keep],
    );
    const [row]: { expiresAt: string }[] = await m.query(
      `INSERT INTO app_pairing_code (code_hash, account_id, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3)) RETURNING ${ts('expires_at')} AS "expiresAt"`,
      [codeHash, accountId, seconds],
    );
    return row.expiresAt;
  }

  /** Uses up a valid pairing code (one of `hashes`): its account, locked, with its key and number of devices. */
  async redeemPairingCode(m: EntityManager, hashes: string[]): Promise<{ id: string; key: WrappedKey; devices: number } | null> {
    // TypeORM answers a DELETE … RETURNING with [rows, count].
    const [used]: [{ accountId: string }[], number] = await m.query(
      `DELETE FROM app_pairing_code WHERE code_hash = ANY($1::text[]) AND expires_at > now() RETURNING account_id AS "accountId"`,
      [hashes],
    );
    const id = used[0]?.accountId;
    if (!id) return null;
    const [account]: { keyId: string; wrappedKey: Buffer; devices: number }[] = await m.query(
      `SELECT key_id AS "keyId", wrapped_key AS "wrappedKey", (SELECT count(*)::int FROM app_account_token t WHERE t.account_id = a.id) AS devices
       FROM app_account a WHERE a.id = $1 FOR UPDATE`,
      [id],
    );
    return { id, key: { keyId: account.keyId, wrapped: account.wrappedKey }, devices: account.devices };
  }

  async grants(bodyId: string, accountId?: string): Promise<MemberGrantDto[]> {
    return this.db.rows<MemberGrantDto>(
      `SELECT g.account_id AS "accountId", b.slug AS body, ${ts('g.granted_at')} AS "grantedAt", ${ts('a.last_used_at')} AS "lastUsedAt"
       FROM app_member_grant g JOIN app_account a ON a.id = g.account_id JOIN body b ON b.id = g.body_id
       WHERE g.body_id = $1 AND ($2::uuid IS NULL OR g.account_id = $2::uuid) ORDER BY g.granted_at, g.account_id`,
      [bodyId, accountId ?? null],
    );
  }

  async grant(bodyId: string, accountId: string, byKeyId: string | null): Promise<void> {
    await this.db.rows(
      `INSERT INTO app_member_grant (account_id, body_id, granted_by_key_id) SELECT a.id, $2, $3 FROM app_account a WHERE a.id = $1
       ON CONFLICT (account_id, body_id) DO NOTHING`,
      [accountId, bodyId, byKeyId],
    );
  }

  /** Whether there was a grant to withdraw. */
  async ungrant(bodyId: string, accountId: string): Promise<boolean> {
    const rows = await this.db.rows(`DELETE FROM app_member_grant WHERE account_id = $1 AND body_id = $2 RETURNING account_id`, [accountId, bodyId]);
    return rows.length > 0;
  }
}
