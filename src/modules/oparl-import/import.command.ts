import type { DataSource } from 'typeorm';
import { AppConfig, privateNetworks } from '../../config/config';
import { createStorage } from '../../infra/storage/create-storage';
import { OparlImporter } from './importer';
import { formatSummary, ProgressBar } from './progress';

const positive = (value: string | undefined, fallback: number): number => {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : fallback;
};

/** `import oparl …`: runs one import with a progress bar and prints the closing summary. */
export async function importCommand(ds: DataSource, config: AppConfig, location: string, flags: Record<string, string>): Promise<void> {
  const bar = new ProgressBar();
  const abort = new AbortController();
  const stop = (): void => abort.abort();
  process.once('SIGINT', stop);
  try {
    const summary = await new OparlImporter(ds).run({
      source: location,
      bodySlug: flags.body,
      sourceBody: flags['source-body'],
      full: flags.full === 'true',
      overlapMinutes: positive(flags.overlap, 60),
      allowPrivate: flags['allow-private'] === undefined ? config.oparlImport.allowPrivateNetworks : privateNetworks(flags['allow-private'], '--allow-private'),
      http: { maxPageBytes: config.oparlImport.maxPageBytes },
      download:
        flags.download === 'true'
          ? {
              storage: createStorage(config),
              upload: config.upload,
              concurrency: positive(flags.concurrency, 4),
              maxBytes: flags['max-size'] === undefined ? undefined : positive(flags['max-size'], 1) * 1024 * 1024,
            }
          : null,
      signal: abort.signal,
      onProgress: (p) => bar.update(p),
    });
    bar.end();
    console.log(flags.json === 'true' ? JSON.stringify(summary, null, 2) : formatSummary(summary));
  } finally {
    bar.end();
    process.removeListener('SIGINT', stop);
  }
}
