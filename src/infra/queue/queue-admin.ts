import { Job, Queue } from 'bullmq';
import type Redis from 'ioredis';
import { within } from '../redis/within';
import { QUEUES, QueueName } from './queues';

/** The job states operators watch. */
export const WATCHED_STATES = ['waiting', 'active', 'failed', 'delayed'] as const;
export type WatchedState = (typeof WATCHED_STATES)[number];
export type QueueCounts = Record<WatchedState, number>;

export const QUEUE_NAMES = Object.values(QUEUES) as QueueName[];

export function isQueueName(name: string): name is QueueName {
  return (QUEUE_NAMES as string[]).includes(name);
}

/** One BullMQ queue object per queue of the system, for reading and managing jobs (not for processing them). */
export function openQueues(connection: Redis, prefix: string, onError: (error: Error) => void): Map<QueueName, Queue> {
  return new Map(QUEUE_NAMES.map((name) => [name, new Queue(name, { connection, prefix }).on('error', onError)]));
}

/** The counts of every queue, each read within `ms` (a queue whose read failed is left out). */
export async function queueCounts(queues: Map<QueueName, Queue>, ms: number): Promise<Map<QueueName, QueueCounts>> {
  const read = await Promise.allSettled(
    [...queues].map(async ([name, queue]) => [name, (await within(queue.getJobCounts(...WATCHED_STATES), ms)) as QueueCounts] as const),
  );
  return new Map(read.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : [])));
}

/** E-mail addresses in text (an SMTP error names the rejected recipient), for text shown to operators. */
const ADDRESS = /[^\s<>()[\]"',;:@]+@[^\s<>()[\]"',;:@]+\.[^\s<>()[\]"',;:@]+/g;

export function redactAddresses(text: string): string {
  return text.replace(ADDRESS, '[address]');
}

/** A value with the e-mail addresses in its strings redacted (job data, return values). */
export function redactDeep(value: unknown): unknown {
  if (typeof value === 'string') return redactAddresses(value);
  if (Array.isArray(value)) return value.map(redactDeep);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v)]));
  return value;
}

/** What an operator sees of a failed job: never its data (ids only, but a payload may change), with addresses redacted. */
export interface FailedJobSummary {
  id: string;
  name: string;
  attempts: number;
  failedReason: string;
  timestamp: Date;
  finishedOn: Date | null;
}

export function failedJobSummary(job: Job): FailedJobSummary {
  return {
    id: job.id ?? '',
    name: job.name,
    attempts: job.attemptsMade,
    failedReason: redactAddresses(job.failedReason ?? ''),
    timestamp: new Date(job.timestamp),
    finishedOn: job.finishedOn ? new Date(job.finishedOn) : null,
  };
}
