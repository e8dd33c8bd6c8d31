import { Injectable } from '@nestjs/common';
import type { AccountRef } from '../../common/access/access';
import type { ResourceKind } from '../../common/access/resources';
import { Problem } from '../../common/http/problem';
import { noun } from '../../common/http/problem-texts';
import { Db } from '../../infra/database/db.service';
import { TargetInfo, targetInfosSql, visibleObjectSql } from './targets.sql';

/** Looks up the objects that items point at, as an account sees them. */
@Injectable()
export class TargetResolver {
  constructor(private readonly db: Db) {}

  /** What the account sees of each distinct target, by `type:id` (null: not visible). */
  async infos(kinds: readonly ResourceKind[], targets: { type: string; id: string }[], memberBodyIds: readonly string[], publicUrl: string): Promise<Map<string, TargetInfo | null>> {
    const distinct = [...new Map(targets.map((t) => [`${t.type}:${t.id}`, t])).values()];
    const out = new Map<string, TargetInfo | null>();
    if (!distinct.length) return out;
    const rows = await this.db.rows<{ type: string; id: string; target: TargetInfo | null }>(targetInfosSql(kinds), [
      distinct.map((t) => t.type),
      distinct.map((t) => t.id),
      [...memberBodyIds],
      publicUrl,
    ]);
    for (const row of rows) out.set(`${row.type}:${row.id}`, row.target);
    return out;
  }

  /**
   * Checks that an object a new item points at exists and is visible to the account: its body;
   * a 400 naming `field` when it does not exist or the account may not
   * see it (the same answer for both, so nothing non-public reveals itself).
   */
  async visibleBody(account: AccountRef, kind: ResourceKind, id: string, field: string): Promise<string> {
    const row = await this.db.one<{ bodyId: string }>(visibleObjectSql(kind), [id, [...account.memberBodyIds]]);
    if (!row) throw Problem.invalid([{ field, text: 'not_visible_reference', params: { kind: noun(kind) } }]);
    return row.bodyId;
  }
}
