import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config';
import { dataSourceOptions } from '../infra/database/data-source';
import { seedDemoAccount } from './demo/account';
import { BODY } from './demo/catalog';
import { seedDemo } from './demo.seed';

/**
 * Seeds Musterstadt and builds its search index (for `seed demo` and the demo). The seed
 * writes rows directly, without change events, so the index would not learn of them otherwise.
 * Also (re)creates the demo app account with notes and markings, and prints its new token.
 */
export async function seedDemoWithIndex(config: AppConfig, log: (line: string) => void = (line) => console.log(line)): Promise<void> {
  const ds = new DataSource({ ...dataSourceOptions(config.databaseUrl, 4), logging: ['error'] });
  await ds.initialize();
  try {
    const { bodyId } = await seedDemo(ds, config, { log });
    const account = await seedDemoAccount(ds, config, bodyId);
    if (account) log(`demo app account ${account.id} (notes, markings, follows): Authorization: Bearer ${account.token}`);
  } finally {
    await ds.destroy();
  }
  const { searchCommand } = await import('../modules/search/search-cli');
  await searchCommand(['reindex'], { body: BODY.slug }, config);
}
