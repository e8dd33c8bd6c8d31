/** Bulk writes for the seeds: multi-row parameterised INSERTs, upserts that only touch changed rows. */

/** What the seeds need of a DataSource or an EntityManager. */
export interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

export type SqlValue = string | number | boolean | Date | null | readonly string[];

export type SqlRow<Row> = { readonly [K in keyof Row]: SqlValue };

export interface TableSpec<Row extends SqlRow<Row>> {
  table: string;
  /** Conflict target of the upsert. */
  key: readonly (keyof Row & string)[];
  /** Every column written, with the SQL type its parameter is cast to. */
  columns: { readonly [K in keyof Row]-?: string };
  /** Whether the table has `modified_at`, bumped when an upsert changes a row. */
  tracksModification: boolean;
}

const CHUNK_ROWS = 500;

export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

function valuesClause<Row extends SqlRow<Row>>(spec: TableSpec<Row>, names: (keyof Row & string)[], rows: readonly Row[]): { sql: string; params: SqlValue[] } {
  const params: SqlValue[] = [];
  const tuples = rows.map((row) => {
    const cells = names.map((name) => {
      params.push(row[name]);
      return `$${params.length}::${spec.columns[name]}`;
    });
    return `(${cells.join(', ')})`;
  });
  return { sql: tuples.join(',\n'), params };
}

/**
 * Inserts `rows`, or updates the existing row with the same key. A row whose values are all
 * unchanged is left alone, so running a seed twice does not bump `modified_at`.
 */
export async function upsertRows<Row extends SqlRow<Row>>(q: Queryable, spec: TableSpec<Row>, rows: readonly Row[]): Promise<void> {
  const names = Object.keys(spec.columns) as (keyof Row & string)[];
  const updatable = names.filter((name) => !spec.key.includes(name));
  const assignments = updatable.map((name) => `${quoteIdent(name)} = EXCLUDED.${quoteIdent(name)}`);
  if (spec.tracksModification) assignments.push('modified_at = now()');
  const changed = `(${updatable.map((n) => `t.${quoteIdent(n)}`).join(', ')}) IS DISTINCT FROM (${updatable.map((n) => `EXCLUDED.${quoteIdent(n)}`).join(', ')})`;
  const conflict = updatable.length
    ? `ON CONFLICT (${spec.key.map(quoteIdent).join(', ')}) DO UPDATE SET ${assignments.join(', ')} WHERE ${changed}`
    : `ON CONFLICT (${spec.key.map(quoteIdent).join(', ')}) DO NOTHING`;
  for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
    const values = valuesClause(spec, names, rows.slice(start, start + CHUNK_ROWS));
    await q.query(
      `INSERT INTO ${quoteIdent(spec.table)} AS t (${names.map(quoteIdent).join(', ')}) VALUES\n${values.sql}\n${conflict}`,
      values.params,
    );
  }
}

/**
 * Deletes the rows of a body that a seed wrote earlier but no longer produces. Rows last
 * written through the API (`modified_by_key_id` set) are never touched. Returns the
 * `returning` column of the deleted rows.
 */
export async function pruneRows(q: Queryable, table: string, bodyId: string, keep: readonly string[], returning = 'id'): Promise<string[]> {
  const result = await q.query(
    `DELETE FROM ${quoteIdent(table)} WHERE body_id = $1 AND modified_by_key_id IS NULL AND NOT (id = ANY($2::uuid[])) RETURNING ${quoteIdent(returning)} AS value`,
    [bodyId, keep],
  );
  return returnedRows<{ value: string }>(result).map((row) => row.value);
}

/** TypeORM answers UPDATE and DELETE with `[rows, count]`, everything else with the rows. */
export function returnedRows<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}

/** Runs `work` and returns its result with the elapsed seconds, for progress lines. */
export async function timed<T>(work: () => Promise<T>): Promise<{ result: T; seconds: string }> {
  const started = process.hrtime.bigint();
  const result = await work();
  return { result, seconds: (Number(process.hrtime.bigint() - started) / 1e9).toFixed(1) };
}
