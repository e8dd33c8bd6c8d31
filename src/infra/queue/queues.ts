import type { Job, JobsOptions, Queue } from 'bullmq';
import './close-guard';
import type { Audience } from '../../common/access/access';
import type { ResourceKind } from '../../common/access/resources';
import type { AppConfig } from '../../config/config';

/**
 * Every BullMQ queue of the system, in one place. A queue listed in CHANGE_QUEUES receives
 * every change event from the outbox relay; the worker refuses to start when a queue has
 * no processor. (Search needs no queue: the relay records its work in PostgreSQL, see
 * SearchJobs.)
 */
export const QUEUES = {
  /** Newsletter: change events → newsletter events (see src/modules/newsletter). */
  newsletter: 'newsletter',
  /** Newsletter: the scheduler tick and digest runs. */
  newsletterDigest: 'newsletter-digest',
  /** Outgoing mail: one job per delivery (confirmation mail or digest). */
  mail: 'mail',
  /** Text extraction: change events of files → text of the file (see src/modules/search/search.worker.ts). */
  extract: 'extract',
  /** Markings: change events of files → markings re-anchored in the new text (see src/modules/me/anchoring.job.ts). */
  markings: 'markings',
  /** App accounts: the housekeeping tick (expiry, tombstones, key rotation; see src/modules/me/housekeeping.ts). */
  accounts: 'accounts',
  /** Bulk downloads: the nightly build of every body's export (see src/modules/exports/exports.worker.ts). */
  exports: 'exports',
} as const satisfies Record<string, string>;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** A job handler; `token` is the job's lock token (to move the running job to delayed). */
export type JobHandler = (job: Job, token?: string) => Promise<unknown>;

/** The BullMQ key prefix of every queue (workers and producers must agree on it). */
export function bullPrefix(config: AppConfig): string {
  return `${config.redisPrefix}:bull`;
}

/** Queues that receive one job per change event (job id `change-<event id>`). */
export const CHANGE_QUEUES: readonly QueueName[] = [QUEUES.newsletter, QUEUES.extract, QUEUES.markings];

/** Payload of a change job: ids only; processors reload rows from PostgreSQL. */
export interface ChangeJob {
  eventId: string;
  bodyId: string;
  resource: ResourceKind;
  resourceId: string;
  action: string;
  audienceBefore: Audience | -1;
  audienceAfter: Audience | -1;
  requestId: string | null;
}

export const DEFAULT_JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 14 * 24 * 3600 },
} as const;

/** The job of a change event in a change queue: named after its resource, its id derived from the event's. */
export function changeJob(change: ChangeJob): { name: string; data: ChangeJob; opts: typeof DEFAULT_JOB_OPTIONS & { jobId: string } } {
  return { name: change.resource, data: change, opts: { ...DEFAULT_JOB_OPTIONS, jobId: `change-${change.eventId}` } };
}

/** When a tick runs: every so many milliseconds, or by a cron pattern in a time zone. */
export type TickRepeat = number | { pattern: string; tz: string };

/**
 * Registers a worker's repeating job (its tick) unless Redis already holds it with this
 * repetition; true when it was missing (first start, or Redis lost it) or changed, and has
 * been registered.
 */
export async function ensureTick(queue: Queue, schedulerId: string, repeat: TickRepeat, name = 'tick', opts: JobsOptions = {}): Promise<boolean> {
  const held = await queue.getJobScheduler(schedulerId);
  const options = typeof repeat === 'number' ? { every: repeat } : { pattern: repeat.pattern, tz: repeat.tz };
  if (held && (typeof repeat === 'number' ? held.every === repeat : held.pattern === repeat.pattern && held.tz === repeat.tz)) return false;
  await queue.upsertJobScheduler(schedulerId, options, { name, data: {}, opts: { removeOnComplete: true, removeOnFail: { count: 100 }, ...opts } });
  return true;
}
