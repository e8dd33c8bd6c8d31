import { Injectable } from '@nestjs/common';
import { RESOURCE_KINDS, ResourceKind } from '../../common/access/resources';
import { pageQuery, Params } from '../../common/pagination/keyset';
import { Db } from '../../infra/database/db.service';
import { ITEM_ORDER, stampColumns, StampRow } from './items';
import type { ReadContext } from './notes.repository';
import type { PersonalTx } from './personal-writer';
import { TargetResolver } from './target-resolver';
import { TargetInfo, targetInfoByType } from './targets.sql';

export interface BookmarkRow extends StampRow {
  targetType: ResourceKind;
  targetId: string;
  target: TargetInfo | null;
}

export const BOOKMARK_ORDER = ITEM_ORDER('b');

const own = `${stampColumns('b')}, b.target_type AS "targetType", b.target_id AS "targetId"`;
const bookmarkColumns = (members: string, base: string): string => `${own}, ${targetInfoByType(RESOURCE_KINDS, 'b.target_type::text', 'b.target_id', members, base)} AS target`;

@Injectable()
export class BookmarksRepository {
  constructor(
    private readonly db: Db,
    private readonly targets: TargetResolver,
  ) {}

  async list(ctx: ReadContext, f: { targetType?: ResourceKind; targetId?: string; bodyId?: string; modifiedSince?: string; cursor?: string }, limit: number): Promise<BookmarkRow[]> {
    const p = new Params();
    const where = [`b.account_id = ${p.add(ctx.accountId)}`, 'b.deleted_at IS NULL'];
    if (f.targetType) where.push(`b.target_type = ${p.add(f.targetType)}`);
    if (f.targetId) where.push(`b.target_id = ${p.add(f.targetId)}`);
    if (f.bodyId) where.push(`b.body_id = ${p.add(f.bodyId)}`);
    if (f.modifiedSince) where.push(`b.modified_at >= ${p.add(f.modifiedSince)}::timestamptz`);
    const members = p.add([...ctx.memberBodyIds]);
    const base = p.add(ctx.publicUrl);
    return this.db.rows<BookmarkRow>(pageQuery(bookmarkColumns(members, base), { table: 'me_bookmark', alias: 'b', where, order: BOOKMARK_ORDER, cursor: f.cursor, limit }, p), p.values);
  }

  async one(ctx: ReadContext, id: string): Promise<BookmarkRow | undefined> {
    return this.db.one<BookmarkRow>(`SELECT ${bookmarkColumns('$3', '$4')} FROM me_bookmark b WHERE b.account_id = $1 AND b.id = $2`, [ctx.accountId, id, [...ctx.memberBodyIds], ctx.publicUrl]);
  }

  async byIds(ctx: ReadContext, ids: string[]): Promise<BookmarkRow[]> {
    const rows = await this.db.rows<Omit<BookmarkRow, 'target'>>(`SELECT ${own} FROM me_bookmark b WHERE b.account_id = $1 AND b.id = ANY($2::uuid[])`, [ctx.accountId, ids]);
    const targets = await this.targets.infos(RESOURCE_KINDS, rows.map((r) => ({ type: r.targetType, id: r.targetId })), ctx.memberBodyIds, ctx.publicUrl);
    return rows.map((r) => ({ ...r, target: targets.get(`${r.targetType}:${r.targetId}`) ?? null }));
  }

  /** The item with this id, or else the live bookmark of this target; locked. */
  async lockByIdOrTarget(tx: PersonalTx, ctx: ReadContext, id: string | null, targetType: ResourceKind, targetId: string): Promise<BookmarkRow[]> {
    return tx.m.query(
      `SELECT ${bookmarkColumns('$5', '$6')} FROM me_bookmark b
       WHERE b.account_id = $1 AND (b.id = $2 OR (b.target_type = $3 AND b.target_id = $4 AND b.deleted_at IS NULL)) ORDER BY b.id = $2 DESC FOR UPDATE OF b`,
      [ctx.accountId, id, targetType, targetId, [...ctx.memberBodyIds], ctx.publicUrl],
    );
  }

  async lock(tx: PersonalTx, id: string): Promise<{ deleted: boolean } | undefined> {
    const rows: { deleted: boolean }[] = await tx.m.query(`SELECT deleted_at IS NOT NULL AS deleted FROM me_bookmark WHERE account_id = $1 AND id = $2 FOR UPDATE`, [tx.accountId, id]);
    return rows[0];
  }

  async countLive(tx: PersonalTx): Promise<number> {
    const [row]: { n: number }[] = await tx.m.query(`SELECT count(*)::int AS n FROM me_bookmark WHERE account_id = $1 AND deleted_at IS NULL`, [tx.accountId]);
    return row.n;
  }

  async insert(tx: PersonalTx, row: { id: string; targetType: ResourceKind; targetId: string; bodyId: string }): Promise<void> {
    await tx.m.query(`INSERT INTO me_bookmark (account_id, id, seq, target_type, target_id, body_id) VALUES ($1, $2, $3, $4, $5, $6)`, [
      tx.accountId,
      row.id,
      tx.nextSeq(),
      row.targetType,
      row.targetId,
      row.bodyId,
    ]);
  }
}
