import 'reflect-metadata';
import { loadConfig } from './config/config';
import { exitWithError, useStructuredLogs } from './infra/logging/logger';
import { startWorker } from './worker/worker';
import { PROCESSORS, RECORDERS, STARTUP } from './worker/processors';

async function main(): Promise<void> {
  const config = loadConfig();
  useStructuredLogs(config.logLevel);
  const worker = await startWorker(config, PROCESSORS, STARTUP, RECORDERS);
  const shutdown = (): void => {
    worker.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((error: unknown) => exitWithError('worker', error));
