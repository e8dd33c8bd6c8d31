import { Module } from '@nestjs/common';
import { AgendaItemsController } from './agenda-items.controller';
import { AgendaItemsRepository } from './agenda-items.repository';
import { AgendaItemsService } from './agenda-items.service';

@Module({
  controllers: [AgendaItemsController],
  providers: [AgendaItemsService, AgendaItemsRepository],
})
export class AgendaItemsModule {}
