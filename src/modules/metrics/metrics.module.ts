import { Module } from '@nestjs/common';
import { QueuesModule } from '../queues/queues.module';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';

@Module({
  imports: [QueuesModule],
  controllers: [MetricsController],
  providers: [MetricsService],
})
export class MetricsModule {}
