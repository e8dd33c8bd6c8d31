import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AccountRef } from '../../common/access/access';
import { etag, IfMatch, ifMatches, parseIfMatch } from '../../common/http/if-match';
import { Problem } from '../../common/http/problem';
import { DataKey, sha256Hex } from '../accounts/accounts.crypto';
import { AccountsService } from '../accounts/accounts.service';
import { ITEM_TABLES, notFound, StampRow } from './items';
import { tombstone } from './notes.repository';

/** One write transaction on an account's data. */
export interface PersonalTx {
  m: EntityManager;
  accountId: string;
  key: DataKey;
  /** The next sync position of the account (the account row is locked for the transaction). */
  nextSeq(): string;
}

/** What a create made, and whether it only repeated an earlier one. */
export interface Created {
  id: string;
  status: 200 | 201;
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;
const IDEMPOTENCY_HOURS = 24;

/**
 * Every write to an account's data goes through here: one transaction that first locks the
 * account row, so that the account's writes are serialised, its sync positions (`seq`) commit
 * in order and quotas cannot be raced; then the change, with `seq` and `version` moved on.
 */
@Injectable()
export class PersonalWriter {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly accounts: AccountsService,
  ) {}

  async transaction<T>(account: AccountRef, work: (tx: PersonalTx) => Promise<T>): Promise<T> {
    await this.accounts.limitWrite(account);
    const key = this.accounts.dataKey(account);
    return runLocked(this.ds, account.id, key, work);
  }

  /**
   * A create, made at most once per `Idempotency-Key`: a repeat with the same request answers
   * what the first one made (200 or 201 as then); a repeat with another request is a 422.
   * The key and a keyed fingerprint of the request are kept for 24 hours.
   */
  async create(
    account: AccountRef,
    idempotencyKey: string | undefined,
    request: { resource: string; body: unknown },
    work: (tx: PersonalTx) => Promise<Created>,
  ): Promise<Created & { replayed: boolean }> {
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw Problem.invalid([{ field: 'Idempotency-Key', text: 'idempotency_key' }]);
    }
    return this.transaction(account, async (tx) => {
      if (idempotencyKey === undefined) return { ...(await work(tx)), replayed: false };
      const keyHash = sha256Hex(idempotencyKey);
      const fingerprint = tx.key.fingerprint(`${request.resource}\u0000${canonicalJson(request.body)}`);
      const [seen]: { fingerprint: string; resource: string; resourceId: string; status: number }[] = await tx.m.query(
        `SELECT fingerprint, resource, resource_id AS "resourceId", status FROM me_idempotency_key
         WHERE account_id = $1 AND key_hash = $2 AND created_at > now() - make_interval(hours => $3)`,
        [tx.accountId, keyHash, IDEMPOTENCY_HOURS],
      );
      if (seen) {
        if (seen.fingerprint !== fingerprint || seen.resource !== request.resource) {
          throw new Problem(422, 'idempotency_key_reused');
        }
        return { id: seen.resourceId, status: seen.status === 201 ? 201 : 200, replayed: true };
      }
      const created = await work(tx);
      await tx.m.query(
        `INSERT INTO me_idempotency_key (account_id, key_hash, fingerprint, resource, resource_id, status) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (account_id, key_hash) DO UPDATE SET fingerprint = EXCLUDED.fingerprint, resource = EXCLUDED.resource,
           resource_id = EXCLUDED.resource_id, status = EXCLUDED.status, created_at = now()`,
        [tx.accountId, keyHash, fingerprint, request.resource, created.id, created.status],
      );
      return { ...created, replayed: false };
    });
  }

  /**
   * Deletes a note or marking of the account and clears its sealed content and search tokens
   * (and `clear`): 404 when there is none; deleting twice is no error, as a retry after a lost
   * answer must not fail; a version other than `If-Match` names is a 412 with the item's view.
   */
  removeSealed<R extends StampRow>(
    account: AccountRef,
    kind: 'note' | 'marking',
    id: string,
    ifMatch: string | undefined,
    item: { lock: (tx: PersonalTx) => Promise<R | undefined>; view: (tx: PersonalTx, row: R) => unknown; clear?: string },
  ): Promise<void> {
    const accepted = requireIfMatch(ifMatch);
    return this.transaction(account, async (tx) => {
      const row = await item.lock(tx);
      if (!row) throw notFound(kind, id);
      if (row.deleted) return;
      checkIfMatch(accepted, row.version, () => item.view(tx, row));
      await tombstone(tx, ITEM_TABLES[kind], row.id, `content = NULL, tag_tokens = '{}', search_tokens = '{}'${item.clear ?? ''}`);
    });
  }
}

/** The transaction itself, also for the worker (re-anchoring), which has no request. */
export async function runLocked<T>(ds: DataSource, accountId: string, key: DataKey, work: (tx: PersonalTx) => Promise<T>): Promise<T> {
  return ds.transaction(async (m) => {
    const [row]: { seq: string }[] = await m.query(`SELECT change_seq::text AS seq FROM app_account WHERE id = $1 FOR UPDATE`, [accountId]);
    if (!row) throw new Problem(401, 'account_deleted');
    const start = BigInt(row.seq);
    let seq = start;
    const result = await work({
      m,
      accountId,
      key,
      nextSeq: () => {
        seq += 1n;
        return seq.toString();
      },
    });
    if (seq !== start) await m.query(`UPDATE app_account SET change_seq = $2 WHERE id = $1`, [accountId, seq.toString()]);
    return result;
  });
}

/** JSON with sorted keys, so that equal requests fingerprint equally. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The versions `If-Match` accepts (see parseIfMatch); a missing or empty header is a 428. */
export function requireIfMatch(header: string | undefined): IfMatch {
  const accepted = header === undefined || header.trim() === '' ? undefined : parseIfMatch(header);
  if (accepted === undefined) {
    throw new Problem(428, 'if_match_required');
  }
  return accepted;
}

/** 412 with the stored item (`current`) unless `If-Match` names its version. */
export function checkIfMatch(accepted: IfMatch, version: number, current: () => unknown): void {
  if (ifMatches(accepted, version)) return;
  throw new Problem(412, 'item_changed', { version }).with({
    extensions: { current: current() },
    headers: { ETag: etag(version) },
  });
}

