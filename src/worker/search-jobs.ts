import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { Pool } from 'pg';
import { AppConfig, loadConfig } from '../config/config';
import type { ChangeJob } from '../infra/queue/queues';
import { createSearchEngine } from '../infra/search/create-engine';
import { createStorage } from '../infra/storage/create-storage';
import { SearchIndexer } from '../modules/search/search-indexer';
import { TextExtractor } from './text-extraction';

const EXTRACT_ACTIONS = new Set(['created', 'updated', 'published']);

/**
 * The worker side of search: the `search` queue applies change events to the index, the
 * `extract` queue fills the text of new and changed files and then re-indexes them.
 * Both handlers are idempotent (they reload rows by id). The index settings are applied
 * once when the first job arrives; a backlog kept while the engine was down is replayed
 * every few seconds.
 */
export class SearchJobs {
  private readonly logger = new Logger('search');
  readonly pool: Pool;
  readonly indexer: SearchIndexer;
  readonly extractor: TextExtractor;
  private ready: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private flushing = false;

  constructor(config: AppConfig, options: { backlogMs?: number } = {}) {
    this.pool = new Pool({ connectionString: config.databaseUrl, max: 4, application_name: 'ratsinfo-search' });
    this.pool.on('error', () => undefined);
    this.indexer = new SearchIndexer(this.pool, createSearchEngine(config, this.pool));
    this.extractor = new TextExtractor(this.pool, createStorage(config), config.search.extraction, config.upload.maxBytes);
    const every = options.backlogMs ?? 5000;
    this.timer = setInterval(() => void this.flushBacklog(), every);
    this.timer.unref();
  }

  /** Applies the engine's index settings (once; again after a failure). */
  start(): Promise<void> {
    this.ready ??= this.indexer.engine.setup().catch((error: unknown) => {
      this.ready = null;
      throw error;
    });
    return this.ready;
  }

  async search(job: Job): Promise<void> {
    const change = job.data as ChangeJob;
    await this.start().catch((error: unknown) => this.logger.warn(`index settings not applied yet: ${String(error)}`));
    await this.indexer.applyChange(change.resource, change.resourceId);
  }

  async extract(job: Job): Promise<void> {
    const change = job.data as ChangeJob;
    if (change.resource !== 'file' || !EXTRACT_ACTIONS.has(change.action)) return;
    if (await this.extractor.extractFile(change.resourceId)) await this.indexer.applyChange('file', change.resourceId);
  }

  private async flushBacklog(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      const n = await this.indexer.flushBacklog();
      if (n) this.logger.log(`search index caught up on ${n} records`);
    } catch {
      // The engine is still down; the next tick tries again.
    } finally {
      this.flushing = false;
    }
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.extractor.close();
    await this.indexer.engine.close();
    await this.pool.end();
  }
}

let shared: SearchJobs | null = null;

/** The worker process's instance, configured from the environment on first use. */
export function sharedSearchJobs(): SearchJobs {
  if (!shared) {
    shared = new SearchJobs(loadConfig());
    void shared.start().catch(() => undefined);
  }
  return shared;
}
