import { Module } from '@nestjs/common';
import { OparlController } from './oparl.controller';
import { OparlRepository } from './oparl.repository';
import { OparlService } from './oparl.service';

/** OParl 1.1 endpoint under /oparl/v1.1: a read-only, public projection of the core model. */
@Module({
  controllers: [OparlController],
  providers: [OparlService, OparlRepository],
})
export class OparlModule {}
