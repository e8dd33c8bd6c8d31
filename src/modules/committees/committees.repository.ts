import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Scope, Visibility } from '../../common/access/access';
import { visible } from '../../common/access/visibility.sql';
import { KeysetOrder, Params, jsonPageQuery } from '../../common/pagination/keyset';
import { jsonObject } from '../../common/sql/format';
import { recordQuery } from '../../common/sql/record';
import { committeeOf, date, isCurrent, locationOf, membershipTerms, personRef, stamps } from '../../common/sql/refs.sql';
import type { KeysetRow } from '../../common/pagination/links';
import { Db } from '../../infra/database/db.service';
import type { CommitteeQueryDto } from './dto/committee-query.dto';
import type { Json } from '../../common/http/json';
import type { CommitteeDetailDto } from './dto/committee.dto';

/** Served by ix_committee_body_name (body_id, name, id). */
export const COMMITTEE_ORDER: KeysetOrder = {
  columns: [
    { sql: 'c.name', cast: 'text', field: '_k0' },
    { sql: 'c.id', cast: 'uuid', field: '_k1' },
  ],
};

function committeeFields(v: Visibility): Record<string, string> {
  return {
    id: 'c.id',
    name: 'c.name',
    shortName: 'c.short_name',
    kind: 'c.kind',
    classification: 'c.classification',
    startDate: date('c.start_date'),
    endDate: date('c.end_date'),
    parent: committeeOf('c.parent_id', v, 'pc'),
    location: locationOf('c.location_id', v),
    website: 'c.website',
    ...stamps('c'),
  };
}

@Injectable()
export class CommitteesRepository {
  constructor(private readonly db: Db) {}

  async list(scope: Scope, query: CommitteeQueryDto, limit: number): Promise<KeysetRow[]> {
    const v = scope.visibility;
    const p = new Params();
    const where = [`c.body_id = ${p.add(scope.body.id)}`, visible.plain('c', v)];
    if (query.kind) where.push(`c.kind = ${p.add(query.kind)}`);
    if (query.current !== undefined) where.push(query.current ? isCurrent('c') : `NOT ${isCurrent('c')}`);
    if (query.modified_since) where.push(`c.modified_at >= ${p.add(query.modified_since)}::timestamptz`);
    const page = { table: 'committee', alias: 'c', where, order: COMMITTEE_ORDER, cursor: query.cursor, limit };
    return this.db.jsonRows(jsonPageQuery(jsonObject(committeeFields(v)), page, p), p.values);
  }

  /** The committee with its current members. */
  async detail(scope: Scope, id: string): Promise<Json<CommitteeDetailDto> | undefined> {
    const v = scope.visibility;
    const p = new Params();
    const member = jsonObject({ membershipId: 'm.id', person: personRef('p'), ...membershipTerms('m', v) });
    const fields = {
      ...committeeFields(v),
      members: `COALESCE((SELECT json_agg(${member} ORDER BY p.name, p.id, m.id) FROM membership m JOIN person p ON p.id = m.person_id
        WHERE m.committee_id = c.id AND ${visible.plain('m', v)} AND ${visible.plain('p', v)} AND ${isCurrent('m')}), '[]'::json)`,
    };
    const record = { table: 'committee', alias: 'c', id, bodyId: scope.body.id, visible: visible.plain('c', v) };
    const row = await this.db.one<{ j: Json<CommitteeDetailDto> }>(recordQuery(jsonObject(fields), record, p), p.values);
    return row?.j;
  }

  /** True when `parentId` is `id` or lies below it, i.e. making it the parent would close a loop. */
  async wouldLoop(manager: EntityManager, id: string, parentId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `WITH RECURSIVE up (id, parent_id, depth) AS (
         SELECT id, parent_id, 0 FROM committee WHERE id = $1
         UNION ALL
         SELECT c.id, c.parent_id, up.depth + 1 FROM committee c JOIN up ON c.id = up.parent_id WHERE up.depth < 100
       ) SELECT 1 FROM up WHERE id = $2 LIMIT 1`,
      [parentId, id],
    );
    return rows.length > 0;
  }
}
