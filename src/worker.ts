import 'reflect-metadata';
import { loadConfig } from './config/config';
import { startWorker } from './worker/worker';
import { PROCESSORS, RECORDERS, STARTUP } from './worker/processors';

async function main(): Promise<void> {
  const worker = await startWorker(loadConfig(), PROCESSORS, STARTUP, RECORDERS);
  const shutdown = (): void => {
    worker.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
