import { Logger } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import type { AppConfig } from '../../config/config';
import { failedJobSummary, isQueueName, openQueues, QUEUE_NAMES, queueCounts, WATCHED_STATES } from '../../infra/queue/queue-admin';
import { bullPrefix, QueueName } from '../../infra/queue/queues';
import { closeRedis } from '../../infra/redis/close-redis';
import { RedisOutageLog } from '../../infra/redis/outage-log';
import { createRedis } from '../../infra/redis/redis.module';
import { within } from '../../infra/redis/within';

export const QUEUE_USAGE = `  queue status                              jobs per queue: waiting, active, failed, delayed
  queue failed <queue> [--limit <n>]        failed jobs: id, name, attempts, reason, time (default 20, at most 1000)
  queue retry <queue> <job-id> | --all      run failed jobs again
  queue drop <queue> <job-id> | --all       remove failed jobs`;

/** A command that cannot be done as asked (unknown queue or job, a job that did not fail). */
export class QueueCommandError extends Error {}

/** How long a command waits for Redis before it gives up. */
const REDIS_WAIT_MS = 10_000;
/** Failed jobs retried or removed per round trip with `--all`. */
const BATCH = 1000;

type Print = (line: string) => void;

/** `work` within `ms`, or an error that says Redis did not answer. */
function fromRedis<T>(work: Promise<T>, ms = REDIS_WAIT_MS): Promise<T> {
  return within(work, ms).catch((error: Error) => {
    throw error.message === 'timed out' ? new Error(`Redis did not answer within ${ms / 1000} s`) : error;
  });
}

function queueOf(queues: Map<QueueName, Queue>, name: string | undefined): Queue {
  if (!name) throw new QueueCommandError(`name a queue: ${QUEUE_NAMES.join(', ')}`);
  if (!isQueueName(name)) throw new QueueCommandError(`unknown queue "${name}"; the queues are ${QUEUE_NAMES.join(', ')}`);
  return queues.get(name) as Queue;
}

async function failedJob(queue: Queue, id: string): Promise<Job> {
  const job: Job | undefined = await fromRedis(queue.getJob(id));
  if (!job) throw new QueueCommandError(`queue "${queue.name}" has no job "${id}"`);
  const state = await fromRedis(job.getState());
  if (state !== 'failed') throw new QueueCommandError(`job "${id}" of queue "${queue.name}" has not failed (it is ${state})`);
  return job;
}

/** `queue status`: the counts of every queue. */
export async function queueStatus(queues: Map<QueueName, Queue>, print: Print): Promise<void> {
  const counts = await queueCounts(queues, REDIS_WAIT_MS);
  if (counts.size < queues.size) throw new Error('Redis did not answer; no queue counts');
  const width = Math.max(...QUEUE_NAMES.map((name) => name.length));
  print(['queue'.padEnd(width), ...WATCHED_STATES.map((s) => s.padStart(8))].join('  '));
  for (const [name, byState] of counts) print([name.padEnd(width), ...WATCHED_STATES.map((s) => String(byState[s]).padStart(8))].join('  '));
}

/** `queue failed`: the latest failed jobs, never their data. */
export async function listFailed(queue: Queue, limit: number, print: Print): Promise<void> {
  const jobs = (await fromRedis(queue.getFailed(0, limit - 1))).filter(Boolean);
  if (!jobs.length) {
    print(`no failed jobs in queue "${queue.name}"`);
    return;
  }
  for (const job of jobs) {
    const s = failedJobSummary(job);
    print([s.id, s.name, `attempts ${s.attempts}`, (s.finishedOn ?? s.timestamp).toISOString(), s.failedReason.replace(/\s+/g, ' ')].join('\t'));
  }
}

/** `queue retry`: one failed job (or, with `null`, all of them) goes back to waiting; returns how many. */
export async function retryFailed(queue: Queue, id: string | null): Promise<number> {
  if (id !== null) {
    await fromRedis((await failedJob(queue, id)).retry('failed'));
    return 1;
  }
  const count = await fromRedis(queue.getFailedCount());
  if (count) await fromRedis(queue.retryJobs({ state: 'failed', count: BATCH }), REDIS_WAIT_MS * 10);
  return count;
}

/** `queue drop`: one failed job (or, with `null`, all of them) is removed; returns how many. */
export async function dropFailed(queue: Queue, id: string | null): Promise<number> {
  if (id !== null) {
    await fromRedis((await failedJob(queue, id)).remove());
    return 1;
  }
  let total = 0;
  for (;;) {
    const removed = await fromRedis(queue.clean(0, BATCH, 'failed'));
    total += removed.length;
    if (removed.length < BATCH) return total;
  }
}

function limitOf(raw: string | undefined): number {
  if (raw === undefined) return 20;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 1000) throw new QueueCommandError('--limit must be a number from 1 to 1000');
  return Number(raw);
}

/** The job id of `retry` and `drop`, or null for `--all`. */
function target(words: string[], flags: Record<string, string>, action: string): string | null {
  const id = words[2];
  if (flags.all === 'true' && id === undefined) return null;
  if (id !== undefined && flags.all === undefined) return id;
  throw new QueueCommandError(`queue ${action} needs a job id or --all`);
}

/** `queue status | failed | retry | drop` (see QUEUE_USAGE). */
export async function queueCommand(words: string[], flags: Record<string, string>, config: AppConfig, print: Print = console.log): Promise<void> {
  const action = words[0];
  if (!['status', 'failed', 'retry', 'drop'].includes(action)) throw new QueueCommandError('queue needs status, failed, retry or drop');
  const outage = new RedisOutageLog(new Logger('queue'), 'queue commands');
  const connection = createRedis(config);
  const queues = openQueues(connection, bullPrefix(config), (error) => outage.error(error));
  try {
    if (action === 'status') return await queueStatus(queues, print);
    const queue = queueOf(queues, words[1]);
    if (action === 'failed') return await listFailed(queue, limitOf(flags.limit), print);
    const id = target(words, flags, action);
    if (action === 'retry') {
      const n = await retryFailed(queue, id);
      print(id === null ? `retrying ${n} failed job(s) of queue "${queue.name}"` : `retrying job "${id}" of queue "${queue.name}"`);
    } else {
      const n = await dropFailed(queue, id);
      print(id === null ? `removed ${n} failed job(s) of queue "${queue.name}"` : `removed job "${id}" of queue "${queue.name}"`);
    }
  } finally {
    await Promise.allSettled([...queues.values()].map((q) => within(q.close(), 2000)));
    await closeRedis(connection);
  }
}
