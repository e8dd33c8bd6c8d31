import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { AccountsConfig } from '../../config/config';
import type { AccountKeyRing } from '../accounts/accounts.crypto';
import { filesToReanchor, reanchorFile } from './anchoring.job';
import { ITEM_KINDS, ITEM_TABLES } from './items';

const BATCH = 500;

export interface HousekeepingResult {
  reanchored: number;
  expiredAccounts: number;
  purgedTombstones: number;
  rewrapped: number;
}

/**
 * The worker's periodic care of app accounts, run every ME_TICK_SECONDS by one worker at a
 * time (a BullMQ job scheduler): re-anchoring sweep, expiry of unused accounts, purging old
 * tombstones, expired pairing codes and idempotency keys, and re-wrapping data keys with the
 * newest server key after a rotation. Every step is bounded and idempotent.
 */
export class AccountHousekeeping {
  private readonly logger = new Logger('accounts');

  constructor(
    private readonly ds: DataSource,
    private readonly keys: AccountKeyRing,
    private readonly config: AccountsConfig,
  ) {}

  async tick(): Promise<HousekeepingResult> {
    const result: HousekeepingResult = { reanchored: 0, expiredAccounts: 0, purgedTombstones: 0, rewrapped: 0 };
    for (const fileId of await filesToReanchor(this.ds)) result.reanchored += await reanchorFile(this.ds, this.keys, fileId);
    result.expiredAccounts = await this.expireAccounts();
    result.purgedTombstones = await this.purgeTombstones();
    await this.ds.query(`DELETE FROM app_pairing_code WHERE expires_at <= now()`);
    await this.ds.query(`DELETE FROM me_idempotency_key WHERE created_at < now() - interval '24 hours'`);
    await this.ds.query(`DELETE FROM me_file_anchor a WHERE NOT EXISTS (SELECT 1 FROM me_marking k WHERE k.file_id = a.file_id AND k.deleted_at IS NULL)`);
    result.rewrapped = await this.rewrap();
    if (result.expiredAccounts || result.rewrapped) this.logger.log(`expired ${result.expiredAccounts} unused accounts; re-wrapped ${result.rewrapped} data keys`);
    return result;
  }

  /**
   * Deletes (with everything in them) accounts not used for ME_IDLE_ACCOUNT_DAYS, and those
   * that hold nothing and no member access and were not used for ME_UNUSED_ACCOUNT_DAYS.
   */
  async expireAccounts(): Promise<number> {
    const empty = ITEM_KINDS.map((kind) => `NOT EXISTS (SELECT 1 FROM ${ITEM_TABLES[kind]} i WHERE i.account_id = a.id AND i.deleted_at IS NULL)`).join(' AND ');
    let total = 0;
    for (;;) {
      const result: unknown = await this.ds.query(
        `DELETE FROM app_account WHERE id IN (
           SELECT a.id FROM app_account a
           WHERE ($1 > 0 AND a.last_used_at < now() - make_interval(days => $1))
              OR (a.last_used_at < now() - make_interval(days => $2) AND ${empty}
                  AND NOT EXISTS (SELECT 1 FROM app_member_grant g WHERE g.account_id = a.id))
           LIMIT $3)
         RETURNING id`,
        [this.config.idleAccountDays, this.config.unusedAccountDays, BATCH],
      );
      const n = deleted(result);
      total += n;
      if (n < BATCH) return total;
    }
  }

  /** Drops tombstones older than ME_TOMBSTONE_DAYS and remembers, per account, up to where. */
  async purgeTombstones(): Promise<number> {
    let total = 0;
    for (const kind of ITEM_KINDS) {
      const rows: { n: number }[] = await this.ds.query(
        `WITH gone AS (
           DELETE FROM ${ITEM_TABLES[kind]} WHERE deleted_at < now() - make_interval(days => $1) RETURNING account_id, seq
         ), marks AS (
           UPDATE app_account a SET purged_seq = GREATEST(a.purged_seq, g.seq) FROM (SELECT account_id, max(seq) AS seq FROM gone GROUP BY account_id) g
           WHERE a.id = g.account_id RETURNING a.id
         ) SELECT (SELECT count(*) FROM gone)::int AS n`,
        [this.config.tombstoneDays],
      );
      total += rows[0]?.n ?? 0;
    }
    return total;
  }

  /** Data keys wrapped by an older server key, re-wrapped by the newest (a batch per tick). */
  async rewrap(): Promise<number> {
    if (!this.keys.enabled) return 0;
    const rows: { id: string; keyId: string; wrappedKey: Buffer }[] = await this.ds.query(
      `SELECT id, key_id AS "keyId", wrapped_key AS "wrappedKey" FROM app_account WHERE key_id <> $1 LIMIT $2`,
      [this.keys.activeKeyId, BATCH],
    );
    for (const row of rows) {
      const next = this.keys.rewrap(row.id, { keyId: row.keyId, wrapped: row.wrappedKey });
      if (next) await this.ds.query(`UPDATE app_account SET key_id = $2, wrapped_key = $3 WHERE id = $1 AND key_id = $4`, [row.id, next.keyId, next.wrapped, row.keyId]);
    }
    return rows.length;
  }
}

/** TypeORM answers DELETE … RETURNING with [rows, count]. */
function deleted(result: unknown): number {
  return Array.isArray(result) && typeof result[1] === 'number' ? result[1] : Array.isArray(result) ? result.length : 0;
}
