import { Injectable } from '@nestjs/common';
import { Db } from '../../infra/database/db.service';
import { ITEM_KINDS, ITEM_TABLES, ItemKind } from './items';

export interface SyncEntry {
  kind: ItemKind;
  id: string;
  position: string;
  version: number;
  deleted: boolean;
}

/**
 * The account's own changes in the order they were made: every item carries the sync
 * position (`seq`) of its last change, unique per account, and writes of one account are
 * serialised (PersonalWriter), so positions become visible in order and a cursor never skips.
 */
@Injectable()
export class SyncRepository {
  constructor(private readonly db: Db) {}

  /**
   * Up to `limit` changes after `after`, and the account's newest position as of the same
   * snapshot (`head`): a sync that read everything continues from there, past tombstones a
   * first sync leaves out, and never past a change not yet committed.
   */
  async changes(accountId: string, after: string, limit: number, withTombstones: boolean): Promise<{ entries: SyncEntry[]; head: string }> {
    const live = withTombstones ? '' : 'AND deleted_at IS NULL';
    const branches = ITEM_KINDS.map(
      (kind) =>
        `(SELECT '${kind}' AS kind, id, seq, version, deleted_at IS NOT NULL AS deleted FROM ${ITEM_TABLES[kind]}
          WHERE account_id = $1 AND seq > $2::bigint ${live} ORDER BY seq LIMIT $3)`,
    );
    const rows = await this.db.rows<Partial<SyncEntry> & { head: string }>(
      `WITH h AS (SELECT change_seq::text AS head FROM app_account WHERE id = $1)
       SELECT h.head, x.kind, x.id, x.seq::text AS position, x.version, x.deleted
       FROM h LEFT JOIN LATERAL (SELECT * FROM (${branches.join(' UNION ALL ')}) u ORDER BY u.seq LIMIT $3) x ON true
       ORDER BY x.seq`,
      [accountId, after, limit],
    );
    return { entries: rows.filter((r): r is SyncEntry & { head: string } => r.id !== null && r.id !== undefined), head: rows[0]?.head ?? after };
  }

  /** Tombstones up to this position were purged: a sync from before it must start over. */
  async purgedSeq(accountId: string): Promise<string> {
    const row = await this.db.one<{ seq: string }>(`SELECT purged_seq::text AS seq FROM app_account WHERE id = $1`, [accountId]);
    return row?.seq ?? '0';
  }
}
