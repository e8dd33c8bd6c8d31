import 'reflect-metadata';
import compress from '@fastify/compress';
import etag from '@fastify/etag';
import multipart from '@fastify/multipart';
import type { LoggerService } from '@nestjs/common';
import { DiscoveryService, NestFactory, Reflector } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import Redis from 'ioredis';
import { AppModule } from './app.module';
import { CallerResolver } from './common/access/callers';
import { answerFromReadCache, ReadCache } from './common/cache/read-cache';
import { registerBodyParsers } from './common/http/body';
import { registerDirectReads } from './common/http/direct-reads';
import { ProblemFilter } from './common/http/problem';
import { clientErrorHandler, frameworkErrorHandler, requestIdOf } from './common/http/client-error';
import { API_CSP_DIRECTIVES, DOCS_CSP, isDocsPath, QUEUE_BOARD_CSP } from './common/http/csp';
import { registerRateLimits } from './common/http/rate-limit';
import { securityHeaders } from './common/http/security-headers';
import { createValidationPipe } from './common/http/validation';
import { AppConfig } from './config/config';
import { routeReads } from './infra/database/read-routing';
import { createPino, inRequest, LogStream, maskEmails, StructuredLogger } from './infra/logging/logger';
import { registerHttpMetrics } from './infra/metrics/http-metrics';
import { REDIS } from './infra/redis/redis.module';
import { ApiKeysService } from './modules/api-keys/api-keys.service';
import { AdminQueues } from './modules/queues/admin-queues';
import { BodyDirectory } from './modules/bodies/body-directory.service';
import { isQueueBoardPath, registerQueueBoard } from './modules/queues/queue-board';
import { buildOpenApiDocument } from './openapi';

/** Query parameters whose values never reach a log line: tokens from mail links (e.g. one-click unsubscribe). */
const SECRET_PARAMS = new Set(['token']);

function paramName(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' ')).toLowerCase();
  } catch {
    return raw.toLowerCase();
  }
}

/**
 * A request URL fit for the log: the query of personal routes is left out (it holds the words
 * a reader searches their own notes for, and their tags), and secret parameters are redacted.
 */
export function loggableUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const path = url.slice(0, q);
  if (path.startsWith('/v1/me')) return `${path}?…`;
  const query = url
    .slice(q + 1)
    .split('&')
    .map((part) => {
      const name = part.split('=', 1)[0];
      return SECRET_PARAMS.has(paramName(name)) ? `${name}=[redacted]` : part;
    })
    .join('&');
  return `${path}?${query}`;
}

/**
 * Request log lines as Fastify writes them, with the URL made fit for the log (see loggableUrl)
 * and without e-mail addresses (a search for one, say).
 */
export function logRequest(req: { method: string; url: string; host?: string; ip?: string; socket?: { remotePort?: number } }): Record<string, unknown> {
  return { method: req.method, url: maskEmails(loggableUrl(req.url)), host: req.host, remoteAddress: req.ip, remotePort: req.socket?.remotePort };
}

export type { LogStream } from './infra/logging/logger';

/**
 * Builds the HTTP API (not yet listening). Shared by `main.ts`, the demo and the tests.
 * `logger`: the process's StructuredLogger (Fastify's request log and Nest's lines, see
 * useStructuredLogs); false for no log at all; another LoggerService takes Nest's lines only.
 * Without one, JSON lines go to `logStream` if given (tests), else to stdout.
 */
export async function createApp(config: AppConfig, options: { logger?: false | LoggerService; logStream?: LogStream } = {}): Promise<NestFastifyApplication> {
  const structured =
    options.logger instanceof StructuredLogger
      ? options.logger
      : options.logStream || options.logger === undefined
        ? new StructuredLogger(createPino(config.logLevel, options.logStream ? { stream: options.logStream } : {}))
        : null;
  const adapter = new FastifyAdapter({
    trustProxy: config.trustProxy,
    bodyLimit: config.bodyLimitBytes,
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => requestIdOf(req.headers),
    clientErrorHandler,
    frameworkErrors: frameworkErrorHandler,
    ...(structured ? { loggerInstance: structured.pino.child({}, { serializers: { req: logRequest } }) } : { logger: false }),
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: options.logger === undefined ? (structured ?? false) : options.logger,
    abortOnError: false,
    // JSON and form bodies are parsed by registerBodyParsers (depth and size limits).
    bodyParser: false,
  });
  const validation = createValidationPipe();
  app.useGlobalPipes(validation);
  // No enableShutdownHooks(): the entrypoints close the app on SIGTERM themselves (closeOnSignal),
  // in order with the worker, instead of Nest ending the process as soon as the app is closed.
  app.enableCors({
    origin: '*',
    methods: ['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'If-None-Match', 'If-Match', 'Idempotency-Key', 'Range', 'X-Request-Id', 'X-Newsletter-Token'],
    exposedHeaders: ['ETag', 'X-Request-Id', 'Content-Disposition', 'Content-Length', 'Accept-Ranges', 'Content-Range', 'Retry-After', 'Location', 'Idempotent-Replayed'],
    maxAge: 86400,
  });

  const fastify = app.getHttpAdapter().getInstance();
  // Lines logged while a request is handled carry its id (Fastify keeps the async context
  // across reading the body).
  const security = securityHeaders({
    contentSecurityPolicy: { useDefaults: false, directives: API_CSP_DIRECTIVES },
    crossOriginResourcePolicy: { policy: 'cross-origin' },
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    for (const [name, value] of security) reply.raw.setHeader(name, value);
    inRequest(request.id, done);
  });
  // Reads go to the primary unless the request turns out to be an anonymous read (ReplicaReadsInterceptor).
  fastify.addHook('onRequest', (_request, _reply, done) => routeReads(done));
  registerHttpMetrics(fastify);
  registerBodyParsers(fastify, config.bodyLimitBytes);
  // A text answer is encoded to UTF-8 once, here: the ETag's hash, the compression, the
  // Content-Length and the socket would each encode a string again.
  fastify.addHook('onSend', (_request, _reply, payload, done) => done(null, typeof payload === 'string' ? Buffer.from(payload) : payload));
  await fastify.register(compress, { threshold: 1024, encodings: ['gzip', 'deflate'] });
  await fastify.register(etag, { weak: true });
  await fastify.register(multipart, { limits: { fileSize: config.upload.maxBytes, files: 1, fields: 20, fieldSize: 64 * 1024 } });
  await registerRateLimits(fastify, config, app.get<Redis>(REDIS), app.get(CallerResolver));
  await registerQueueBoard(fastify, app.get(AdminQueues).all.values(), app.get(ApiKeysService));
  answerFromReadCache(fastify, app.get(ReadCache));
  const directReads = config.directReads ? registerDirectReads(fastify) : null;

  fastify.addHook('onSend', async (request, reply, payload) => {
    void reply.header('X-Request-Id', request.id);
    if (isDocsPath(request.url)) void reply.header('Content-Security-Policy', DOCS_CSP);
    else if (isQueueBoardPath(request.url)) void reply.header('Content-Security-Policy', QUEUE_BOARD_CSP);
    if ((request.method === 'GET' || request.method === 'HEAD') && !reply.hasHeader('Cache-Control') && reply.statusCode < 300) {
      const anonymous = !request.headers.authorization;
      void reply.header('Cache-Control', anonymous ? `public, max-age=${config.cacheMaxAgeSeconds}` : 'private, no-cache');
      void reply.header('Vary', 'Authorization, Accept-Encoding');
    }
    return payload;
  });

  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app, config.publicUrl), { jsonDocumentUrl: 'docs/openapi.json' });
  await app.init();
  directReads?.({
    discovery: app.get(DiscoveryService),
    reflector: app.get(Reflector),
    callers: app.get(CallerResolver),
    bodies: app.get(BodyDirectory),
    cache: app.get(ReadCache),
    pipe: validation,
    filter: app.get(ProblemFilter),
  });
  await fastify.ready();
  return app;
}
