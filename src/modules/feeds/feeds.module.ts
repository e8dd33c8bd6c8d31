import { Module } from '@nestjs/common';
import { SearchModule } from '../search/search.module';
import { FeedsController } from './feeds.controller';
import { FeedsRepository } from './feeds.repository';
import { FeedsService } from './feeds.service';

@Module({ imports: [SearchModule], controllers: [FeedsController], providers: [FeedsService, FeedsRepository] })
export class FeedsModule {}
