import type { AccountRef } from '../../common/access/access';
import { Injectable } from '@nestjs/common';
import { pageQuery, Params } from '../../common/pagination/keyset';
import { Db } from '../../infra/database/db.service';
import { ITEM_ORDER, stampColumns, StampRow } from './items';
import { NOTE_TARGETS, NoteTargetType } from './me.entities';
import type { PersonalTx } from './personal-writer';
import { TargetResolver } from './target-resolver';
import { TargetInfo, targetInfoByType } from './targets.sql';

/** Who reads: the account, the bodies it is a member of, and the base of links. */
export interface ReadContext {
  accountId: string;
  memberBodyIds: readonly string[];
  publicUrl: string;
}

/** What the account-wide reads need to know of a request: who reads, which bodies they are a member of, the public URL. */
export function readContext(account: AccountRef, publicUrl: string): ReadContext {
  return { accountId: account.id, memberBodyIds: account.memberBodyIds, publicUrl };
}

export interface NoteRow extends StampRow {
  targetType: NoteTargetType;
  targetId: string;
  page: number | null;
  content: Buffer | null;
  target: TargetInfo | null;
}

export interface NoteFilters {
  targetType?: NoteTargetType;
  targetId?: string;
  bodyId?: string;
  tagToken?: string;
  /** Per query word, the tokens of its spellings: every word must match one. */
  search?: string[][];
  modifiedSince?: string;
  cursor?: string;
}

export const NOTE_ORDER = ITEM_ORDER('n');

const own = `${stampColumns('n')}, n.target_type AS "targetType", n.target_id AS "targetId", n.page, n.content`;
const columns = (members: string, base: string): string => `${own}, ${targetInfoByType(NOTE_TARGETS, 'n.target_type', 'n.target_id', members, base)} AS target`;

@Injectable()
export class NotesRepository {
  constructor(
    private readonly db: Db,
    private readonly targets: TargetResolver,
  ) {}

  /** A page of the account's live notes, newest first; the outer query looks up targets for the page only. */
  async list(ctx: ReadContext, f: NoteFilters, limit: number): Promise<NoteRow[]> {
    const p = new Params();
    const where = [`n.account_id = ${p.add(ctx.accountId)}`, 'n.deleted_at IS NULL'];
    if (f.targetType) where.push(`n.target_type = ${p.add(f.targetType)}`);
    if (f.targetId) where.push(`n.target_id = ${p.add(f.targetId)}`);
    if (f.bodyId) where.push(`n.body_id = ${p.add(f.bodyId)}`);
    if (f.tagToken) where.push(`n.tag_tokens @> ARRAY[${p.add(f.tagToken)}::bigint]`);
    for (const tokens of f.search ?? []) where.push(`n.search_tokens && ${p.add(tokens)}::bigint[]`);
    if (f.modifiedSince) where.push(`n.modified_at >= ${p.add(f.modifiedSince)}::timestamptz`);
    const members = p.add([...ctx.memberBodyIds]);
    const base = p.add(ctx.publicUrl);
    const page = { table: 'me_note', alias: 'n', where, order: NOTE_ORDER, cursor: f.cursor, limit };
    return this.db.rows<NoteRow>(pageQuery(columns(members, base), page, p), p.values);
  }

  /** One note of the account, live or deleted. */
  async one(ctx: ReadContext, id: string): Promise<NoteRow | undefined> {
    return this.db.one<NoteRow>(`SELECT ${columns('$3', '$4')} FROM me_note n WHERE n.account_id = $1 AND n.id = $2`, [ctx.accountId, id, [...ctx.memberBodyIds], ctx.publicUrl]);
  }

  /** Notes of the account by id (live or deleted), for the sync feed and the export. */
  async byIds(ctx: ReadContext, ids: string[]): Promise<NoteRow[]> {
    const rows = await this.db.rows<Omit<NoteRow, 'target'>>(`SELECT ${own} FROM me_note n WHERE n.account_id = $1 AND n.id = ANY($2::uuid[])`, [ctx.accountId, ids]);
    // Many notes share a target: each is looked up once.
    const targets = await this.targets.infos(NOTE_TARGETS, rows.map((r) => ({ type: r.targetType, id: r.targetId })), ctx.memberBodyIds, ctx.publicUrl);
    return rows.map((r) => ({ ...r, target: targets.get(`${r.targetType}:${r.targetId}`) ?? null }));
  }

  /** The same, locked for a change. */
  async lock(tx: PersonalTx, ctx: ReadContext, id: string): Promise<NoteRow | undefined> {
    const rows: NoteRow[] = await tx.m.query(`SELECT ${columns('$3', '$4')} FROM me_note n WHERE n.account_id = $1 AND n.id = $2 FOR UPDATE OF n`, [
      ctx.accountId,
      id,
      [...ctx.memberBodyIds],
      ctx.publicUrl,
    ]);
    return rows[0];
  }

  async countLive(tx: PersonalTx): Promise<number> {
    const [row]: { n: number }[] = await tx.m.query(`SELECT count(*)::int AS n FROM me_note WHERE account_id = $1 AND deleted_at IS NULL`, [tx.accountId]);
    return row.n;
  }

  async insert(
    tx: PersonalTx,
    row: { id: string; targetType: NoteTargetType; targetId: string; bodyId: string; page: number | null; content: Buffer; tagTokens: string[]; searchTokens: string[] },
  ): Promise<void> {
    await tx.m.query(
      `INSERT INTO me_note (account_id, id, seq, target_type, target_id, body_id, page, content, tag_tokens, search_tokens)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::bigint[], $10::bigint[])`,
      [tx.accountId, row.id, tx.nextSeq(), row.targetType, row.targetId, row.bodyId, row.page, row.content, row.tagTokens, row.searchTokens],
    );
  }

  async update(tx: PersonalTx, id: string, row: { page: number | null; content: Buffer; tagTokens: string[]; searchTokens: string[] }): Promise<void> {
    await tx.m.query(
      `UPDATE me_note SET page = $3, content = $4, tag_tokens = $5::bigint[], search_tokens = $6::bigint[], version = version + 1, seq = $7, modified_at = now()
       WHERE account_id = $1 AND id = $2`,
      [tx.accountId, id, row.page, row.content, row.tagTokens, row.searchTokens, tx.nextSeq()],
    );
  }
}

/** Turns an item into a tombstone: the content and its tokens are gone; id, version and seq stay for the sync feed. */
export async function tombstone(tx: PersonalTx, table: string, id: string, clear?: string): Promise<void> {
  await tx.m.query(`UPDATE ${table} SET ${clear ? `${clear}, ` : ''}deleted_at = now(), version = version + 1, seq = $3, modified_at = now() WHERE account_id = $1 AND id = $2`, [
    tx.accountId,
    id,
    tx.nextSeq(),
  ]);
}
