import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config';
import { dataSourceOptions } from '../infra/database/data-source';
import { BODY } from './demo/catalog';
import { seedDemo } from './demo.seed';

/**
 * Seeds Musterstadt and builds its search index (for `seed demo` and the demo). The seed
 * writes rows directly, without change events, so the index would not learn of them otherwise.
 */
export async function seedDemoWithIndex(config: AppConfig): Promise<void> {
  const ds = new DataSource({ ...dataSourceOptions(config.databaseUrl, 4), logging: ['error'] });
  await ds.initialize();
  try {
    await seedDemo(ds, config);
  } finally {
    await ds.destroy();
  }
  const { searchCommand } = await import('../modules/search/search-cli');
  await searchCommand(['reindex'], { body: BODY.slug }, config);
}
