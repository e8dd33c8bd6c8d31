import { Injectable } from '@nestjs/common';
import type { Scope } from '../../common/access/access';
import { visible } from '../../common/access/visibility.sql';
import { KeysetOrder, Params, jsonPageQuery } from '../../common/pagination/keyset';
import type { ListQueryDto } from '../../common/pagination/list-query.dto';
import { jsonObject } from '../../common/sql/format';
import { recordQuery } from '../../common/sql/record';
import { stamps } from '../../common/sql/refs.sql';
import type { KeysetRow } from '../../common/pagination/links';
import { Db } from '../../infra/database/db.service';
import type { Json } from '../../common/http/json';
import type { LocationDetailDto } from './dto/location.dto';

/** Locations have no natural order (every field is optional); id keeps pages stable. */
export const LOCATION_ORDER: KeysetOrder = {
  columns: [{ sql: 'l.id', cast: 'uuid', field: '_k0' }],
};

/** The same fields as the embedded view (`locationJson`), plus the stamps. */
function locationFields(): Record<string, string> {
  return {
    id: 'l.id',
    description: 'l.description',
    streetAddress: 'l.street_address',
    room: 'l.room',
    postalCode: 'l.postal_code',
    subLocality: 'l.sub_locality',
    locality: 'l.locality',
    geojson: 'l.geojson',
    ...stamps('l'),
  };
}

@Injectable()
export class LocationsRepository {
  constructor(private readonly db: Db) {}

  async list(scope: Scope, query: ListQueryDto, limit: number): Promise<KeysetRow[]> {
    const p = new Params();
    const where = [`l.body_id = ${p.add(scope.body.id)}`, visible.plain('l', scope.visibility)];
    if (query.modified_since) where.push(`l.modified_at >= ${p.add(query.modified_since)}::timestamptz`);
    const page = { table: 'location', alias: 'l', where, order: LOCATION_ORDER, cursor: query.cursor, limit };
    return this.db.jsonRows(jsonPageQuery(jsonObject(locationFields()), page, p), p.values);
  }

  async detail(scope: Scope, id: string): Promise<Json<LocationDetailDto> | undefined> {
    const p = new Params();
    const record = { table: 'location', alias: 'l', id, bodyId: scope.body.id, visible: visible.plain('l', scope.visibility) };
    const row = await this.db.one<{ j: Json<LocationDetailDto> }>(recordQuery(jsonObject(locationFields()), record, p), p.values);
    return row?.j;
  }
}
