import { Pool, QueryResultRow } from 'pg';
import type { AppConfig } from '../../config/config';
import { createSearchEngine } from '../../infra/search/create-engine';
import { createStorage } from '../../infra/storage/create-storage';
import { countFileText, describeExtraction, describeFileText } from '../files/file-text';
import { TextExtractor } from './text-extractor';
import { SearchIndexer } from './search-indexer';

export const SEARCH_USAGE = `  search setup                              create the search index and apply its settings
  search reindex [--body <slug>]            rebuild the index (of one body) and swap it in
  search extract [--body <slug>] [--failed] extract file text not yet extracted (--failed: retry failures)
  search status [--body <slug>]             entries in the index, backlog, file text by origin, extraction states`;

export class SearchCommandError extends Error {}

/** `npm run cli -- search …`: one-shot search maintenance. */
export async function searchCommand(words: string[], flags: Record<string, string>, config: AppConfig): Promise<void> {
  const pool = new Pool({ connectionString: config.databaseUrl, max: 4, application_name: 'ratsinfo-cli' });
  const engine = createSearchEngine(config, pool);
  const indexer = new SearchIndexer(pool, engine);
  const query = async <T extends QueryResultRow>(sql: string, params: unknown[]): Promise<T[]> => (await pool.query<T>(sql, params)).rows;
  try {
    let bodyId: string | null = null;
    if (flags.body) {
      const found = await pool.query<{ id: string }>(`SELECT id FROM body WHERE slug = $1 AND deleted_at IS NULL`, [flags.body]);
      if (!found.rows[0]) throw new SearchCommandError(`no body with slug "${flags.body}"`);
      bodyId = found.rows[0].id;
    }
    switch (words[0]) {
      case 'setup':
        await engine.setup();
        console.log(`${engine.name}: index ready`);
        return;
      case 'reindex': {
        await engine.setup();
        let last = 0;
        const report = await indexer.rebuild(bodyId, (line) => {
          if (Date.now() - last > 2000) {
            last = Date.now();
            console.log(line);
          }
        });
        const rate = Math.round(report.records / Math.max(report.seconds, 0.001));
        console.log(`${engine.name}: indexed ${report.records} records as ${report.entries} entries in ${report.seconds.toFixed(1)} s (${rate} records/s)`);
        return;
      }
      case 'extract': {
        const extractor = new TextExtractor(pool, createStorage(config), config.search.extraction, config.upload.maxBytes);
        const failed = flags.failed === 'true';
        let after: string | undefined;
        let done = 0;
        for (;;) {
          const ids = await extractor.pending(bodyId, failed, 100, after);
          if (!ids.length) break;
          for (const id of ids) {
            if (await extractor.extractFile(id, failed)) await indexer.applyChange('file', id);
            done++;
          }
          after = ids[ids.length - 1];
          console.log(`${done} files`);
        }
        extractor.close();
        const text = await countFileText(query, bodyId);
        console.log(`extracted ${done} files\nfile text: ${describeFileText(text)}\n${describeExtraction(text)}`);
        return;
      }
      case 'status': {
        const backlog = await indexer.backlogSize();
        const text = await countFileText(query, bodyId);
        console.log(`${engine.name}: ${await engine.count(bodyId)} entries; backlog ${backlog}\nfile text: ${describeFileText(text)}\n${describeExtraction(text)}`);
        return;
      }
      default:
        throw new SearchCommandError(`search needs setup, reindex, extract or status\n\n${SEARCH_USAGE}`);
    }
  } finally {
    await engine.close();
    await pool.end();
  }
}
