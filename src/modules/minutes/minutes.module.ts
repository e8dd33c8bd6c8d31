import { Module } from '@nestjs/common';
import { MinutesController } from './minutes.controller';
import { MinutesRepository } from './minutes.repository';
import { MinutesService } from './minutes.service';

@Module({
  controllers: [MinutesController],
  providers: [MinutesService, MinutesRepository],
})
export class MinutesModule {}
