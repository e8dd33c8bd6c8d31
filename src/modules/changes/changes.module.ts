import { Global, Module } from '@nestjs/common';
import { ResourceWriter } from './resource-writer.service';

@Global()
@Module({ providers: [ResourceWriter], exports: [ResourceWriter] })
export class ChangesModule {}
