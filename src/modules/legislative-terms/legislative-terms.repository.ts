import { Injectable } from '@nestjs/common';
import type { Scope, Visibility } from '../../common/access/access';
import { visible } from '../../common/access/visibility.sql';
import { KeysetOrder, Params, jsonPageQuery } from '../../common/pagination/keyset';
import type { ListQueryDto } from '../../common/pagination/list-query.dto';
import { jsonObject } from '../../common/sql/format';
import { recordQuery } from '../../common/sql/record';
import { date, stamps } from '../../common/sql/refs.sql';
import type { KeysetRow } from '../../common/pagination/links';
import { Db } from '../../infra/database/db.service';
import type { Json } from '../../common/http/json';
import type { LegislativeTermDto } from './dto/legislative-term.dto';

/**
 * Chronological; terms without a start date come first. A body has a handful of terms, so
 * the expression needs no index of its own.
 */
export const TERM_ORDER: KeysetOrder = {
  columns: [
    { sql: `COALESCE(t.start_date, '-infinity'::date)`, cast: 'date', field: '_k0' },
    { sql: 't.id', cast: 'uuid', field: '_k1' },
  ],
};

function termFields(): Record<string, string> {
  return {
    id: 't.id',
    name: 't.name',
    startDate: date('t.start_date'),
    endDate: date('t.end_date'),
    ...stamps('t'),
  };
}

@Injectable()
export class LegislativeTermsRepository {
  constructor(private readonly db: Db) {}

  async list(scope: Scope, query: ListQueryDto, limit: number): Promise<KeysetRow[]> {
    const v: Visibility = scope.visibility;
    const p = new Params();
    const where = [`t.body_id = ${p.add(scope.body.id)}`, visible.plain('t', v)];
    if (query.modified_since) where.push(`t.modified_at >= ${p.add(query.modified_since)}::timestamptz`);
    const page = { table: 'legislative_term', alias: 't', where, order: TERM_ORDER, cursor: query.cursor, limit };
    return this.db.jsonRows(jsonPageQuery(jsonObject(termFields()), page, p), p.values);
  }

  async detail(scope: Scope, id: string): Promise<Json<LegislativeTermDto> | undefined> {
    const p = new Params();
    const record = { table: 'legislative_term', alias: 't', id, bodyId: scope.body.id, visible: visible.plain('t', scope.visibility) };
    const row = await this.db.one<{ j: Json<LegislativeTermDto> }>(recordQuery(jsonObject(termFields()), record, p), p.values);
    return row?.j;
  }
}
