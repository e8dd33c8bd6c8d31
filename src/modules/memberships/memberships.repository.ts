import { Injectable } from '@nestjs/common';
import type { Scope, Visibility } from '../../common/access/access';
import { visible } from '../../common/access/visibility.sql';
import { KeysetOrder, Params, jsonPageQuery } from '../../common/pagination/keyset';
import { jsonObject } from '../../common/sql/format';
import { recordQuery } from '../../common/sql/record';
import { committeeOf, isCurrent, membershipTerms, personOf, stamps } from '../../common/sql/refs.sql';
import type { KeysetRow } from '../../common/pagination/links';
import { Db } from '../../infra/database/db.service';
import type { MembershipQueryDto } from './dto/membership-query.dto';
import type { Json } from '../../common/http/json';
import type { MembershipDto } from './dto/membership.dto';

export const MEMBERSHIP_ORDER: KeysetOrder = {
  columns: [{ sql: 'm.id', cast: 'uuid', field: '_k0' }],
};

function membershipFields(v: Visibility): Record<string, string> {
  return {
    id: 'm.id',
    // Never null: visible.membership() requires both to be visible.
    person: personOf('m.person_id', v),
    committee: committeeOf('m.committee_id', v),
    ...membershipTerms('m', v),
    ...stamps('m'),
  };
}

@Injectable()
export class MembershipsRepository {
  constructor(private readonly db: Db) {}

  async list(scope: Scope, query: MembershipQueryDto, limit: number): Promise<KeysetRow[]> {
    const v = scope.visibility;
    const p = new Params();
    const where = [`m.body_id = ${p.add(scope.body.id)}`, visible.membership('m', v)];
    if (query.person) where.push(`m.person_id = ${p.add(query.person)}::uuid`);
    if (query.committee) where.push(`m.committee_id = ${p.add(query.committee)}::uuid`);
    if (query.current !== undefined) where.push(query.current ? isCurrent('m') : `NOT ${isCurrent('m')}`);
    if (query.modified_since) where.push(`m.modified_at >= ${p.add(query.modified_since)}::timestamptz`);
    const page = { table: 'membership', alias: 'm', where, order: MEMBERSHIP_ORDER, cursor: query.cursor, limit };
    return this.db.jsonRows(jsonPageQuery(jsonObject(membershipFields(v)), page, p), p.values);
  }

  async detail(scope: Scope, id: string): Promise<Json<MembershipDto> | undefined> {
    const v = scope.visibility;
    const p = new Params();
    const record = { table: 'membership', alias: 'm', id, bodyId: scope.body.id, visible: visible.membership('m', v) };
    const row = await this.db.one<{ j: Json<MembershipDto> }>(recordQuery(jsonObject(membershipFields(v)), record, p), p.values);
    return row?.j;
  }
}
