import { Injectable } from '@nestjs/common';
import type { Scope, Visibility } from '../../common/access/access';
import { visible } from '../../common/access/visibility.sql';
import { KeysetOrder, Params, jsonPageQuery } from '../../common/pagination/keyset';
import { jsonObject } from '../../common/sql/format';
import { recordQuery } from '../../common/sql/record';
import { committeeRef, isCurrent, locationOf, membershipTerms, stamps } from '../../common/sql/refs.sql';
import type { KeysetRow } from '../../common/pagination/links';
import { Db } from '../../infra/database/db.service';
import type { PersonQueryDto } from './dto/person-query.dto';
import type { Json } from '../../common/http/json';
import type { PersonDetailDto } from './dto/person.dto';

/**
 * By display name: family names are optional, so ix_person_body_name (body_id, family_name,
 * given_name, id) cannot serve this order; it wants an index on (body_id, name, id).
 */
export const PERSON_ORDER: KeysetOrder = {
  columns: [
    { sql: 'p.name', cast: 'text', field: '_k0' },
    { sql: 'p.id', cast: 'uuid', field: '_k1' },
  ],
};

function personFields(v: Visibility): Record<string, string> {
  return {
    id: 'p.id',
    name: 'p.name',
    familyName: 'p.family_name',
    givenName: 'p.given_name',
    formOfAddress: 'p.form_of_address',
    affix: 'p.affix',
    title: 'p.title',
    gender: 'p.gender',
    email: 'p.email',
    phone: 'p.phone',
    status: 'p.status',
    life: 'p.life',
    lifeSource: 'p.life_source',
    location: locationOf('p.location_id', v),
    ...stamps('p'),
  };
}

@Injectable()
export class PeopleRepository {
  constructor(private readonly db: Db) {}

  async list(scope: Scope, query: PersonQueryDto, limit: number): Promise<KeysetRow[]> {
    const v = scope.visibility;
    const p = new Params();
    const where = [`p.body_id = ${p.add(scope.body.id)}`, visible.plain('p', v)];
    // A seat counts only when the membership and its committee are visible to the caller.
    const seat = (extra: string[]): string =>
      `EXISTS (SELECT 1 FROM membership fm JOIN committee fc ON fc.id = fm.committee_id WHERE fm.person_id = p.id AND ${visible.plain('fm', v)} AND ${visible.plain('fc', v)}${extra.map((e) => ` AND ${e}`).join('')})`;
    const inCommittee = query.committee ? [`fm.committee_id = ${p.add(query.committee)}::uuid`] : [];
    if (query.committee) where.push(seat(inCommittee));
    if (query.current === true) where.push(seat([...inCommittee, isCurrent('fm')]));
    if (query.current === false) where.push(`NOT ${seat([...inCommittee, isCurrent('fm')])}`);
    if (query.modified_since) where.push(`p.modified_at >= ${p.add(query.modified_since)}::timestamptz`);
    const page = { table: 'person', alias: 'p', where, order: PERSON_ORDER, cursor: query.cursor, limit };
    return this.db.jsonRows(jsonPageQuery(jsonObject(personFields(v)), page, p), p.values);
  }

  /** The person with all visible memberships, the latest start first. */
  async detail(scope: Scope, id: string): Promise<Json<PersonDetailDto> | undefined> {
    const v = scope.visibility;
    const p = new Params();
    const membership = jsonObject({ id: 'm.id', committee: committeeRef('c'), ...membershipTerms('m', v) });
    const fields = {
      ...personFields(v),
      memberships: `COALESCE((SELECT json_agg(${membership} ORDER BY m.start_date DESC NULLS LAST, c.name, m.id) FROM membership m JOIN committee c ON c.id = m.committee_id
        WHERE m.person_id = p.id AND ${visible.plain('m', v)} AND ${visible.plain('c', v)}), '[]'::json)`,
    };
    const record = { table: 'person', alias: 'p', id, bodyId: scope.body.id, visible: visible.plain('p', v) };
    const row = await this.db.one<{ j: Json<PersonDetailDto> }>(recordQuery(jsonObject(fields), record, p), p.values);
    return row?.j;
  }
}
