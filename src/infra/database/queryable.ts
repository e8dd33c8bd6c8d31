import type { EntityManager } from 'typeorm';

/** What SQL can be sent to: a pg pool or client, or a TypeORM transaction seen through `fromManager`. */
export interface Queryable {
  query<R = Record<string, unknown>>(sql: string, values?: unknown[]): Promise<{ rows: R[] }>;
}

/** A TypeORM entity manager (inside a transaction, its connection) as a Queryable. */
export function fromManager(manager: EntityManager): Queryable {
  return {
    query: async <R>(sql: string, values?: unknown[]) => {
      const rows: R[] = await manager.query(sql, values);
      return { rows };
    },
  };
}
