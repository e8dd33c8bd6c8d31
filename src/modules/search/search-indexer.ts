import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import type { Queryable } from '../../infra/database/queryable';
import type { ResourceKind } from '../../common/access/resources';
import { SEARCH_TYPES, SearchDoc, SearchEngine, SearchGroup, SearchType, SearchUnavailable } from '../../infra/search/engine';
import { Change, SearchSource } from './search-source';

export interface RebuildReport {
  entries: number;
  records: number;
  seconds: number;
}

/** How long a claimed batch of pending work is another worker's before it may be taken over. */
const CLAIM_SECONDS = 120;
/** Loaders of a rebuild and batches of a drain that run at once. */
const PARALLEL = 3;

/**
 * Keeps the index in step with PostgreSQL. Every operation is idempotent: it reloads the
 * records from the database and makes the index hold exactly their current entries, so
 * retries, duplicates and out-of-order deliveries all converge.
 */
export class SearchIndexer {
  readonly source: SearchSource;
  private draining: Promise<number> | null = null;
  private again = false;

  constructor(
    private readonly pool: Pool,
    readonly engine: SearchEngine,
  ) {
    this.source = new SearchSource(pool);
  }

  /** Re-reads these records and replaces their entries in the index. */
  async refresh(groups: SearchGroup[]): Promise<number> {
    let entries = 0;
    const size = this.engine.batchSize;
    for (let i = 0; i < groups.length; i += size) {
      const batch = groups.slice(i, i + size);
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
   * Records what changes affect as pending index work, in PostgreSQL (through `db`: the outbox
   * relay passes its transaction, so that a relayed change is never without its index work).
   * `drain()` indexes it. A record that many changes touch before it is drained (an import: a
   * document is touched by its own event, its consultations' and its files') is indexed once.
   */
  async record(changes: Change[], db: Queryable = this.pool): Promise<void> {
    await this.keep(await new SearchSource(db).affected(changes), db);
  }

  /** Records one change (see record). */
  enqueue(kind: ResourceKind, id: string, visibilityChanged = true): Promise<void> {
    return this.record([{ kind, id, visibilityChanged }]);
  }

  /** Applies one change now: records it and indexes everything pending (the caller waits; an unreachable engine leaves it pending). */
  async applyChange(kind: ResourceKind, id: string, visibilityChanged = true): Promise<void> {
    await this.enqueue(kind, id, visibilityChanged);
    await this.drain().catch((error: unknown) => {
      if (!(error instanceof SearchUnavailable)) throw error;
    });
  }

  private async keep(groups: SearchGroup[], db: Queryable): Promise<void> {
    if (!groups.length) return;
    // A fixed order, so that concurrent writers of overlapping sets never wait for each other in a circle.
    const sorted = [...groups].sort((a, b) => a.type.localeCompare(b.type) || a.resourceId.localeCompare(b.resourceId));
    // Queued again while claimed: the claim no longer covers it, so it is indexed once more.
    await db.query(
      `INSERT INTO search_backlog (type, resource_id) SELECT * FROM unnest($1::text[], $2::uuid[])
       ON CONFLICT (type, resource_id) DO UPDATE SET queued_at = now(), claimed_by = NULL, claimed_until = NULL`,
      [sorted.map((g) => g.type), sorted.map((g) => g.resourceId)],
    );
  }

  /** Records waiting to be indexed. */
  async backlogSize(): Promise<number> {
    const result = await this.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM search_backlog`);
    return result.rows[0]?.n ?? 0;
  }

  /**
   * Indexes pending work until none is left; returns how many records were indexed. Calls
   * while a drain runs in this process join it (and make it look again before it ends).
   * Throws SearchUnavailable while the engine is down (the work stays pending).
   */
  drain(): Promise<number> {
    if (this.draining) {
      this.again = true;
      return this.draining;
    }
    const run = async (): Promise<number> => {
      let total = 0;
      do {
        this.again = false;
        total += await this.flushBacklog();
      } while (this.again);
      return total;
    };
    this.draining = run().finally(() => {
      this.draining = null;
    });
    return this.draining;
  }

  /** Waits for a drain in progress to end (before closing the pool). */
  async settle(): Promise<void> {
    await this.draining?.catch(() => undefined);
  }

  /**
   * Indexes the pending records in batches. A batch is claimed for a while (a lease, so that
   * several workers share the work and a crashed one's batch is taken over later), indexed,
   * and deleted unless it was queued again meanwhile (a later change the batch may have missed).
   */
  private async flushBacklog(): Promise<number> {
    // A few batches at once: loading records and PostgreSQL's text analysis run in parallel.
    const results = await Promise.allSettled(Array.from({ length: PARALLEL }, () => this.flushBatches()));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    return results.reduce((sum, r) => sum + (r.status === 'fulfilled' ? r.value : 0), 0);
  }

  private async flushBatches(): Promise<number> {
    let total = 0;
    for (;;) {
      const claim = randomUUID();
      const claimed = await this.pool.query<{ type: SearchType; resource_id: string }>(
        `UPDATE search_backlog b SET claimed_by = $1, claimed_until = now() + make_interval(secs => $2)
         FROM (SELECT type, resource_id FROM search_backlog WHERE claimed_until IS NULL OR claimed_until < now()
               ORDER BY queued_at LIMIT ${this.engine.batchSize} FOR UPDATE SKIP LOCKED) n
         WHERE b.type = n.type AND b.resource_id = n.resource_id
         RETURNING b.type, b.resource_id`,
        [claim, CLAIM_SECONDS],
      );
      if (!claimed.rows.length) return total;
      try {
        await this.refresh(claimed.rows.map((r) => ({ type: r.type, resourceId: r.resource_id })));
      } catch (error) {
        await this.pool.query(`UPDATE search_backlog SET claimed_by = NULL, claimed_until = NULL WHERE claimed_by = $1`, [claim]).catch(() => undefined);
        throw error;
      }
      await this.pool.query(`DELETE FROM search_backlog WHERE claimed_by = $1`, [claim]);
      total += claimed.rows.length;
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
    await this.refresh(await this.source.affected(changed.rows.map((r) => ({ kind: r.resource, id: r.resource_id, visibilityChanged: true }))));
    if (!bodyId) await this.pool.query(`DELETE FROM search_backlog`);
    return { entries, records, seconds: (Date.now() - started) / 1000 };
  }
}
