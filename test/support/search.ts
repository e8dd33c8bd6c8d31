import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import type { SearchEngine } from '../../src/infra/search/engine';
import { PostgresSearchEngine } from '../../src/infra/search/postgres.engine';
import { SearchIndexer } from '../../src/modules/search/search-indexer';

/** The pg pool under a TypeORM data source. */
export const poolOf = (ds: DataSource): Pool => (ds.driver as unknown as { master: Pool }).master;

/** An indexer over a test database, with the PostgreSQL engine unless another is given. */
export function indexerFor(ds: DataSource, engine?: SearchEngine): SearchIndexer {
  return new SearchIndexer(poolOf(ds), engine ?? new PostgresSearchEngine(poolOf(ds)));
}
