import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, DiscoveryModule } from '@nestjs/core';
import { AccessGuard } from './common/access/access.guard';
import { CallerResolver } from './common/access/callers';
import { ReplicaReadsInterceptor } from './common/access/replica-reads';
import { ReadCacheInvalidation } from './common/cache/invalidation';
import { ReadCache, ReadCacheInterceptor } from './common/cache/read-cache';
import { InputGuard } from './common/http/input.guard';
import { ProblemFilter } from './common/http/problem';
import { APP_CONFIG, AppConfig } from './config/config';
import { DatabaseModule } from './infra/database/database.module';
import { RedisModule } from './infra/redis/redis.module';
import { StorageModule } from './infra/storage/storage.module';
import { DOMAIN_MODULES } from './modules/domain-modules';
import { AccountsModule } from './modules/accounts/accounts.module';
import { ApiKeysModule } from './modules/api-keys/api-keys.module';
import { BodiesModule } from './modules/bodies/bodies.module';
import { ChangesModule } from './modules/changes/changes.module';
import { HealthModule } from './modules/health/health.module';
import { MetricsModule } from './modules/metrics/metrics.module';
import { QueuesModule } from './modules/queues/queues.module';

/** The HTTP API: every domain module plus the shared plumbing. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [DiscoveryModule, DatabaseModule, RedisModule, StorageModule, ApiKeysModule, AccountsModule, BodiesModule, ChangesModule, HealthModule, QueuesModule, MetricsModule, ...DOMAIN_MODULES],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        // In this order: input is checked before the access guard looks anything up.
        { provide: APP_GUARD, useClass: InputGuard },
        { provide: APP_GUARD, useClass: AccessGuard },
        // One instance: Nest's for every route, and the direct reads' (see direct-reads).
        ProblemFilter,
        { provide: APP_FILTER, useExisting: ProblemFilter },
        { provide: APP_INTERCEPTOR, useClass: ReplicaReadsInterceptor },
        { provide: APP_INTERCEPTOR, useClass: ReadCacheInterceptor },
        ReadCache,
        ReadCacheInvalidation,
        CallerResolver,
      ],
      exports: [APP_CONFIG, ReadCache, CallerResolver],
    };
  }
}
