import { Logger } from '@nestjs/common';
import { Queue, type Job } from 'bullmq';
import type Redis from 'ioredis';
import { Pool } from 'pg';
import type { AppConfig } from '../../config/config';
import { fromManager } from '../../infra/database/queryable';
import { bullPrefix, ChangeJob, DEFAULT_JOB_OPTIONS, QUEUES } from '../../infra/queue/queues';
import { closeRedis } from '../../infra/redis/close-redis';
import { isConnectionError } from '../../infra/redis/outage-log';
import { createRedis } from '../../infra/redis/redis.module';
import { SearchUnavailable } from '../../infra/search/engine';
import { createSearchEngine } from '../../infra/search/create-engine';
import { createStorage } from '../../infra/storage/create-storage';
import { SearchIndexer } from './search-indexer';
import type { RelayRecorder } from '../../infra/queue/relay-recorder';
import { TextExtractor } from './text-extractor';

const EXTRACT_ACTIONS = new Set(['created', 'updated', 'published']);
/** Job name of an extraction the sweep enqueued for a file whose job was lost (payload: RecoveredExtraction). */
export const RECOVERED_EXTRACTION = 'file-text';
export interface RecoveredExtraction {
  fileId: string;
}
/** Files a sweep re-enqueues at most. */
const SWEEP_BATCH = 1000;
const FIRST_ID = '00000000-0000-0000-0000-000000000000';

export interface SearchJobsOptions {
  /** How often pending index work is retried (ms). */
  backlogMs?: number;
  /** How often the extraction sweep runs (ms). */
  sweepMs?: number;
  /** How long after its last change a file still without its text counts as having lost its job (s). */
  sweepGraceSeconds?: number;
}

/**
 * The worker side of search: the outbox relay records what change events affect (see
 * `recorder`), the `extract` queue fills the text of new and changed files and then re-indexes them.
 * Both record the affected records as pending work in PostgreSQL and let the indexer drain
 * it (idempotent: it reloads rows by id). The index settings are applied once when the first
 * job arrives; work left pending while the engine was down is retried every few seconds, and
 * files whose `extract` job was lost get one again (see sweepExtraction).
 */
export class SearchJobs {
  private readonly logger = new Logger('search');
  readonly pool: Pool;
  readonly indexer: SearchIndexer;
  readonly extractor: TextExtractor;
  private ready: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private sweepTimer: NodeJS.Timeout | null = null;
  private sweeping: Promise<number> | null = null;
  private sweepAfter = FIRST_ID;
  private sweepFailing = false;
  private extractQueue: { connection: Redis; queue: Queue<RecoveredExtraction> } | null = null;
  private readonly sweepGraceSeconds: number;

  constructor(
    private readonly config: AppConfig,
    options: SearchJobsOptions = {},
  ) {
    this.pool = new Pool({ connectionString: config.databaseUrl, max: 4, application_name: 'ratsinfo-search' });
    this.pool.on('error', () => undefined);
    this.indexer = new SearchIndexer(this.pool, createSearchEngine(config, this.pool));
    this.extractor = new TextExtractor(this.pool, createStorage(config), config.search.extraction, config.upload.maxBytes);
    const every = options.backlogMs ?? 5000;
    this.timer = setInterval(() => this.drain(), every);
    this.timer.unref();
    this.sweepGraceSeconds = options.sweepGraceSeconds ?? 120;
    this.sweepTimer = setInterval(() => void this.sweep(), options.sweepMs ?? 60_000);
    this.sweepTimer.unref();
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
    let fileId: string;
    if (job.name === RECOVERED_EXTRACTION) fileId = (job.data as RecoveredExtraction).fileId;
    else {
      const change = job.data as ChangeJob;
      if (change.resource !== 'file' || !EXTRACT_ACTIONS.has(change.action)) return;
      fileId = change.resourceId;
    }
    if (await this.extractor.extractFile(fileId)) {
      await this.indexer.enqueue('file', fileId);
      this.drain();
    }
  }

  /**
   * The safety net behind the `extract` queue. A file whose text is still to be extracted
   * two minutes after its last change, while the queue has no job waiting, lost its job:
   * Redis lost it, or it gave up. Such files (a batch per sweep, the next batch next time)
   * get a job again, with an id of their own per file and bytes, so sweeps of several workers
   * add it once and one that gave up is not retried in a loop. A waiting queue is left alone:
   * its jobs may be the ones for these files. Returns how many files were re-enqueued.
   */
  async sweepExtraction(): Promise<number> {
    const { queue } = (this.extractQueue ??= this.openExtractQueue());
    const waiting = await queue.getJobCounts('waiting', 'prioritized', 'delayed', 'paused');
    if (Object.values(waiting).some((n) => n > 0)) return 0;
    const files = await this.extractor.overdue(this.sweepGraceSeconds, SWEEP_BATCH, this.sweepAfter);
    this.sweepAfter = files.length < SWEEP_BATCH ? FIRST_ID : files[files.length - 1].id;
    if (!files.length) return 0;
    await queue.addBulk(
      files.map((f) => ({ name: RECOVERED_EXTRACTION, data: { fileId: f.id }, opts: { ...DEFAULT_JOB_OPTIONS, jobId: `extract-${f.id}-${(f.sha512 ?? '').slice(0, 16)}` } })),
    );
    this.logger.warn(`${files.length} files still without their text had no extraction job; enqueued again`);
    return files.length;
  }

  /** One sweep at a time; failures (Redis or PostgreSQL down) are logged once until a sweep succeeds. */
  private sweep(): Promise<number> {
    this.sweeping ??= this.sweepExtraction()
      .then((n) => {
        this.sweepFailing = false;
        return n;
      })
      .catch((error: unknown) => {
        if (!this.sweepFailing && !isConnectionError(error)) this.logger.warn(`extraction sweep deferred: ${error instanceof Error ? error.message : String(error)}`);
        this.sweepFailing = true;
        return 0;
      })
      .finally(() => {
        this.sweeping = null;
      });
    return this.sweeping;
  }

  private openExtractQueue(): { connection: Redis; queue: Queue<RecoveredExtraction> } {
    const connection = createRedis(this.config);
    const queue = new Queue<RecoveredExtraction>(QUEUES.extract, { connection, prefix: bullPrefix(this.config) }).on('error', () => undefined);
    return { connection, queue };
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
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    await this.sweeping;
    if (this.extractQueue) {
      // The connection first: a queue still starting up (Redis down) then fails its start-up at once.
      await closeRedis(this.extractQueue.connection);
      await this.extractQueue.queue.close().catch(() => undefined);
    }
    await this.indexer.settle();
    this.extractor.close();
    await this.indexer.engine.close();
    await this.pool.end();
  }
}
