import 'reflect-metadata';
import { join } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from 'typeorm-naming-strategies';
import { ENTITIES } from './entities';
import { QueryLog } from './query-log';

/**
 * Settings of every connection. Sessions are local Europe/Berlin times: PostgreSQL formats
 * offsets for that zone. JIT compilation costs more than it saves on our short, wide
 * JSON-building reads. Code that sets `extra.options` itself must keep these.
 */
export const DATABASE_TIME_ZONE = 'Europe/Berlin';
export const CONNECTION_OPTIONS = `-c TimeZone=${DATABASE_TIME_ZONE} -c jit=off`;

/** How long getting a connection (from the pool, or a new one) may take before the query fails. */
export const CONNECT_TIMEOUT_MS = 5000;

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
    // Failed queries as lines of the process log, without their parameters.
    logger: new QueryLog(),
    // A server that does not answer fails a query after a few seconds instead of holding it.
    extra: { max: poolSize, application_name: 'ratsinfo', options: CONNECTION_OPTIONS, connectionTimeoutMillis: CONNECT_TIMEOUT_MS },
  };
}
