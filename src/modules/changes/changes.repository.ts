import { Injectable } from '@nestjs/common';
import { AUDIENCE, Scope } from '../../common/access/access';
import { afterCursor, KeysetOrder, pageEnd, Params } from '../../common/pagination/keyset';
import { jsonObject, ts } from '../../common/sql/format';
import type { KeysetRow } from '../../common/pagination/links';
import { Db } from '../../infra/database/db.service';
import { RESOURCE_PATHS } from '../../common/access/resources';
import type { ChangeQueryDto } from './dto/change-query.dto';

export const CHANGE_ORDER: KeysetOrder = { columns: [{ sql: 'e.id', cast: 'bigint', field: '_k0' }] };

/** SQL `CASE` mapping a resource kind to its REST path segment. */
const pathCase = `CASE e.resource ${Object.entries(RESOURCE_PATHS)
  .map(([kind, path]) => `WHEN '${kind}' THEN '${path}'`)
  .join(' ')} END`;

@Injectable()
export class ChangesRepository {
  constructor(private readonly db: Db) {}

  /**
   * The change feed as one audience sees it: only events about records it could see before
   * or after, with de-publications shown as deletions and publications as creations.
   */
  async list(scope: Scope, query: ChangeQueryDto, limit: number, base: string): Promise<KeysetRow[]> {
    const p = new Params();
    const level = p.add(AUDIENCE[scope.visibility]);
    const where = [`e.body_id = ${p.add(scope.body.id)}`, `GREATEST(e.audience_before, e.audience_after) >= ${level}`];
    if (query.resource) where.push(`e.resource = ${p.add(query.resource)}`);
    if (query.modified_since) where.push(`e.occurred_at >= ${p.add(query.modified_since)}::timestamptz`);
    const after = afterCursor(CHANGE_ORDER, query.cursor, p);
    if (after) where.push(after);
    const action = `CASE WHEN e.audience_after < ${level} THEN 'deleted' WHEN e.audience_before < ${level} THEN 'created' ELSE 'updated' END`;
    const fields = {
      id: 'e.id::text',
      resource: 'e.resource',
      resourceId: 'e.resource_id',
      action,
      occurred: ts('e.occurred_at'),
      url: `CASE WHEN e.audience_after >= ${level} THEN ${p.add(base)} || '/' || ${pathCase} || '/' || e.resource_id END`,
    };
    return this.db.jsonRows(
      `SELECT json_strip_nulls(${jsonObject(fields)}) AS j, e.id::text AS _k0 FROM change_event e
       WHERE ${where.join(' AND ')} ${pageEnd(CHANGE_ORDER, limit, p)}`,
      p.values,
    );
  }
}
