import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { loadConfig } from './config/config';
import { buildOpenApiDocument, serializeSpec } from './openapi';

/**
 * Generates the OpenAPI spec from the code alone: the app is built in preview mode, so no
 * database or Redis is needed, and the output is byte-stable (sorted keys, fixed server).
 */
export async function generateSpec(): Promise<string> {
  const config = loadConfig({ NODE_ENV: 'test' });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), new FastifyAdapter(), { preview: true, logger: false, abortOnError: false });
  try {
    return serializeSpec(buildOpenApiDocument(app));
  } finally {
    await app.close();
  }
}
