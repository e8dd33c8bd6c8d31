import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { LoggerService } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import supertest from 'supertest';
import { DataSource } from 'typeorm';
import { createApp, LogStream } from '../../src/app';
import { AppConfig, loadConfig } from '../../src/config/config';
import { ApiKeyRole } from '../../src/modules/api-keys/api-key.entity';
import { ApiKeysService } from '../../src/modules/api-keys/api-keys.service';
import { createTestDatabase } from './database';
import { TEST_REDIS_URL } from './env';
import { createBody } from './factories';
import { checkDocumentedResponse } from './openapi-responses';

const AGENT_METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'] as const;

/**
 * A supertest agent whose every request is checked against `openapi/v1.json` once answered: a 2xx
 * JSON answer of `/v1/...` or `/health...` must be a documented operation, status and media type,
 * and match its schema (see ./openapi-responses.ts). The check runs as the first `expect` of the
 * request, so a mismatch fails the test that made it.
 */
export function checkedAgent(server: Parameters<typeof supertest.agent>[0]): supertest.Agent {
  const agent = supertest.agent(server);
  for (const method of AGENT_METHODS) {
    const send: (url: string) => supertest.Test = agent[method].bind(agent);
    (agent as unknown as Record<string, (url: string) => supertest.Test>)[method] = (url: string) =>
      send(url).expect((res) => checkDocumentedResponse(method, url, res));
  }
  return agent;
}

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  /** A TypeORM connection to this test file's own database. */
  ds: DataSource;
  http: () => supertest.Agent;
  /** Creates an API key; `bodyId` is required for editor and member keys. */
  key(role: ApiKeyRole, bodyId?: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * Tests read and search from one address far more than a person does (crawls, polls); the
 * per-address limits of anonymous reads are off unless a test sets them.
 */
const UNLIMITED_READS = { RATE_LIMIT_READS_PER_MINUTE: '0', RATE_LIMIT_SEARCHES_PER_MINUTE: '0' };

export interface TestAppOptions {
  /** Takes the application's log lines (none are written otherwise). */
  logger?: LoggerService;
  /** The URL the app connects to in place of its database's own (e.g. through a proxy). */
  databaseUrl?: (url: string) => string;
  /** Turns the log on (requests and the application's lines, as JSON) and takes its lines. */
  logStream?: LogStream;
}

/**
 * Starts the real API (Fastify, PostgreSQL, Redis) on a fresh database of its own, with a
 * Redis key prefix and a storage folder of its own. Pass env overrides to test config.
 */
export async function startTestApp(env: Record<string, string> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const storageDir = await mkdtemp(join(tmpdir(), 'ratsinfo-test-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: options.databaseUrl ? options.databaseUrl(database.url) : database.url,
    DATABASE_POOL_SIZE: '4',
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: `test-${randomBytes(4).toString('hex')}`,
    STORAGE_DIR: storageDir,
    PUBLIC_URL: 'http://api.test',
    LOG_LEVEL: 'error',
    ...UNLIMITED_READS,
    ...env,
  });
  const app = await createApp(config, options.logStream ? { logStream: options.logStream, ...(options.logger ? { logger: options.logger } : {}) } : { logger: options.logger ?? false });
  const ds = app.get(DataSource);
  const keys = app.get(ApiKeysService);
  return {
    app,
    config,
    ds,
    http: () => checkedAgent(app.getHttpServer()),
    key: async (role, bodyId) => (await keys.create({ name: `test ${role}`, role, bodyId: bodyId ?? null })).key,
    close: async () => {
      await app.close();
      await database.drop();
      await rm(storageDir, { recursive: true, force: true });
    },
  };
}

/**
 * Another API process of the same installation: a second app on the first one's database,
 * Redis prefix and storage folder (as two API processes behind a load balancer). Closing it
 * leaves them to the first.
 */
export async function startAnotherApp(first: TestApp, env: Record<string, string> = {}): Promise<TestApp> {
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: first.config.databaseUrl,
    DATABASE_POOL_SIZE: '4',
    REDIS_URL: first.config.redisUrl,
    REDIS_PREFIX: first.config.redisPrefix,
    STORAGE_DIR: first.config.storage.driver === 'local' ? first.config.storage.dir : '',
    PUBLIC_URL: first.config.publicUrl,
    LOG_LEVEL: 'error',
    ...UNLIMITED_READS,
    ...env,
  });
  const app = await createApp(config, { logger: false });
  const keys = app.get(ApiKeysService);
  return {
    app,
    config,
    ds: app.get(DataSource),
    http: () => checkedAgent(app.getHttpServer()),
    key: async (role, bodyId) => (await keys.create({ name: `test ${role}`, role, bodyId: bodyId ?? null })).key,
    close: () => app.close(),
  };
}

/** A test app with one body and a key of every role for it (and an editor key of another body). */
export async function startWithBody(env: Record<string, string> = {}, options: TestAppOptions = {}) {
  const t = await startTestApp(env, options);
  const body = await createBody(t.ds, { slug: 'musterstadt', name: 'Stadt Musterstadt' });
  const other = await createBody(t.ds, { slug: 'andersdorf', name: 'Gemeinde Andersdorf' });
  const keys = {
    admin: await t.key('admin'),
    editor: await t.key('editor', body.id),
    member: await t.key('member', body.id),
    otherEditor: await t.key('editor', other.id),
    otherMember: await t.key('member', other.id),
  };
  return { ...t, body, other, keys };
}

export const bearer = (key: string): [string, string] => ['Authorization', `Bearer ${key}`];
