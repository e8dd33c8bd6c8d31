import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { Storage } from './storage';
import { createStorage } from './create-storage';

@Global()
@Module({
  providers: [{ provide: Storage, inject: [APP_CONFIG], useFactory: (config: AppConfig) => createStorage(config) }],
  exports: [Storage],
})
export class StorageModule {}
