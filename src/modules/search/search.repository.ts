import { Injectable } from '@nestjs/common';
import { visible } from '../../common/access/visibility.sql';
import { Db } from '../../infra/database/db.service';

/** The little SQL the search API needs besides the engine: names for facets. */
@Injectable()
export class SearchRepository {
  constructor(private readonly db: Db) {}

  async committeeNames(ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = await this.db.rows<{ id: string; name: string }>(`SELECT c.id, c.name FROM committee c WHERE c.id = ANY($1::uuid[]) AND ${visible.plain('c', 'public')}`, [ids]);
    return new Map(rows.map((r) => [r.id, r.name]));
  }
}
