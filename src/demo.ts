import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './app';
import { loadConfig } from './config/config';
import { exitWithError, useStructuredLogs } from './infra/logging/logger';
import { migrate } from './infra/database/migrate';
import { seedDemoWithIndex } from './seed/demo-setup';
import { startWorker } from './worker/worker';
import { PROCESSORS, RECORDERS, STARTUP } from './worker/processors';

/** Quick start: migrate, seed Musterstadt, and run the API and the worker in one process. */
async function main(): Promise<void> {
  const config = loadConfig();
  const structured = useStructuredLogs(config.logLevel);
  const logger = new Logger('demo');
  await migrate(config.databaseUrl);
  // What the seed prints (the demo account's token among it) is the demo's output, not a log line.
  await seedDemoWithIndex(config);
  const worker = await startWorker(config, PROCESSORS, STARTUP, RECORDERS);
  const app = await createApp(config, { logger: structured });
  await app.listen(config.port, config.host);
  logger.log(`Musterstadt is served at ${config.publicUrl}/v1/bodies/musterstadt/sessions — API docs at ${config.publicUrl}/docs`);
  const shutdown = (): void => {
    Promise.all([app.close(), worker.stop()]).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((error: unknown) => exitWithError('demo', error));
