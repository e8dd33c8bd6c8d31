import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { DatabaseAvailability, OutageAwareLogger } from './availability';
import { dataSourceOptions } from './data-source';
import { Db } from './db.service';
import { ReadReplicas } from './read-replicas';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        ...dataSourceOptions(config.databaseUrl, config.databasePoolSize),
        logger: new OutageAwareLogger(),
      }),
    }),
  ],
  providers: [Db, DatabaseAvailability, ReadReplicas],
  exports: [Db, DatabaseAvailability, ReadReplicas],
})
export class DatabaseModule {}
