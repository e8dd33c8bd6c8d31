import type { Pool, PoolClient } from 'pg';
import type { DataSource } from 'typeorm';

/**
 * The pg pool behind TypeORM's PostgreSQL driver (`driver.master`), for raw SQL on the same
 * connections as the entities use. TypeORM types its driver as the generic `Driver`; this is
 * the one place that knows the PostgreSQL driver's field. The pool exists once the data source
 * is initialized.
 */
export function poolOf(dataSource: DataSource): Pool {
  return (dataSource.driver as unknown as { master: Pool }).master;
}

/**
 * Runs `work` in one transaction on a client of `pool`: COMMIT when it resolves, ROLLBACK
 * when it throws (the error passes on), the client released either way.
 */
export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
