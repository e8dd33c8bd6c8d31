import { Injectable } from '@nestjs/common';
import { pageQuery, Params } from '../../common/pagination/keyset';
import { Db } from '../../infra/database/db.service';
import type { AnchorStatus } from './anchoring';
import { ITEM_ORDER, stampColumns, StampRow } from './items';
import type { MarkingColor } from './me.entities';
import type { ReadContext } from './notes.repository';
import type { PersonalTx } from './personal-writer';
import { TargetResolver } from './target-resolver';
import { TargetInfo, targetInfo, visibleToAccount } from './targets.sql';

export interface MarkingRow extends StampRow {
  fileId: string;
  color: MarkingColor;
  anchorTextHash: string | null;
  content: Buffer | null;
  file: TargetInfo | null;
}

export interface MarkingFilters {
  fileId?: string;
  bodyId?: string;
  status?: AnchorStatus;
  tagToken?: string;
  search?: string[][];
  modifiedSince?: string;
  cursor?: string;
}

/** The columns a marking is written with. */
export interface MarkingWrite {
  color: MarkingColor;
  anchorStatus: AnchorStatus;
  anchorTextHash: string | null;
  content: Buffer;
  tagTokens: string[];
  searchTokens: string[];
}

export const MARKING_ORDER = ITEM_ORDER('k');

const own = `${stampColumns('k')}, k.file_id AS "fileId", k.color, k.anchor_text_hash AS "anchorTextHash", k.content`;
const columns = (members: string, base: string): string => `${own}, ${targetInfo('file', 'k.file_id', members, base)} AS file`;

@Injectable()
export class MarkingsRepository {
  constructor(
    private readonly db: Db,
    private readonly targets: TargetResolver,
  ) {}

  async list(ctx: ReadContext, f: MarkingFilters, limit: number): Promise<MarkingRow[]> {
    const p = new Params();
    const where = [`k.account_id = ${p.add(ctx.accountId)}`, 'k.deleted_at IS NULL'];
    if (f.fileId) where.push(`k.file_id = ${p.add(f.fileId)}`);
    if (f.bodyId) where.push(`k.body_id = ${p.add(f.bodyId)}`);
    if (f.status) where.push(`k.anchor_status = ${p.add(f.status)}`);
    if (f.tagToken) where.push(`k.tag_tokens @> ARRAY[${p.add(f.tagToken)}::bigint]`);
    for (const tokens of f.search ?? []) where.push(`k.search_tokens && ${p.add(tokens)}::bigint[]`);
    if (f.modifiedSince) where.push(`k.modified_at >= ${p.add(f.modifiedSince)}::timestamptz`);
    const members = p.add([...ctx.memberBodyIds]);
    const base = p.add(ctx.publicUrl);
    const page = { table: 'me_marking', alias: 'k', where, order: MARKING_ORDER, cursor: f.cursor, limit };
    return this.db.rows<MarkingRow>(pageQuery(columns(members, base), page, p), p.values);
  }

  async one(ctx: ReadContext, id: string): Promise<MarkingRow | undefined> {
    return this.db.one<MarkingRow>(`SELECT ${columns('$3', '$4')} FROM me_marking k WHERE k.account_id = $1 AND k.id = $2`, [ctx.accountId, id, [...ctx.memberBodyIds], ctx.publicUrl]);
  }

  async byIds(ctx: ReadContext, ids: string[]): Promise<MarkingRow[]> {
    const rows = await this.db.rows<Omit<MarkingRow, 'file'>>(`SELECT ${own} FROM me_marking k WHERE k.account_id = $1 AND k.id = ANY($2::uuid[])`, [ctx.accountId, ids]);
    // Many markings share a file: each is looked up once.
    const files = await this.targets.infos(['file'], rows.map((r) => ({ type: 'file', id: r.fileId })), ctx.memberBodyIds, ctx.publicUrl);
    return rows.map((r) => ({ ...r, file: files.get(`file:${r.fileId}`) ?? null }));
  }

  async lock(tx: PersonalTx, ctx: ReadContext, id: string): Promise<MarkingRow | undefined> {
    const rows: MarkingRow[] = await tx.m.query(`SELECT ${columns('$3', '$4')} FROM me_marking k WHERE k.account_id = $1 AND k.id = $2 FOR UPDATE OF k`, [
      ctx.accountId,
      id,
      [...ctx.memberBodyIds],
      ctx.publicUrl,
    ]);
    return rows[0];
  }

  /** The text of a file the account sees, and its body; undefined when it does not see it. */
  async visibleFile(fileId: string, memberBodyIds: readonly string[]): Promise<{ bodyId: string; text: string | null } | undefined> {
    return this.db.one(`SELECT f.body_id AS "bodyId", f.text FROM file f WHERE f.id = $1 AND ${visibleToAccount('file', 'f', '$2')}`, [fileId, [...memberBodyIds]]);
  }

  async countLive(tx: PersonalTx): Promise<number> {
    const [row]: { n: number }[] = await tx.m.query(`SELECT count(*)::int AS n FROM me_marking WHERE account_id = $1 AND deleted_at IS NULL`, [tx.accountId]);
    return row.n;
  }

  async insert(tx: PersonalTx, row: MarkingWrite & { id: string; fileId: string; bodyId: string }): Promise<void> {
    await tx.m.query(
      `INSERT INTO me_marking (account_id, id, seq, file_id, body_id, color, anchor_status, anchor_text_hash, content, tag_tokens, search_tokens)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::bigint[], $11::bigint[])`,
      [tx.accountId, row.id, tx.nextSeq(), row.fileId, row.bodyId, row.color, row.anchorStatus, row.anchorTextHash, row.content, row.tagTokens, row.searchTokens],
    );
    // The file's text is now watched for changes (see the re-anchoring job).
    await tx.m.query(`INSERT INTO me_file_anchor (file_id) VALUES ($1) ON CONFLICT (file_id) DO NOTHING`, [row.fileId]);
  }

  async update(tx: PersonalTx, id: string, row: MarkingWrite): Promise<void> {
    await tx.m.query(
      `UPDATE me_marking SET color = $3, anchor_status = $4, anchor_text_hash = $5, content = $6, tag_tokens = $7::bigint[], search_tokens = $8::bigint[],
         version = version + 1, seq = $9, modified_at = now()
       WHERE account_id = $1 AND id = $2`,
      [tx.accountId, id, row.color, row.anchorStatus, row.anchorTextHash, row.content, row.tagTokens, row.searchTokens, tx.nextSeq()],
    );
  }
}
