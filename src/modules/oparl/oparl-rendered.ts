import { Logger } from '@nestjs/common';
import { Pool } from 'pg';
import type { AppConfig, OparlRenderConfig } from '../../config/config';
import { CONNECTION_OPTIONS, DATABASE_TIME_ZONE } from '../../infra/database/data-source';
import { oparlRenders } from '../../infra/metrics/metrics';
import { OparlBases, oparlBases, removedRenderedSql, renderKey, renderSql, SAME_XID_SPACE, UNSEEN_WRITE } from './oparl.repository';
import { KINDS, OBJECT_SEGMENTS } from './oparl.sql';

/**
 * OParl objects rendered ahead of reads.
 *
 * A harvester reads every object of a city, page by page; rendering each object's JSON (a
 * meeting with its whole agenda, a paper with its files and consultations) at every read cost
 * PostgreSQL two thirds of a full crawl. So each body's public objects are rendered once, by
 * the worker, into `oparl_rendered`, and plain list pages are read from there.
 *
 * Readers never see stale objects: every write to a table the objects come from records its
 * transaction for the body (statement triggers, see the OparlRendered migration), and a page
 * comes from the rendered objects only while no write the reader can see is missing from the
 * snapshot they were rendered in (see `renderedCurrent`). Otherwise the page is rendered from
 * the tables as before. Rendering is all or nothing per body, in one repeatable-read
 * transaction; an object whose JSON did not change is not written again.
 */

/** First key of the rendering's advisory lock (the second is the body); see EXPORT_LOCK for the others. */
const RENDER_LOCK = 7_301_005;

export interface RenderResult {
  objects: number;
  /** Objects written (new or changed) and removed (no longer public). */
  written: number;
  removed: number;
  seconds: number;
}

/** A pool of the rendering's own (worker and CLI): one connection renders, one looks for work. */
function renderPool(config: Pick<AppConfig, 'databaseUrl'>): Pool {
  const pool = new Pool({ connectionString: config.databaseUrl, max: 2, application_name: 'ratsinfo-oparl-render', options: CONNECTION_OPTIONS });
  pool.on('error', () => undefined);
  return pool;
}

/** One line on a rendering, as the worker logs it and the CLI prints it. */
function describeRender(slug: string, result: RenderResult): string {
  return `${slug}: ${result.objects} objects (${result.written} written, ${result.removed} removed) in ${result.seconds.toFixed(1)} s`;
}

/**
 * Renders the public objects of one body anew. Returns null when another process is rendering
 * it (the lock is per body), and removes what was rendered when the body is deleted.
 */
export async function renderBody(pool: Pool, bases: OparlBases, bodyId: string, onBackend?: (pid: number | null) => void): Promise<RenderResult | null> {
  const client = await pool.connect();
  const started = process.hrtime.bigint();
  let failed: unknown = null;
  try {
    const { rows } = await client.query<{ locked: boolean; pid: number }>(`SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked, pg_backend_pid() AS pid`, [RENDER_LOCK, bodyId]);
    onBackend?.(rows[0].pid);
    if (!rows[0].locked) return null;
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
      // Times are shown in the zone of every reader's connection, whatever this pool was opened
      // with; a large city takes its statements tens of seconds, which a statement_timeout set
      // for the role must not cut off, and JIT compiling them gains nothing.
      await client.query(`SET LOCAL TimeZone = '${DATABASE_TIME_ZONE}'`);
      await client.query('SET LOCAL statement_timeout = 0');
      await client.query('SET LOCAL jit = off');
      const [state] = (
        await client.query<{ snapshot: string; live: boolean }>(
          `SELECT pg_current_snapshot()::text AS snapshot, EXISTS (SELECT 1 FROM body b WHERE b.id = $1 AND b.deleted_at IS NULL) AS live`,
          [bodyId],
        )
      ).rows;
      if (!state.live) {
        await client.query(`DELETE FROM oparl_rendered WHERE body_id = $1`, [bodyId]);
        await client.query(`DELETE FROM oparl_render_state WHERE body_id = $1`, [bodyId]);
        await client.query('COMMIT');
        return { objects: 0, written: 0, removed: 0, seconds: 0 };
      }
      let written = 0;
      let removed = 0;
      for (const segment of OBJECT_SEGMENTS) {
        const kind = KINDS[segment];
        const render = renderSql(bases, kind, bodyId);
        written += (await client.query(render.sql, render.values)).rowCount ?? 0;
        removed += (await client.query(removedRenderedSql(kind), [bodyId])).rowCount ?? 0;
      }
      const [{ objects }] = (await client.query<{ objects: number }>(`SELECT count(*)::int AS objects FROM oparl_rendered WHERE body_id = $1`, [bodyId])).rows;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      await client.query(
        `INSERT INTO oparl_render_state (body_id, render_key, snapshot, built_at, seconds, objects) VALUES ($1, $2, $3::pg_snapshot, now(), $4, $5)
         ON CONFLICT (body_id) DO UPDATE SET render_key = EXCLUDED.render_key, snapshot = EXCLUDED.snapshot, built_at = EXCLUDED.built_at, seconds = EXCLUDED.seconds, objects = EXCLUDED.objects`,
        [bodyId, renderKey(bases), state.snapshot, seconds, objects],
      );
      // The writes this rendering saw; later ones stay and make it stale.
      await client.query(`DELETE FROM oparl_write WHERE body_id = $1 AND pg_visible_in_snapshot(xid, $2::pg_snapshot)`, [bodyId, state.snapshot]);
      await client.query('COMMIT');
      oparlRenders.observe({ outcome: 'ok' }, seconds);
      return { objects, written, removed, seconds };
    } catch (error) {
      failed = error;
      await client.query('ROLLBACK').catch(() => undefined);
      oparlRenders.observe({ outcome: 'error' }, Number(process.hrtime.bigint() - started) / 1e9);
      throw error;
    } finally {
      await client.query(`SELECT pg_advisory_unlock($1, hashtext($2))`, [RENDER_LOCK, bodyId]).catch(() => undefined);
    }
  } finally {
    onBackend?.(null);
    // A connection whose statement was cancelled or broke is not reused.
    client.release(failed instanceof Error ? failed : undefined);
  }
}

/** A body whose rendered objects are not current, and why. */
export interface StaleBody {
  id: string;
  slug: string;
  /** Never rendered, or rendered with another key (base URLs, SQL of another version). */
  unrendered: boolean;
  /** Whether it is due: unrendered, or its writes have been quiet long enough, or waited too long. */
  due: boolean;
}

/** The bodies whose rendered objects are not current (see `renderedCurrent`). */
export async function staleBodies(pool: Pool, bases: OparlBases, settings: Pick<OparlRenderConfig, 'quietSeconds' | 'maxDelaySeconds'>): Promise<StaleBody[]> {
  const { rows } = await pool.query<StaleBody>(
    `SELECT b.id::text AS id, b.slug, u.unrendered,
            u.unrendered OR now() - w.last >= make_interval(secs => $2) OR now() - w.first >= make_interval(secs => $3) AS due
     FROM body b
     LEFT JOIN oparl_render_state s ON s.body_id = b.id
     CROSS JOIN LATERAL (SELECT s.body_id IS NULL OR s.render_key <> $1 OR NOT ${SAME_XID_SPACE} AS unrendered) u
     CROSS JOIN LATERAL (SELECT min(w.at) AS first, max(w.at) AS last FROM oparl_write w
                         WHERE w.body_id = b.id AND (s.snapshot IS NULL OR ${UNSEEN_WRITE})) w
     WHERE b.deleted_at IS NULL AND (u.unrendered OR w.first IS NOT NULL)
     ORDER BY u.unrendered DESC, w.first NULLS FIRST, b.slug`,
    [renderKey(bases), settings.quietSeconds, settings.maxDelaySeconds],
  );
  return rows;
}

/**
 * What was rendered for bodies that are deleted, and the recorded writes of bodies that are
 * gone, are removed.
 */
async function removeDeleted(pool: Pool): Promise<void> {
  await pool.query(`DELETE FROM oparl_render_state s USING body b WHERE b.id = s.body_id AND b.deleted_at IS NOT NULL`);
  await pool.query(`DELETE FROM oparl_rendered r USING body b WHERE b.id = r.body_id AND b.deleted_at IS NOT NULL`);
  await pool.query(`DELETE FROM oparl_write w WHERE NOT EXISTS (SELECT 1 FROM body b WHERE b.id = w.body_id AND b.deleted_at IS NULL)`);
}

/** How often the worker looks for bodies to render (tests shorten it). */
export const RENDER_POLL_MS = 5000;

/**
 * The worker's part: every few seconds, renders the bodies that are due, one at a time (see
 * `staleBodies`); with OPARL_PRERENDER off, it empties the tables instead. It needs PostgreSQL only; while PostgreSQL is away it logs once and tries
 * again. Stopping cancels a rendering under way (its transaction leaves nothing behind).
 */
export class OparlRenderWorker {
  private readonly logger = new Logger('oparl-render');
  private readonly pool: Pool;
  private readonly bases: OparlBases;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;
  private renderingPid: number | null = null;
  private failing: string | null = null;
  private ended = false;

  constructor(
    private readonly config: AppConfig,
    private readonly pollMs = RENDER_POLL_MS,
  ) {
    this.pool = renderPool(config);
    this.bases = oparlBases(config);
  }

  start(): Promise<void> {
    if (!this.stopped) return Promise.resolve();
    this.stopped = false;
    this.schedule(0);
    return Promise.resolve();
  }

  /**
   * One round: renders every body that is due now. With pre-rendering off, nothing reads the
   * rendered objects: they are removed, and so are the writes the triggers keep recording.
   */
  async round(): Promise<void> {
    if (!this.config.oparlRender.enabled) {
      await this.pool.query(`DELETE FROM oparl_render_state`);
      await this.pool.query(`DELETE FROM oparl_rendered`);
      await this.pool.query(`DELETE FROM oparl_write`);
      return;
    }
    await removeDeleted(this.pool);
    for (const body of await staleBodies(this.pool, this.bases, this.config.oparlRender)) {
      if (this.stopped) break;
      if (!body.due) continue;
      const result = await renderBody(this.pool, this.bases, body.id, (pid) => (this.renderingPid = pid));
      if (result) this.logger.log(`rendered ${describeRender(body.slug, result)}`);
      if (this.stopped) break;
    }
  }

  private schedule(delay: number): void {
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.round()
        .then(() => {
          if (this.failing) this.logger.log('rendering resumed');
          this.failing = null;
        })
        .catch((error: unknown) => {
          const reason = error instanceof Error ? error.message : String(error);
          if (this.stopped) return;
          if (this.failing === null) this.logger.warn(`rendering paused: ${reason}`);
          this.failing = reason;
        })
        .finally(() => {
          this.running = null;
          if (!this.stopped) this.schedule(this.pollMs);
        });
    }, delay);
    this.timer.unref();
  }

  async close(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const pid = this.renderingPid;
    if (pid !== null) await this.pool.query(`SELECT pg_cancel_backend($1)`, [pid]).catch(() => undefined);
    await this.running;
    if (!this.ended) {
      this.ended = true;
      await this.pool.end();
    }
  }
}

export const OPARL_RENDER_USAGE = `  oparl render [--body <slug>] [--stale]     render the OParl objects of a body (of every body; with
                                            --stale only those not current) ahead of reads now;
                                            the worker does so by itself after writes`;

export class OparlRenderCommandError extends Error {}

/** `npm run cli -- oparl render [--body <slug>] [--stale]`; prints one line per body. */
export async function oparlRenderCommand(words: string[], flags: Record<string, string>, config: AppConfig): Promise<void> {
  if (words[0] !== 'render') throw new OparlRenderCommandError('oparl needs: render [--body <slug>] [--stale]');
  if (!config.oparlRender.enabled) throw new OparlRenderCommandError('OPARL_PRERENDER is off: nothing is rendered ahead of reads');
  const pool = renderPool(config);
  const bases = oparlBases(config);
  try {
    let bodies: { id: string; slug: string }[];
    if (flags.stale === 'true') bodies = await staleBodies(pool, bases, { quietSeconds: 0, maxDelaySeconds: 0 });
    else {
      const slug = flags.body && flags.body !== 'true' ? flags.body : null;
      bodies = (await pool.query<{ id: string; slug: string }>(`SELECT id::text, slug FROM body WHERE deleted_at IS NULL AND ($1::text IS NULL OR slug = $1) ORDER BY slug`, [slug])).rows;
      if (slug && bodies.length === 0) throw new OparlRenderCommandError(`no body "${slug}"`);
    }
    for (const body of bodies) {
      const result = await renderBody(pool, bases, body.id);
      console.log(result ? describeRender(body.slug, result) : `${body.slug}: skipped, another process is rendering it`);
    }
  } finally {
    await pool.end();
  }
}
