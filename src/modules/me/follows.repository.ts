import { Injectable } from '@nestjs/common';
import type { ResourceKind } from '../../common/access/resources';
import { pageQuery, Params } from '../../common/pagination/keyset';
import { Db } from '../../infra/database/db.service';
import { ITEM_ORDER, stampColumns, StampRow } from './items';
import type { FollowKind } from './me.entities';
import type { ReadContext } from './notes.repository';
import type { PersonalTx } from './personal-writer';
import { TargetInfo, targetInfoByType } from './targets.sql';

export interface FollowRow extends StampRow {
  kind: FollowKind;
  targetId: string | null;
  bodySlug: string | null;
  keyword: Buffer | null;
  target: TargetInfo | null;
}

export const FOLLOW_ORDER = ITEM_ORDER('f');
const FOLLOW_OBJECTS: ResourceKind[] = ['committee', 'document', 'session'];

const followColumns = (members: string, base: string): string =>
  `${stampColumns('f')}, f.kind, f.target_id AS "targetId", f.keyword, (SELECT fb.slug FROM body fb WHERE fb.id = f.body_id) AS "bodySlug",
   ${targetInfoByType(FOLLOW_OBJECTS, 'f.kind::text', 'f.target_id', members, base)} AS target`;

/** Follows: committees, documents, sessions and keywords (the keyword sealed). */
@Injectable()
export class FollowsRepository {
  constructor(private readonly db: Db) {}

  async list(ctx: ReadContext, f: { kind?: FollowKind; bodyId?: string; modifiedSince?: string; cursor?: string }, limit: number): Promise<FollowRow[]> {
    const p = new Params();
    const where = [`f.account_id = ${p.add(ctx.accountId)}`, 'f.deleted_at IS NULL'];
    if (f.kind) where.push(`f.kind = ${p.add(f.kind)}`);
    if (f.bodyId) where.push(`f.body_id = ${p.add(f.bodyId)}`);
    if (f.modifiedSince) where.push(`f.modified_at >= ${p.add(f.modifiedSince)}::timestamptz`);
    const members = p.add([...ctx.memberBodyIds]);
    const base = p.add(ctx.publicUrl);
    return this.db.rows<FollowRow>(pageQuery(followColumns(members, base), { table: 'me_follow', alias: 'f', where, order: FOLLOW_ORDER, cursor: f.cursor, limit }, p), p.values);
  }

  /** Every live follow of the account (at most ME_MAX_FOLLOWS), for the feed. */
  async all(accountId: string): Promise<{ id: string; kind: FollowKind; targetId: string | null; bodyId: string | null; keyword: Buffer | null }[]> {
    return this.db.rows(`SELECT id, kind, target_id AS "targetId", body_id AS "bodyId", keyword FROM me_follow WHERE account_id = $1 AND deleted_at IS NULL ORDER BY created_at, id`, [accountId]);
  }

  async one(ctx: ReadContext, id: string): Promise<FollowRow | undefined> {
    return this.db.one<FollowRow>(`SELECT ${followColumns('$3', '$4')} FROM me_follow f WHERE f.account_id = $1 AND f.id = $2`, [ctx.accountId, id, [...ctx.memberBodyIds], ctx.publicUrl]);
  }

  async byIds(ctx: ReadContext, ids: string[]): Promise<FollowRow[]> {
    return this.db.rows<FollowRow>(`SELECT ${followColumns('$3', '$4')} FROM me_follow f WHERE f.account_id = $1 AND f.id = ANY($2::uuid[])`, [ctx.accountId, ids, [...ctx.memberBodyIds], ctx.publicUrl]);
  }

  /** The item with this id, or else the live follow of the same object or keyword; locked. */
  async lockByIdOrSubject(tx: PersonalTx, ctx: ReadContext, id: string | null, subject: { kind: FollowKind; targetId: string | null; bodyId: string; keywordToken: string | null }): Promise<FollowRow[]> {
    return tx.m.query(
      `SELECT ${followColumns('$7', '$8')} FROM me_follow f
       WHERE f.account_id = $1 AND (f.id = $2 OR (f.deleted_at IS NULL AND f.kind = $3 AND (f.target_id = $4 OR (f.body_id = $5 AND f.keyword_token = $6))))
       ORDER BY f.id = $2 DESC FOR UPDATE OF f`,
      [ctx.accountId, id, subject.kind, subject.targetId, subject.bodyId, subject.keywordToken, [...ctx.memberBodyIds], ctx.publicUrl],
    );
  }

  async lock(tx: PersonalTx, id: string): Promise<{ deleted: boolean } | undefined> {
    const rows: { deleted: boolean }[] = await tx.m.query(`SELECT deleted_at IS NOT NULL AS deleted FROM me_follow WHERE account_id = $1 AND id = $2 FOR UPDATE`, [tx.accountId, id]);
    return rows[0];
  }

  async countLive(tx: PersonalTx): Promise<number> {
    const [row]: { n: number }[] = await tx.m.query(`SELECT count(*)::int AS n FROM me_follow WHERE account_id = $1 AND deleted_at IS NULL`, [tx.accountId]);
    return row.n;
  }

  async insert(tx: PersonalTx, row: { id: string; kind: FollowKind; targetId: string | null; bodyId: string; keyword: Buffer | null; keywordToken: string | null }): Promise<void> {
    await tx.m.query(`INSERT INTO me_follow (account_id, id, seq, kind, target_id, body_id, keyword, keyword_token) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [
      tx.accountId,
      row.id,
      tx.nextSeq(),
      row.kind,
      row.targetId,
      row.bodyId,
      row.keyword,
      row.keywordToken,
    ]);
  }
}
