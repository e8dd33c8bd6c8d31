import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from './config/config';
import { dataSourceOptions } from './infra/database/data-source';
import { migrate } from './infra/database/migrate';
import { exitWithError, useStructuredLogs } from './infra/logging/logger';
import { closeRedis } from './infra/redis/close-redis';
import { createRedis } from './infra/redis/redis.module';
import { API_KEY_ROLES, ApiKeyRole } from './modules/api-keys/api-key.entity';
import { ApiKeysService } from './modules/api-keys/api-keys.service';
import { KeyRevocations } from './modules/api-keys/key-revocations';
import { BodyEntity } from './modules/bodies/body.entity';
import { ACCOUNT_USAGE, accountCommand, AccountCommandError } from './modules/accounts/accounts-cli';
import { IMPORT_USAGE } from './modules/oparl-import/usage';
import { QUEUE_USAGE, QueueCommandError } from './modules/queues/queues-cli';
import { EXPORT_USAGE } from './modules/exports/exports-cli';
import { ExportAlreadyRunning, ExportCommandError } from './modules/exports/export-store';
import { OPARL_RENDER_USAGE, oparlRenderCommand, OparlRenderCommandError } from './modules/oparl/oparl-rendered';

const USAGE = `Usage: npm run cli -- <command>

  migrate                                   apply pending database migrations
  api-key create --role admin|editor|member [--body <slug>] [--name <text>]
                                            create a key; the key is the last line printed
  api-key list                              list keys (never the secrets)
  api-key revoke <id|prefix>                revoke a key
${ACCOUNT_USAGE}
  seed demo                                 create or refresh the demo city "Musterstadt"
  seed large [--scale <factor>]             generate a large city for benchmarks
  openapi [--out <file>] [--public-url <url>]
                                            write the OpenAPI spec (default openapi/v1.json, server
                                            http://localhost:3000)
  search setup | reindex [--body <slug>] | extract [--body <slug>] [--failed] | status
                                            search index maintenance (see README, Search)
${QUEUE_USAGE}
${IMPORT_USAGE}
${EXPORT_USAGE}
${OPARL_RENDER_USAGE}
`;

/** Parses `--name value` flags after the positional words. */
export function parseArgs(argv: string[]): { words: string[]; flags: Record<string, string> } {
  const words: string[] = [];
  const flags: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split('=', 2);
      if (inline !== undefined) flags[name] = inline;
      else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) flags[name] = argv[++i];
      else flags[name] = 'true';
    } else words.push(arg);
  }
  return { words, flags };
}

class UsageError extends Error {}

async function withDataSource<T>(work: (ds: DataSource) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const ds = new DataSource({ ...dataSourceOptions(config.databaseUrl, 4), logging: ['error'] });
  await ds.initialize();
  try {
    return await work(ds);
  } finally {
    await ds.destroy();
  }
}

async function apiKey(words: string[], flags: Record<string, string>): Promise<void> {
  const action = words[1];
  await withDataSource(async (ds) => {
    if (action === 'revoke') return revokeApiKey(ds, words[2]);
    const keys = new ApiKeysService(ds);
    if (action === 'create') {
      const role = flags.role as ApiKeyRole;
      if (!API_KEY_ROLES.includes(role)) throw new UsageError(`--role must be one of ${API_KEY_ROLES.join(', ')}`);
      let bodyId: string | null = null;
      if (flags.body) {
        const body = await ds.getRepository(BodyEntity).findOneBy({ slug: flags.body });
        if (!body) throw new UsageError(`no body with slug "${flags.body}"`);
        bodyId = body.id;
      }
      if (role !== 'admin' && !bodyId) throw new UsageError(`--body <slug> is required for ${role} keys`);
      if (role === 'admin' && bodyId) throw new UsageError('admin keys act on every body; leave out --body');
      const name = flags.name ?? `${role}${flags.body ? ` of ${flags.body}` : ''}`;
      const created = await keys.create({ name, role, bodyId });
      console.log(`created ${role} key ${created.id} (${name}); store it now, it is not shown again:`);
      console.log(created.key);
    } else if (action === 'list') {
      const bodies = new Map((await ds.getRepository(BodyEntity).find()).map((b) => [b.id, b.slug]));
      for (const key of await keys.list()) {
        const state = key.revokedAt ? `revoked ${key.revokedAt.toISOString()}` : 'active';
        console.log([key.id, key.keyPrefix + '…', key.role, key.bodyId ? bodies.get(key.bodyId) : '*', key.name, state].join('\t'));
      }
    } else {
      throw new UsageError('api-key needs create, list or revoke');
    }
  });
}

/** Revokes a key and tells the running API processes (through Redis) to drop it at once. */
async function revokeApiKey(ds: DataSource, idOrPrefix: string | undefined): Promise<void> {
  if (!idOrPrefix) throw new UsageError('api-key revoke needs the key id or prefix');
  const config = loadConfig();
  const redis = createRedis(config);
  try {
    const revoked = await new ApiKeysService(ds, new KeyRevocations(redis, config.redisPrefix)).revoke(idOrPrefix);
    if (!revoked) throw new UsageError(`no single active key matches "${idOrPrefix}"`);
    console.log(`revoked ${idOrPrefix}`);
    if (!revoked.told) new Logger('cli').warn('Redis did not answer: API processes that used the key in the last 10 seconds accept it until then.');
  } finally {
    await closeRedis(redis);
  }
}

export async function runCli(argv: string[]): Promise<void> {
  const { words, flags } = parseArgs(argv);
  const config = loadConfig();
  switch (words[0]) {
    case 'migrate': {
      const applied = await migrate(config.databaseUrl);
      console.log(applied.length ? `applied ${applied.join(', ')}` : 'database is up to date');
      return;
    }
    case 'api-key':
      return apiKey(words, flags);
    case 'account':
      return withDataSource((ds) => accountCommand(ds, words, flags));
    case 'seed': {
      await migrate(config.databaseUrl);
      if (words[1] === 'demo') {
        const { seedDemoWithIndex } = await import('./seed/demo-setup');
        return seedDemoWithIndex(config);
      }
      const { seedLarge } = await import('./seed/large.seed');
      if (words[1] === 'large') return withDataSource(async (ds) => void (await seedLarge(ds, config, { scale: Number(flags.scale ?? 1) })));
      throw new UsageError('seed needs demo or large');
    }
    case 'openapi': {
      const { generateSpec } = await import('./openapi.generate');
      const out = flags.out ?? join(process.cwd(), 'openapi', 'v1.json');
      await writeFile(out, await generateSpec(flags['public-url']));
      console.log(`wrote ${out}`);
      return;
    }
    case 'import': {
      if (words[1] !== 'oparl' || !words[2]) throw new UsageError('import needs: oparl <system-url | folder>');
      await migrate(config.databaseUrl);
      const { importCommand } = await import('./modules/oparl-import/import.command');
      return withDataSource((ds) => importCommand(ds, config, words[2], flags));
    }
    case 'queue': {
      const { queueCommand } = await import('./modules/queues/queues-cli');
      return queueCommand(words.slice(1), flags, config);
    }
    case 'search': {
      const { searchCommand } = await import('./modules/search/search-cli');
      return searchCommand(words.slice(1), flags, config);
    }
    case 'export': {
      await migrate(config.databaseUrl);
      const { exportCommand } = await import('./modules/exports/exports-cli');
      return exportCommand(words.slice(1), flags, config);
    }
    case 'oparl': {
      await migrate(config.databaseUrl);
      return oparlRenderCommand(words.slice(1), flags, config);
    }
    default:
      throw new UsageError(words[0] ? `unknown command "${words[0]}"` : 'no command given');
  }
}

/**
 * A command's result (a new key, a table, a summary) is plain text on stdout; its log lines
 * (warnings, errors, what the code it runs logs) go to stderr, so the result stays clean.
 */
async function main(argv: string[]): Promise<void> {
  useStructuredLogs(loadConfig().logLevel, { stderr: true });
  await runCli(argv);
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    () => process.exit(0),
    (error: unknown) => {
      if (error instanceof QueueCommandError) {
        console.error(`error: ${error.message}`);
        process.exit(2);
      }
      if (error instanceof ExportAlreadyRunning) {
        // EX_TEMPFAIL: nothing was done; a later run will do it.
        console.error(`error: ${error.message}`);
        process.exit(75);
      }
      if (error instanceof UsageError || error instanceof AccountCommandError || error instanceof ExportCommandError || error instanceof OparlRenderCommandError) {
        console.error(`error: ${error.message}\n\n${USAGE}`);
        process.exit(2);
      }
      exitWithError('cli', error, { stderr: true });
    },
  );
}
