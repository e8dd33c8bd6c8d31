import 'reflect-metadata';
import { loadConfig } from './config/config';
import { exitWithError, useStructuredLogs } from './infra/logging/logger';
import { closeOnSignal } from './infra/process/shutdown';
import { createProcessors } from './worker/processors';
import { startWorker } from './worker/worker';

async function main(): Promise<void> {
  const config = loadConfig();
  useStructuredLogs(config.logLevel);
  const worker = await startWorker(config, createProcessors(config));
  closeOnSignal('worker', [() => worker.stop()]);
}

main().catch((error: unknown) => exitWithError('worker', error));
