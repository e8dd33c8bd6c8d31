import { Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { poolOf } from '../../infra/database/pool';
import { createSearchEngine } from '../../infra/search/create-engine';
import { SearchController } from './search.controller';
import { SearchRepository } from './search.repository';
import { SEARCH_ENGINE, SearchService } from './search.service';

@Module({
  controllers: [SearchController],
  providers: [
    SearchService,
    SearchRepository,
    {
      provide: SEARCH_ENGINE,
      inject: [APP_CONFIG, getDataSourceToken()],
      useFactory: (config: AppConfig, ds: DataSource) => createSearchEngine(config, poolOf(ds)),
    },
  ],
  exports: [SearchService],
})
export class SearchModule {}
