import type { Pool } from 'pg';
import type { AppConfig } from '../../config/config';
import type { SearchEngine } from './engine';
import { MeiliClient } from './meili.client';
import { MeiliSearchEngine } from './meili.engine';
import { PostgresSearchEngine } from './postgres.engine';

/** The configured engine; PostgreSQL uses the given pool (the caller owns it). */
export function createSearchEngine(config: AppConfig, pool: Pool): SearchEngine {
  const { engine, meili } = config.search;
  if (engine === 'meilisearch' && meili) return new MeiliSearchEngine(new MeiliClient(meili.url, meili.key, meili.timeoutMs), meili.index);
  return new PostgresSearchEngine(pool);
}
