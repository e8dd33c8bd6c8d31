import type { Pool } from 'pg';
import type { ResourceKind } from '../../common/access/resources';
import { SEARCH_TYPES, SearchDoc, SearchEngine, SearchGroup, SearchType, SearchUnavailable } from '../../infra/search/engine';
import { SearchSource } from './search-source';

export interface RebuildReport {
  entries: number;
  records: number;
  seconds: number;
}

const BATCH = 200;
const PARALLEL = 3;

/**
 * Keeps the index in step with PostgreSQL. Every operation is idempotent: it reloads the
 * records from the database and makes the index hold exactly their current entries, so
 * retries, duplicates and out-of-order deliveries all converge.
 */
export class SearchIndexer {
  readonly source: SearchSource;

  constructor(
    private readonly pool: Pool,
    readonly engine: SearchEngine,
  ) {
    this.source = new SearchSource(pool);
  }

  /** Re-reads these records and replaces their entries in the index. */
  async refresh(groups: SearchGroup[]): Promise<number> {
    let entries = 0;
    for (let i = 0; i < groups.length; i += BATCH) {
      const batch = groups.slice(i, i + BATCH);
      const docs: SearchDoc[] = [];
      for (const type of SEARCH_TYPES) {
        const ids = batch.filter((g) => g.type === type).map((g) => g.resourceId);
        if (ids.length) docs.push(...(await this.source.load(type, ids)));
      }
      await this.engine.replace(batch, docs);
      entries += docs.length;
    }
    return entries;
  }

  /**
   * Applies one change event. When the engine is unreachable the affected records go to a
   * backlog table and the job succeeds; the backlog is replayed once the engine answers.
   */
  async applyChange(kind: ResourceKind, id: string): Promise<void> {
    const groups = await this.source.affected(kind, id);
    try {
      await this.refresh(groups);
    } catch (error) {
      if (!(error instanceof SearchUnavailable)) throw error;
      await this.keep(groups);
      return;
    }
    await this.flushBacklog().catch(() => undefined);
  }

  private async keep(groups: SearchGroup[]): Promise<void> {
    if (!groups.length) return;
    await this.pool.query(
      `INSERT INTO search_backlog (type, resource_id) SELECT * FROM unnest($1::text[], $2::uuid[]) ON CONFLICT (type, resource_id) DO UPDATE SET queued_at = now()`,
      [groups.map((g) => g.type), groups.map((g) => g.resourceId)],
    );
  }

  async backlogSize(): Promise<number> {
    const result = await this.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM search_backlog`);
    return result.rows[0]?.n ?? 0;
  }

  /** Replays the backlog; returns how many records were refreshed. Throws while the engine is down. */
  async flushBacklog(): Promise<number> {
    let total = 0;
    for (;;) {
      const result = await this.pool.query<{ type: SearchType; resource_id: string; queued_at: string }>(
        `SELECT type, resource_id, queued_at::text FROM search_backlog ORDER BY queued_at LIMIT 500`,
      );
      if (!result.rows.length) return total;
      await this.refresh(result.rows.map((r) => ({ type: r.type, resourceId: r.resource_id })));
      const deleted = await this.pool.query(
        `DELETE FROM search_backlog b USING unnest($1::text[], $2::uuid[], $3::timestamptz[]) AS d(type, id, at)
         WHERE b.type = d.type AND b.resource_id = d.id AND b.queued_at <= d.at`,
        [result.rows.map((r) => r.type), result.rows.map((r) => r.resource_id), result.rows.map((r) => r.queued_at)],
      );
      total += result.rows.length;
      // Rows re-queued meanwhile stay for the next round.
      if ((deleted.rowCount ?? 0) < result.rows.length) return total;
    }
  }

  /**
   * Rebuilds the index of a body (or of all bodies) into a fresh index and swaps it in.
   * Changes written while the rebuild ran are replayed afterwards, so none is lost.
   */
  async rebuild(bodyId: string | null, progress?: (message: string) => void): Promise<RebuildReport> {
    const started = Date.now();
    const since = (await this.pool.query<{ id: string }>(`SELECT COALESCE(max(id), 0)::text AS id FROM change_event`)).rows[0].id;
    let entries = 0;
    let records = 0;
    await this.engine.rebuild(bodyId, async (add) => {
      for (const type of SEARCH_TYPES) {
        const pages = this.source.allIds(type, bodyId, type === 'file' ? 500 : 1000);
        let next = Promise.resolve();
        // A few loaders in parallel; the id pages are handed out one at a time.
        const take = (): Promise<IteratorResult<string[]>> => {
          const result = next.then(() => pages.next());
          next = result.then(() => undefined);
          return result;
        };
        await Promise.all(
          Array.from({ length: PARALLEL }, async () => {
            for (let page = await take(); !page.done; page = await take()) {
              const docs = await this.source.load(type, page.value);
              await add(docs);
              entries += docs.length;
              records += page.value.length;
              progress?.(`${type}: ${records} records, ${entries} entries`);
            }
          }),
        );
      }
    });
    const changed = await this.pool.query<{ resource: ResourceKind; resource_id: string }>(
      `SELECT DISTINCT resource, resource_id FROM change_event WHERE id > $1 ${bodyId ? 'AND body_id = $2' : ''}`,
      bodyId ? [since, bodyId] : [since],
    );
    for (const row of changed.rows) await this.refresh(await this.source.affected(row.resource, row.resource_id));
    if (!bodyId) await this.pool.query(`DELETE FROM search_backlog`);
    return { entries, records, seconds: (Date.now() - started) / 1000 };
  }
}
