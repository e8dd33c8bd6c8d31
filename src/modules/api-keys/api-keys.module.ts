import { Global, Module } from '@nestjs/common';
import type Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { REDIS } from '../../infra/redis/redis.module';
import { ApiKeysService, KEY_REVOCATIONS } from './api-keys.service';
import { KeyRevocations } from './key-revocations';

@Global()
@Module({
  providers: [ApiKeysService, { provide: KEY_REVOCATIONS, inject: [REDIS, APP_CONFIG], useFactory: (redis: Redis, config: AppConfig) => new KeyRevocations(redis, config.redisPrefix) }],
  exports: [ApiKeysService],
})
export class ApiKeysModule {}
