import { DataSource } from 'typeorm';
import { loadConfig } from '../../config/config';
import { dataSourceOptions } from './data-source';

/**
 * The connection of the `typeorm` CLI (the migration drift check, generating a migration):
 * the only module that reads the environment when it is loaded, since the CLI loads it by path.
 */
export default new DataSource(dataSourceOptions(loadConfig().databaseUrl));
