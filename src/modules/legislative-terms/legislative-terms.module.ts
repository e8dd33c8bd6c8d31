import { Module } from '@nestjs/common';
import { LegislativeTermsController } from './legislative-terms.controller';
import { LegislativeTermsRepository } from './legislative-terms.repository';
import { LegislativeTermsService } from './legislative-terms.service';

@Module({
  controllers: [LegislativeTermsController],
  providers: [LegislativeTermsService, LegislativeTermsRepository],
})
export class LegislativeTermsModule {}
