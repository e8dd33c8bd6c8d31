import { Module } from '@nestjs/common';
import { AdminQueues } from './admin-queues';

@Module({
  providers: [AdminQueues],
  exports: [AdminQueues],
})
export class QueuesModule {}
