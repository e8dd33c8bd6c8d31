import type { DataSource, EntityManager } from 'typeorm';
import type { Scope } from '../../common/access/access';
import { checkIfMatch, StaleVersion } from '../../common/http/if-match';
import { Problem } from '../../common/http/problem';
import type { NounKey } from '../../common/http/problem-texts';

/** One versioned row of a body outside its council records: its settings, a webhook subscription. */
export interface VersionedRow {
  /** What it is, for the 404 and 412 texts. */
  what: NounKey;
  id: string;
  /** Locks the row (SELECT version … FOR UPDATE) and returns its version; null when there is none. */
  lock: (manager: EntityManager) => Promise<number | null>;
  /** The row as the caller reads it, for the `current.record` of a 412. */
  view: () => Promise<unknown>;
}

/**
 * A write to a versioned row that is not a record of RESOURCES (those go through
 * ResourceWriter), in one transaction: locks the row, compares the request's If-Match with its
 * version (see RecordVersionInterceptor), then runs `work`, which changes the row, moves its
 * version on and returns the new one, the ETag of the answer. Of two writes made on the same
 * version only the first succeeds; the second waits for the lock and gets a 412 whose
 * `current.record` is read after the rollback, so that no lock is held meanwhile.
 */
export async function writeVersioned<T>(
  dataSource: DataSource,
  scope: Scope,
  row: VersionedRow,
  work: (manager: EntityManager) => Promise<{ version: number; result: T }>,
): Promise<T> {
  const write = scope.write;
  try {
    const { version, result } = await dataSource.transaction(async (manager) => {
      const stored = await row.lock(manager);
      if (stored === null) throw Problem.notFound(row.what, row.id);
      if (write) checkIfMatch(write, row.what, row.id, stored);
      return work(manager);
    });
    if (write) write.version = version;
    return result;
  } catch (error) {
    if (error instanceof StaleVersion) error.show(await row.view().catch(() => undefined));
    throw error;
  }
}

/** The first row of an UPDATE/DELETE … RETURNING version (TypeORM answers such a query with `[rows, count]`). */
export async function returnedVersion(manager: EntityManager, sql: string, params: unknown[]): Promise<number> {
  const [rows] = await manager.query<[{ version: number }[], number]>(sql, params);
  return rows[0].version;
}
