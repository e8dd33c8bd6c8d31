import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { dataSourceOptions } from './data-source';
import { Db } from './db.service';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        ...dataSourceOptions(config.databaseUrl, config.databasePoolSize),
        // Sessions are local Europe/Berlin times: let PostgreSQL format offsets for that zone.
        // JIT compilation costs more than it saves on our short, wide JSON-building reads.
        extra: {
          max: config.databasePoolSize,
          application_name: 'ratsinfo',
          options: '-c TimeZone=Europe/Berlin -c jit=off',
        },
        logging: ['error'],
      }),
    }),
  ],
  providers: [Db],
  exports: [Db],
})
export class DatabaseModule {}
