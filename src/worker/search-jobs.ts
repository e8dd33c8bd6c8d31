import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { Pool } from 'pg';
import { AppConfig, loadConfig } from '../config/config';
import { fromManager } from '../infra/database/queryable';
import type { ChangeJob } from '../infra/queue/queues';
import { SearchUnavailable } from '../infra/search/engine';
import { createSearchEngine } from '../infra/search/create-engine';
import { createStorage } from '../infra/storage/create-storage';
import { SearchIndexer } from '../modules/search/search-indexer';
import type { RelayRecorder } from './outbox-relay';
import { TextExtractor } from './text-extraction';

const EXTRACT_ACTIONS = new Set(['created', 'updated', 'published']);

/**
 * The worker side of search: the outbox relay records what change events affect (see
 * `recorder`), the `extract` queue fills the text of new and changed files and then re-indexes them.
 * Both record the affected records as pending work in PostgreSQL and let the indexer drain
 * it (idempotent: it reloads rows by id). The index settings are applied once when the first
 * job arrives; work left pending while the engine was down is retried every few seconds.
 */
export class SearchJobs {
  private readonly logger = new Logger('search');
  readonly pool: Pool;
  readonly indexer: SearchIndexer;
  readonly extractor: TextExtractor;
  private ready: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(config: AppConfig, options: { backlogMs?: number } = {}) {
    this.pool = new Pool({ connectionString: config.databaseUrl, max: 4, application_name: 'ratsinfo-search' });
    this.pool.on('error', () => undefined);
    this.indexer = new SearchIndexer(this.pool, createSearchEngine(config, this.pool));
    this.extractor = new TextExtractor(this.pool, createStorage(config), config.search.extraction, config.upload.maxBytes);
    const every = options.backlogMs ?? 5000;
    this.timer = setInterval(() => this.drain(), every);
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

  /**
   * The outbox relay's recorder: the records a batch of change events affects become pending
   * index work in the relay's own transaction (one set of queries per batch, no job per
   * event), and a drain indexes them once the batch committed. Records that many changes
   * touch (an import, a committee renamed) are indexed once per drain, not once per change.
   */
  readonly recorder: RelayRecorder = {
    record: (manager, events) =>
      this.indexer.record(
        events.map((e) => ({ kind: e.resource, id: e.resourceId, visibilityChanged: e.audienceBefore !== e.audienceAfter })),
        fromManager(manager),
      ),
    relayed: () => {
      void this.start().catch((error: unknown) => this.logger.warn(`index settings not applied yet: ${String(error)}`));
      this.drain();
    },
  };

  async extract(job: Job): Promise<void> {
    const change = job.data as ChangeJob;
    if (change.resource !== 'file' || !EXTRACT_ACTIONS.has(change.action)) return;
    if (await this.extractor.extractFile(change.resourceId)) {
      await this.indexer.enqueue('file', change.resourceId);
      this.drain();
    }
  }

  /** Indexes pending work in the background; what fails stays pending for the next drain (at the latest the timer's). */
  private drain(): void {
    this.indexer.drain().then(
      (n) => {
        if (n >= 1000) this.logger.log(`search index caught up on ${n} records`);
      },
      (error: unknown) => {
        if (!(error instanceof SearchUnavailable)) this.logger.warn(`search indexing deferred: ${error instanceof Error ? error.message : String(error)}`);
      },
    );
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.indexer.settle();
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
