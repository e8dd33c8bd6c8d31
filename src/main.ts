import { Logger } from '@nestjs/common';
import { createApp } from './app';
import { loadConfig } from './config/config';
import { exitWithError, useStructuredLogs } from './infra/logging/logger';
import { closeOnSignal } from './infra/process/shutdown';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = useStructuredLogs(config.logLevel);
  const app = await createApp(config, { logger });
  await app.listen(config.port, config.host);
  new Logger('api').log(`listening on ${config.publicUrl} (docs at ${config.publicUrl}/docs)`);
  closeOnSignal('api', [() => app.close()]);
}

main().catch((error: unknown) => exitWithError('api', error));
