import { Injectable } from '@nestjs/common';
import { Problem } from '../../common/http/problem';
import { afterCursor, KeysetOrder, orderBy, pageEnd, Params } from '../../common/pagination/keyset';
import type { KeysetRow } from '../../common/pagination/links';
import { ts } from '../../common/sql/format';
import { Db } from '../../infra/database/db.service';
import { bodyObject, bodyTombstone, effectiveModified, KINDS, MODIFIED, ObjectSegment, OparlKind, OPARL_VISIBILITY, tombstone, UrlCtx } from './oparl.sql';
import { invalid, OPARL_DEFAULT_LIMIT, OparlListQuery } from './oparl.query';
import { visible } from '../../common/access/visibility.sql';

export interface OparlBases {
  /** `<publicUrl>/oparl/v1.1` */
  oparl: string;
  /** `<publicUrl>` */
  rest: string;
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
function listPageEnd(q: OparlListQuery, p: Params): string {
  return q.limit === OPARL_DEFAULT_LIMIT ? `ORDER BY ${orderBy(OPARL_ORDER)} LIMIT ${OPARL_DEFAULT_LIMIT + 1}` : pageEnd(OPARL_ORDER, q.limit, p);
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
  constructor(private readonly db: Db) {}

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

  /** One page of a body's external list of `kind`, optionally restricted to an organization. */
  async list(bases: OparlBases, kind: OparlKind, bodyId: string, q: OparlListQuery, restrict?: OrganizationScope): Promise<KeysetRow[]> {
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

  /** The object at its id: the full object, a tombstone if no longer public, or nothing (never public). */
  async object(bases: OparlBases, segment: ObjectSegment, id: string): Promise<string | undefined> {
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
