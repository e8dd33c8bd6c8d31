import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Problem } from '../../common/http/problem';
import { afterCursor, KeysetOrder, orderBy, pageEnd, Params } from '../../common/pagination/keyset';
import type { KeysetRow } from '../../common/pagination/links';
import { ts } from '../../common/sql/format';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { Db } from '../../infra/database/db.service';
import { bodyObject, bodyTombstone, effectiveModified, KINDS, MODIFIED, OBJECT_SEGMENTS, ObjectSegment, OparlKind, OPARL_VISIBILITY, tombstone, UrlCtx } from './oparl.sql';
import { invalid, OPARL_DEFAULT_LIMIT, OparlListQuery } from './oparl.query';
import { visible } from '../../common/access/visibility.sql';
import { oparlListPages } from '../../infra/metrics/metrics';

/** The path of the OParl 1.1 endpoint below the public URL. */
const OPARL_PATH = '/oparl/v1.1';

export interface OparlBases {
  /** `<publicUrl>/oparl/v1.1` */
  oparl: string;
  /** `<publicUrl>` */
  rest: string;
}

/** The base URLs of the OParl objects a process with this public URL serves (API, worker, exports alike). */
export function oparlBases(config: { publicUrl: string }): OparlBases {
  return { oparl: `${config.publicUrl}${OPARL_PATH}`, rest: config.publicUrl };
}

/** Lists are ordered by the immutable uuid of row `a`. */
const byId = (a: string): KeysetOrder => ({ columns: [{ sql: `${a}.id`, cast: 'uuid', field: '_k0' }] });
export const OPARL_ORDER = byId('x');

/** Restricts a body's list to the rows of one organization (its external lists). */
export type OrganizationScope = { kind: 'meeting' | 'consultation'; organizationId: string };

/**
 * Placeholders of the base URLs, added to the parameters only when the SQL uses them, and of
 * the body when all rows are of one (see `UrlCtx.body`).
 */
function ctx(p: Params, bases: OparlBases, body?: string): UrlCtx {
  let oparl: string | undefined;
  let rest: string | undefined;
  return {
    body,
    get oparl(): string {
      return (oparl ??= `${p.add(bases.oparl)}::text`);
    },
    get rest(): string {
      return (rest ??= `${p.add(bases.rest)}::text`);
    },
  };
}

/**
 * The end of a list page (see `pageEnd`). A page of the default size has its limit in the SQL
 * text: with a parameter there PostgreSQL prices a generic plan for a tenth of the table, so
 * it plans every page of a crawl anew (a millisecond and more of a few-millisecond page); with
 * the literal, a connection's prepared statement keeps one plan. Other sizes stay a parameter,
 * so that clients cannot make a statement per size.
 */
function listPageEnd(q: OparlListQuery, p: Params, order = OPARL_ORDER): string {
  return q.limit === OPARL_DEFAULT_LIMIT ? `ORDER BY ${orderBy(order)} LIMIT ${OPARL_DEFAULT_LIMIT + 1}` : pageEnd(order, q.limit, p);
}

/** Rows of `a` after the cursor; a bad cursor is an OParl Error with a message of its own. */
function afterOparlCursor(a: string, q: OparlListQuery, p: Params): string | null {
  try {
    return afterCursor(byId(a), q.cursor, p);
  } catch (error) {
    if (error instanceof Problem && error.getStatus() === 400) throw invalid('oparl_cursor');
    throw error;
  }
}

/**
 * Date filters (inclusive) on row `a`, on the same `modified` the objects show. Objects show
 * their times to the second while rows keep microseconds: a bound names a whole second, so
 * `_until` takes everything up to the end of its second and `_since` everything from the
 * start of the first whole second at or after it — what a client that compares the shown
 * times finds.
 */
function filterWhere(a: string, q: OparlListQuery, p: Params, modified: (a: string) => string): string[] {
  const where: string[] = [];
  const f = q.filters;
  const since = (value: string): string => `date_trunc('second', ${p.add(value)}::timestamptz + interval '999999 microseconds')`;
  const until = (value: string): string => `date_trunc('second', ${p.add(value)}::timestamptz) + interval '1 second'`;
  if (f.created_since) where.push(`${a}.created_at >= ${since(f.created_since)}`);
  if (f.created_until) where.push(`${a}.created_at < ${until(f.created_until)}`);
  if (f.modified_since) where.push(`${modified(a)} >= ${since(f.modified_since)}`);
  if (f.modified_until) where.push(`${modified(a)} < ${until(f.modified_until)}`);
  const after = afterOparlCursor(a, q, p);
  if (after) where.push(after);
  return where;
}

/**
 * Reads for the OParl projection. Each page or object is one statement that renders the
 * final JSON, embedded objects included (no per-row queries). Lists are ordered by the
 * immutable uuid. Rows that are deleted or not public appear as tombstones, and only when
 * `modified_since` is set and the public could see them once (drafts never have one).
 */
@Injectable()
export class OparlRepository {
  /** Whether plain list pages may come from the rendered objects (OPARL_PRERENDER). */
  private readonly prerendered: boolean;

  constructor(
    private readonly db: Db,
    @Inject(APP_CONFIG) config: Pick<AppConfig, 'oparlRender'>,
  ) {
    this.prerendered = config.oparlRender.enabled;
  }

  async systemStamps(): Promise<{ created: string | null; modified: string | null }> {
    const row = await this.db.one<{ created: string | null; modified: string | null }>(
      `SELECT ${ts('min(b.created_at)')} AS created, ${ts(`max(${effectiveModified('b')})`)} AS modified FROM body b`,
    );
    return row ?? { created: null, modified: null };
  }

  async bodies(bases: OparlBases, q: OparlListQuery): Promise<KeysetRow[]> {
    const p = new Params();
    const c = ctx(p, bases);
    const o = { omitInternal: q.omitInternal };
    const tombstones = q.filters.modified_since !== undefined;
    const where = filterWhere('b', q, p, MODIFIED.body);
    if (!tombstones) where.push('b.deleted_at IS NULL');
    const json = tombstones ? `CASE WHEN b.deleted_at IS NULL THEN ${bodyObject(c, o)} ELSE ${bodyTombstone(c)} END` : bodyObject(c, o);
    const sql = `SELECT json_strip_nulls(${json}) AS j, b.id::text AS _k0 FROM body b
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ${pageEnd(byId('b'), q.limit, p)}`;
    return this.db.jsonRows<KeysetRow>(sql, p.values);
  }

  /** The body with this slug; a deleted one as a tombstone. */
  async body(bases: OparlBases, slug: string): Promise<string | undefined> {
    const p = new Params();
    const c = ctx(p, bases);
    const [row] = await this.db.rows<{ j: string }>(
      `SELECT json_strip_nulls(CASE WHEN b.deleted_at IS NULL THEN ${bodyObject(c, { omitInternal: false })} ELSE ${bodyTombstone(c)} END)::text AS j
       FROM body b WHERE b.slug = ${p.add(slug)}`,
      p.values,
    );
    return row?.j;
  }

  /**
   * One page of a body's external list of `kind`, optionally restricted to an organization.
   * A plain page (no date filter, no organization, nothing omitted) comes from the rendered
   * objects when they are current (see `renderedPage`); otherwise it is rendered now.
   */
  async list(bases: OparlBases, kind: OparlKind, bodyId: string, q: OparlListQuery, restrict?: OrganizationScope): Promise<KeysetRow[]> {
    if (this.prerendered && !restrict && !q.omitInternal && Object.keys(q.filters).length === 0) {
      const rows = await this.renderedPage(bases, kind, bodyId, q);
      oparlListPages.inc({ source: rows.length ? 'rendered' : 'live' });
      if (rows.length) return rows;
    } else oparlListPages.inc({ source: 'live' });
    return this.livePage(bases, kind, bodyId, q, restrict);
  }

  /**
   * A page of the rendered objects, or none when they are not current: not rendered yet, by
   * another rendering (base URLs or SQL of another version) or before a write the reader can
   * see. An empty page is rendered live (it costs nothing), so that no rows always means "ask
   * the tables".
   */
  private async renderedPage(bases: OparlBases, kind: OparlKind, bodyId: string, q: OparlListQuery): Promise<KeysetRow[]> {
    const p = new Params();
    const body = `${p.add(bodyId)}::uuid`;
    const where = [`r.body_id = ${body}`, `r.kind = '${kind.segment}'`, renderedCurrent(body, p.add(renderKey(bases)))];
    const after = afterOparlCursor('r', q, p);
    if (after) where.push(after);
    const sql = `SELECT r.j AS j, r.id::text AS _k0 FROM oparl_rendered r WHERE ${where.join(' AND ')} ${listPageEnd(q, p, byId('r'))}`;
    return this.db.jsonRows<KeysetRow>(sql, p.values);
  }

  private async livePage(bases: OparlBases, kind: OparlKind, bodyId: string, q: OparlListQuery, restrict?: OrganizationScope): Promise<KeysetRow[]> {
    const p = new Params();
    const body = `${p.add(bodyId)}::uuid`;
    const c = ctx(p, bases, body);
    const o = { omitInternal: q.omitInternal };
    const tombstones = q.filters.modified_since !== undefined;
    const where = [`x.body_id = ${body}`, ...filterWhere('x', q, p, kind.modified)];
    // Every row the public sees now could be seen once (see onceVisible), so with tombstones the
    // rows are those it saw at some time; without them, those it sees now.
    where.push(tombstones ? kind.onceVisible('x') : kind.visible('x'));
    if (restrict?.kind === 'meeting') {
      where.push(`EXISTS (SELECT 1 FROM session_committee r WHERE r.session_id = x.id AND r.committee_id = ${p.add(restrict.organizationId)}::uuid)`);
    } else if (restrict?.kind === 'consultation') {
      where.push(`x.committee_id = ${p.add(restrict.organizationId)}::uuid`);
    }
    const json = tombstones ? `CASE WHEN ${kind.visible('x')} THEN ${kind.object(c, 'x', o)} ELSE ${tombstone(c, kind, 'x')} END` : kind.object(c, 'x', o);
    const sql = `SELECT json_strip_nulls(${json}) AS j, x.id::text AS _k0
      FROM ${kind.table} x JOIN body b ON b.id = x.body_id
      WHERE ${where.join(' AND ')} ${listPageEnd(q, p)}`;
    return this.db.jsonRows<KeysetRow>(sql, p.values);
  }

  /**
   * The object at its id: the full object, a tombstone if no longer public, or nothing (never
   * public). A public object comes from the rendered objects when they are current.
   */
  async object(bases: OparlBases, segment: ObjectSegment, id: string): Promise<string | undefined> {
    if (this.prerendered) {
      const [rendered] = await this.db.rows<{ j: string }>(
        `SELECT r.j::text AS j FROM oparl_rendered r WHERE r.id = $1::uuid AND r.kind = '${segment}' AND ${renderedCurrent('r.body_id', '$2')}`,
        [id, renderKey(bases)],
      );
      if (rendered) return rendered.j;
    }
    return this.liveObject(bases, segment, id);
  }

  private async liveObject(bases: OparlBases, segment: ObjectSegment, id: string): Promise<string | undefined> {
    const kind = KINDS[segment];
    const p = new Params();
    const c = ctx(p, bases);
    const [row] = await this.db.rows<{ j: string }>(
      `SELECT json_strip_nulls(CASE WHEN ${kind.visible('x')} THEN ${kind.object(c, 'x', { omitInternal: false })} ELSE ${tombstone(c, kind, 'x')} END)::text AS j
       FROM ${kind.table} x JOIN body b ON b.id = x.body_id AND b.deleted_at IS NULL WHERE x.id = ${p.add(id)}::uuid AND ${kind.onceVisible('x')}`,
      p.values,
    );
    return row?.j;
  }

  /** The body of a visible organization, for its external lists. */
  async organizationBody(id: string): Promise<string | undefined> {
    const row = await this.db.one<{ body_id: string }>(
      `SELECT o.body_id::text AS body_id FROM committee o JOIN body b ON b.id = o.body_id AND b.deleted_at IS NULL
       WHERE o.id = $1::uuid AND ${visible.plain('o', OPARL_VISIBILITY)}`,
      [id],
    );
    return row?.body_id;
  }
}

/** A statement and its parameters. */
export interface Statement {
  sql: string;
  values: unknown[];
}

/**
 * The body's OParl object as the public sees it (bulk export). The same SQL renders it at
 * `/bodies/{slug}`.
 */
export function publicBodySql(bases: OparlBases, bodyId: string): Statement {
  const p = new Params();
  const c = ctx(p, bases);
  const sql = `SELECT json_strip_nulls(${bodyObject(c, { omitInternal: false })})::text AS j FROM body b WHERE b.id = ${p.add(bodyId)}::uuid AND b.deleted_at IS NULL`;
  return { sql, values: p.values };
}

/**
 * All objects of `kind` the public sees now, in id order, without tombstones (bulk export,
 * read through a cursor). The objects are those of the external lists.
 */
export function publicObjectsSql(bases: OparlBases, kind: OparlKind, bodyId: string): Statement {
  const p = new Params();
  const body = `${p.add(bodyId)}::uuid`;
  const c = ctx(p, bases, body);
  const sql = `SELECT json_strip_nulls(${kind.object(c, 'x', { omitInternal: false })})::text AS j
    FROM ${kind.table} x JOIN body b ON b.id = x.body_id
    WHERE x.body_id = ${body} AND ${kind.visible('x')} ORDER BY x.id`;
  return { sql, values: p.values };
}

// ---------------------------------------------------------------------------------------
// Rendered objects (see oparl-rendered.ts)

/**
 * The statement that renders the public objects of `kind` of one body (`$1`) into
 * `oparl_rendered`, exactly as the list serves them: an object whose JSON is unchanged is not
 * written again. The rows no longer public are removed by `removedRenderedSql`.
 */
export function renderSql(bases: OparlBases, kind: OparlKind, bodyId: string): Statement {
  const p = new Params();
  const body = `${p.add(bodyId)}::uuid`;
  const c = ctx(p, bases, body);
  const sql = `INSERT INTO oparl_rendered (body_id, kind, id, j)
    SELECT ${body}, '${kind.segment}', x.id, json_strip_nulls(${kind.object(c, 'x', { omitInternal: false })})
    FROM ${kind.table} x JOIN body b ON b.id = x.body_id WHERE x.body_id = ${body} AND ${kind.visible('x')}
    ON CONFLICT (body_id, kind, id) DO UPDATE SET j = EXCLUDED.j WHERE oparl_rendered.j::text IS DISTINCT FROM EXCLUDED.j::text`;
  return { sql, values: p.values };
}

/** Removes the rendered objects of `kind` of body `$1` that the public no longer sees. */
export function removedRenderedSql(kind: OparlKind): string {
  return `DELETE FROM oparl_rendered r WHERE r.body_id = $1::uuid AND r.kind = '${kind.segment}'
    AND NOT EXISTS (SELECT 1 FROM ${kind.table} x WHERE x.id = r.id AND x.body_id = r.body_id AND ${kind.visible('x')})`;
}

const renderKeys = new Map<string, string>();

/**
 * What the rendered objects were rendered with: the base URLs and the text of every rendering
 * statement. A process whose key differs (another PUBLIC_URL, another version's SQL) reads
 * live and, as a worker, renders anew.
 */
export function renderKey(bases: OparlBases): string {
  const memo = `${bases.oparl} ${bases.rest}`;
  let key = renderKeys.get(memo);
  if (!key) {
    const hash = createHash('sha256').update(JSON.stringify(bases));
    for (const segment of OBJECT_SEGMENTS) hash.update(renderSql(bases, KINDS[segment], '').sql).update(removedRenderedSql(KINDS[segment]));
    key = hash.digest('base64url');
    renderKeys.set(memo, key);
  }
  return key;
}

/**
 * Whether the rendered objects of body `bodySql` are current for a reader: rendered with key
 * `keySql`, and no write to the body's tables that the reader sees was missed by the
 * rendering's snapshot (see the OparlRendered migration).
 */
export function renderedCurrent(bodySql: string, keySql: string): string {
  return `EXISTS (SELECT 1 FROM oparl_render_state s WHERE s.body_id = ${bodySql} AND s.render_key = ${keySql} AND ${SAME_XID_SPACE}
    AND NOT EXISTS (SELECT 1 FROM oparl_write w WHERE w.body_id = s.body_id AND ${UNSEEN_WRITE}))`;
}

/** Whether write `w` (a row of oparl_write) was not seen by the rendering of render state `s`. */
export const UNSEEN_WRITE = 'NOT pg_visible_in_snapshot(w.xid, s.snapshot)';

/**
 * Whether the snapshot of render state `s` can be compared with this server's transaction ids:
 * they only grow, unless the database was dumped and restored into a new cluster, whose ids
 * start anew (then the body counts as never rendered).
 */
export const SAME_XID_SPACE = 'pg_snapshot_xmax(pg_current_snapshot()) >= pg_snapshot_xmax(s.snapshot)';
