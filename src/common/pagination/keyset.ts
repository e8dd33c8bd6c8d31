import { CursorCast, decodeCursor, encodeCursor } from './cursor';

/** One column of a keyset order. All columns of one order share a direction. */
export interface KeyColumn {
  /** SQL expression, e.g. `s.start`. */
  sql: string;
  /** SQL type the cursor value is cast to; a cursor value that does not fit is a 400. */
  cast: CursorCast;
  /** Name of the result field that holds this column's value for the cursor. */
  field: string;
}

export interface KeysetOrder {
  columns: KeyColumn[];
  descending?: boolean;
}

/** Collects SQL parameters and hands out `$n` placeholders. */
export class Params {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** `ORDER BY` clause for an order. */
export function orderBy(order: KeysetOrder): string {
  const dir = order.descending ? 'DESC' : 'ASC';
  return order.columns.map((c) => `${c.sql} ${dir}`).join(', ');
}

/** Row-comparison predicate that starts after the cursor; uses the matching composite index. */
export function afterCursor(order: KeysetOrder, cursor: string | undefined, params: Params): string | null {
  if (!cursor) return null;
  const values = decodeCursor(cursor, order.columns.map((c) => c.cast));
  const left = order.columns.map((c) => c.sql).join(', ');
  const right = order.columns.map((c, i) => `${params.add(values[i])}::${c.cast}`).join(', ');
  return `(${left}) ${order.descending ? '<' : '>'} (${right})`;
}

/**
 * Cuts a `limit + 1` result to one page and computes the next cursor from the cursor
 * fields (which callers select as hidden `_k0`, `_k1`… columns).
 */
export function toPage<T extends Record<string, unknown>>(rows: T[], limit: number, order: KeysetOrder): { items: T[]; next: string | null } {
  const hasMore = rows.length > limit;
  const items = hasMore ? rows.slice(0, limit) : rows;
  if (!hasMore) return { items, next: null };
  const last = items[items.length - 1];
  return { items, next: encodeCursor(order.columns.map((c) => last[c.field] as string)) };
}

/**
 * The end of a page query: `ORDER BY` the order, `LIMIT limit + 1`. The row past the page
 * tells `toPage` that another page follows.
 */
export function pageEnd(order: KeysetOrder, limit: number, params: Params): string {
  return `ORDER BY ${orderBy(order)} LIMIT ${params.add(limit + 1)}`;
}

/** What one keyset page reads: the rows of `table` (as `alias`) that pass `where`, after `cursor`, in `order`. */
export interface PageQuery {
  table: string;
  alias: string;
  where: string[];
  order: KeysetOrder;
  cursor: string | undefined;
  /** Rows on a page; the query fetches one more, from which `toPage` learns that another page follows. */
  limit: number;
}

/**
 * One keyset page: the inner query finds the page's rows (after the cursor, `limit + 1` of them)
 * through the order's index, the outer one renders `columns` for those rows only (never for rows
 * a sort would throw away). Adds the cursor's values and the limit to `params`.
 */
export function pageQuery(columns: string, page: PageQuery, params: Params): string {
  const { table, alias, order } = page;
  const after = afterCursor(order, page.cursor, params);
  const where = after ? [...page.where, after] : page.where;
  return `SELECT ${columns}
    FROM (SELECT ${alias}.* FROM ${table} ${alias} WHERE ${where.join(' AND ')} ${pageEnd(order, page.limit, params)}) ${alias}
    ORDER BY ${orderBy(order)}`;
}

/**
 * A `pageQuery` whose rows are `{ j, _k0, _k1… }` (an item, its keys as text) as `toPage`
 * expects; `json` is of type `json` (jsonObject), read with Db.jsonRows.
 */
export function jsonPageQuery(json: string, page: PageQuery, params: Params): string {
  return pageQuery(`${json} AS j, ${keyColumns(page.order)}`, page, params);
}

/** The hidden key columns of an order, as text: `s.start::text AS _k0, …`. */
export function keyColumns(order: KeysetOrder): string {
  return order.columns.map((c) => `${c.sql}::text AS ${c.field}`).join(', ');
}
