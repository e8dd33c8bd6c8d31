import 'reflect-metadata';
import { join } from 'node:path';
import { DataSource, DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from 'typeorm-naming-strategies';
import { loadConfig } from '../../config/config';
import { ENTITIES } from './entities';

/** TypeORM options shared by the API, the worker, the CLI and the migration tool. */
export function dataSourceOptions(databaseUrl: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: ENTITIES,
    migrations: [join(__dirname, '..', '..', 'migrations', '*.{js,ts}')],
    migrationsTableName: 'migrations',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    installExtensions: false,
    uuidExtension: 'pgcrypto',
    extra: { max: poolSize, application_name: 'ratsinfo' },
  };
}

/** Used by the `typeorm` CLI for the migration drift check. */
export default new DataSource(dataSourceOptions(loadConfig().databaseUrl));
