import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { AppConfig, SCHEDULE_TIME_ZONE } from '../../config/config';
import { JobHandler, QUEUES } from '../../infra/queue/queues';
import { ScheduledTick } from '../../infra/queue/scheduled-tick';
import { createStorage } from '../../infra/storage/create-storage';
import type { Storage } from '../../infra/storage/storage';
import { buildBodyExport, closeExportReplicas, ExportAlreadyRunning, ExportCommandError, exportPool, exportReplicas } from './export-store';

export type ExportsQueueName = typeof QUEUES.exports;

/** Job name of a run that builds every body's export (the nightly tick, or one added by hand). */
export const NIGHTLY_EXPORT = 'nightly';
const SCHEDULER = 'exports-nightly';
/** How often the worker checks that Redis still holds the schedule. */
const CHECK_EVERY_MS = 60_000;

/**
 * Payload of a run: the bodies an earlier attempt of the same run already built, so that a
 * retry (after a failed body, or a worker that stopped mid-run) builds only the rest.
 */
export interface NightlyExportJob {
  built?: string[];
}

export interface NightlyExportResult {
  built: string[];
  /** Bodies another build was running for (the CLI, or another worker). */
  skipped: string[];
}

export interface ExportsWorker {
  processors: Record<ExportsQueueName, JobHandler>;
  /**
   * Registers the nightly schedule (EXPORT_SCHEDULE, German time) and keeps it registered
   * (see ScheduledTick); removes it when the schedule is off.
   */
  start(): Promise<void>;
  /** The schedule's upkeep; its queue() takes a run added by hand. */
  readonly tick: ScheduledTick;
  close(): Promise<void>;
}

/**
 * The worker side of bulk downloads: every night each body's export is built in turn, with the
 * same function as `npm run cli -- export build`. A body whose export is being built elsewhere
 * at the time is skipped (its archive is being renewed anyway); a body whose build fails does
 * not stop the others, and the run then fails so that BullMQ retries it for the failed bodies.
 */
export function createExportsWorker(config: AppConfig): ExportsWorker {
  const logger = new Logger('exports');
  const pool = exportPool(config.databaseUrl);
  const storage = createStorage(config);
  // Exports read from a streaming replica when there is one that has caught up (DATABASE_READ_URL).
  const replicas = exportReplicas(config);
  const settings = { publicUrl: config.publicUrl, keep: config.exports.keep };
  const schedule = config.exports.schedule;
  const tick = new ScheduledTick(config, {
    queue: QUEUES.exports,
    schedulerId: SCHEDULER,
    repeat: schedule === null ? null : { pattern: schedule, tz: SCHEDULE_TIME_ZONE },
    jobName: NIGHTLY_EXPORT,
    // A failed body is tried again after 5, 10, 20 minutes; the next night's run starts afresh.
    jobOptions: { attempts: 4, backoff: { type: 'exponential', delay: 5 * 60_000 }, removeOnComplete: { count: 30 }, removeOnFail: { count: 30 } },
    checkEveryMs: CHECK_EVERY_MS,
    what: 'the nightly export',
    logger,
  });

  const run = async (job: Job<NightlyExportJob>): Promise<NightlyExportResult> => {
    const done = new Set(job.data.built ?? []);
    const { rows } = await pool.query<{ slug: string }>(`SELECT slug FROM body WHERE deleted_at IS NULL ORDER BY slug`);
    const result: NightlyExportResult = { built: [], skipped: [] };
    const failed: string[] = [];
    for (const { slug } of rows) {
      if (done.has(slug)) continue;
      const started = Date.now();
      try {
        const built = await buildBodyExport(pool, storage, settings, slug, undefined, replicas);
        result.built.push(slug);
        done.add(slug);
        await job.updateData({ built: [...done] });
        logger.log(`export of ${slug} built: ${built.size} bytes in ${((Date.now() - started) / 1000).toFixed(1)} s` + (built.removed ? `, ${built.removed} older removed` : ''));
      } catch (error) {
        if (error instanceof ExportAlreadyRunning) {
          result.skipped.push(slug);
          logger.log(`export of ${slug} skipped: another build of it is running`);
        } else if (error instanceof ExportCommandError) {
          // Deleted since the list was read.
          logger.log(`export of ${slug} skipped: ${error.message}`);
        } else {
          failed.push(slug);
          logger.warn(`export of ${slug} failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    }
    if (failed.length) throw new Error(`exports of ${failed.join(', ')} failed (built: ${result.built.length}, skipped: ${result.skipped.length})`);
    return result;
  };

  return {
    processors: { [QUEUES.exports]: (job) => run(job as Job<NightlyExportJob>) },
    start: () => tick.start(),
    tick,
    close: async () => {
      await tick.close();
      await pool.end();
      await closeExportReplicas(replicas);
      closeStorage(storage);
    },
  };
}

/** Closes the storage's idle connections (S3), where it has any. */
function closeStorage(storage: Storage): void {
  (storage as Partial<{ onModuleDestroy(): void }>).onModuleDestroy?.();
}
