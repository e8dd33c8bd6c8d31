import { Global, Module } from '@nestjs/common';
import { BodyDirectory } from './body-directory.service';

@Global()
@Module({ providers: [BodyDirectory], exports: [BodyDirectory] })
export class BodiesModule {}
