import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './app';
import { loadConfig } from './config/config';
import { exitWithError, useStructuredLogs } from './infra/logging/logger';
import { migrate } from './infra/database/migrate';
import { closeOnSignal } from './infra/process/shutdown';
import { seedDemoWithIndex } from './seed/demo-setup';
import { startWorker } from './worker/worker';
import { createProcessors } from './worker/processors';

/** Quick start: migrate, seed Musterstadt, and run the API and the worker in one process. */
async function main(): Promise<void> {
  const config = loadConfig();
  const structured = useStructuredLogs(config.logLevel);
  const logger = new Logger('demo');
  await migrate(config.databaseUrl);
  // What the seed prints (the demo account's token among it) is the demo's output, not a log line.
  await seedDemoWithIndex(config);
  const worker = await startWorker(config, createProcessors(config));
  const app = await createApp(config, { logger: structured });
  await app.listen(config.port, config.host);
  logger.log(`Musterstadt is served at ${config.publicUrl}/v1/bodies/musterstadt/sessions — API docs at ${config.publicUrl}/docs`);
  // The API first (no new writes), then the worker (it relays what the API wrote last).
  closeOnSignal('demo', [() => app.close(), () => worker.stop()]);
}

main().catch((error: unknown) => exitWithError('demo', error));
