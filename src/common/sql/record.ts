import type { Params } from '../pagination/keyset';

/** What a detail query reads: the row of `table` (as `alias`) with this id, of this body, that `visible` lets through. */
export interface RecordQuery {
  table: string;
  alias: string;
  id: string;
  bodyId: string;
  /** The visibility predicate on `alias` (src/common/access/visibility.sql.ts). */
  visible: string;
}

/**
 * The query of one record as JSON text (`j`), no row when there is none the caller may see.
 * `extra` adds columns after `j`. Adds the id and the body to `params`.
 */
export function recordQuery(json: string, record: RecordQuery, params: Params, extra = ''): string {
  const a = record.alias;
  return `SELECT ${json}::text AS j${extra} FROM ${record.table} ${a}
    WHERE ${a}.id = ${params.add(record.id)} AND ${a}.body_id = ${params.add(record.bodyId)} AND ${record.visible}`;
}
