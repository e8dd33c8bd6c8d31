import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { loadConfig } from './config/config';
import { buildOpenApiDocument, serializeSpec, SPEC_SERVER_URL } from './openapi';

/**
 * Generates the OpenAPI spec from the code alone: the app is built in preview mode, so no
 * database or Redis is needed, and the output is byte-stable (sorted keys, fixed server).
 * `publicUrl` names the server (validated as `PUBLIC_URL` is); the committed spec names
 * the default of `npm run demo`.
 */
export async function generateSpec(publicUrl = SPEC_SERVER_URL): Promise<string> {
  const config = loadConfig({ NODE_ENV: 'test', PUBLIC_URL: publicUrl });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), new FastifyAdapter(), { preview: true, logger: false, abortOnError: false });
  try {
    return serializeSpec(buildOpenApiDocument(app, config.publicUrl));
  } finally {
    await app.close();
  }
}
