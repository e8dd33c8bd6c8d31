import { Injectable } from '@nestjs/common';
import { visible } from '../../common/access/visibility.sql';
import { Db } from '../../infra/database/db.service';

/** Committee names change rarely; facet labels may lag a rename by this long. */
const LABEL_TTL_MS = 60_000;
const MAX_LABELS = 50_000;

/** The little SQL the search API needs besides the engine: names for facets. */
@Injectable()
export class SearchRepository {
  /** Committee id → name (null: unknown or not public), so that searches need no query for labels. */
  private readonly labels = new Map<string, { name: string | null; until: number }>();

  constructor(private readonly db: Db) {}

  async committeeNames(ids: string[]): Promise<Map<string, string>> {
    const now = Date.now();
    const missing = ids.filter((id) => !((this.labels.get(id)?.until ?? 0) > now));
    if (missing.length) {
      const rows = await this.db.rows<{ id: string; name: string }>(
        `SELECT c.id, c.name FROM committee c WHERE c.id = ANY($1::uuid[]) AND ${visible.plain('c', 'public')}`,
        [missing],
      );
      if (this.labels.size + missing.length > MAX_LABELS) this.labels.clear();
      const found = new Map(rows.map((r) => [r.id, r.name]));
      for (const id of missing) this.labels.set(id, { name: found.get(id) ?? null, until: now + LABEL_TTL_MS });
    }
    const out = new Map<string, string>();
    for (const id of ids) {
      const name = this.labels.get(id)?.name;
      if (name) out.set(id, name);
    }
    return out;
  }
}
