import { Global, Module } from '@nestjs/common';
import { BodiesController } from './bodies.controller';
import { BodiesRepository } from './bodies.repository';
import { BodiesService } from './bodies.service';
import { BodyDirectory } from './body-directory.service';

/** Resolves body slugs for every request (BodyDirectory) and serves `/v1/bodies`. */
@Global()
@Module({
  controllers: [BodiesController],
  providers: [BodyDirectory, BodiesService, BodiesRepository],
  exports: [BodyDirectory],
})
export class BodiesModule {}
