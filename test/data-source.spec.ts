import { DataSource } from 'typeorm';
import { loadConfig } from '../src/config/config';
import { dataSourceOptions } from '../src/infra/database/data-source';
import { mailDataSource } from '../src/modules/newsletter/newsletter.worker';
import { startTestApp } from './support/app';
import { createTestDatabase } from './support/database';

async function settings(ds: DataSource): Promise<{ timeZone: string; jit: string }> {
  const [row]: { timeZone: string; jit: string }[] = await ds.query(`SELECT current_setting('TimeZone') AS "timeZone", current_setting('jit') AS jit`);
  return row;
}

describe('database connections', () => {
  it('run in Europe/Berlin without JIT, outside the API too (worker, CLI, seeds)', async () => {
    const database = await createTestDatabase();
    const ds = new DataSource({ ...dataSourceOptions(database.url, 1), logging: ['error'] });
    await ds.initialize();
    try {
      expect(await settings(ds)).toEqual({ timeZone: 'Europe/Berlin', jit: 'off' });
    } finally {
      await ds.destroy();
      await database.drop();
    }
  });

  it('keep Europe/Berlin and no JIT on the delivery log\'s asynchronous-commit connections', async () => {
    const database = await createTestDatabase();
    const ds = mailDataSource({ ...loadConfig(), databaseUrl: database.url });
    await ds.initialize();
    try {
      expect(await settings(ds)).toEqual({ timeZone: 'Europe/Berlin', jit: 'off' });
      const [row]: { commit: string }[] = await ds.query(`SELECT current_setting('synchronous_commit') AS commit`);
      expect(row.commit).toBe('off');
    } finally {
      await ds.destroy();
      await database.drop();
    }
  });

  it('run in Europe/Berlin without JIT in the API', async () => {
    const t = await startTestApp();
    try {
      expect(await settings(t.ds)).toEqual({ timeZone: 'Europe/Berlin', jit: 'off' });
    } finally {
      await t.close();
    }
  });
});
