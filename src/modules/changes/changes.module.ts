import { Global, Module } from '@nestjs/common';
import { ChangesController } from './changes.controller';
import { ChangesRepository } from './changes.repository';
import { ChangesService } from './changes.service';
import { ResourceWriter } from './resource-writer.service';

@Global()
@Module({
  controllers: [ChangesController],
  providers: [ResourceWriter, ChangesService, ChangesRepository],
  exports: [ResourceWriter],
})
export class ChangesModule {}
