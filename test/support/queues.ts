import { Queue, Worker } from 'bullmq';
import Redis from 'ioredis';
import type { AppConfig } from '../../src/config/config';
import { bullPrefix, QueueName } from '../../src/infra/queue/queues';

/**
 * Puts a job into a queue of the app and lets it fail for good (one attempt), as a processor
 * that throws `reason` would; returns its id.
 */
export async function addFailedJob(config: AppConfig, queueName: QueueName, reason: string, data: Record<string, unknown> = {}): Promise<string> {
  const connection = new Redis(config.redisUrl, { maxRetriesPerRequest: null });
  const prefix = bullPrefix(config);
  const queue = new Queue(queueName, { connection, prefix });
  const worker = new Worker(queueName, null, { connection, prefix, autorun: false });
  try {
    const added = await queue.add('send', data, { attempts: 1 });
    const token = `test-${added.id}`;
    const job = await worker.getNextJob(token);
    if (!job || !added.id || job.id !== added.id) throw new Error(`expected job ${added.id} to be next in ${queueName}`);
    await job.moveToFailed(new Error(reason), token);
    return added.id;
  } finally {
    await worker.close();
    await queue.close();
    connection.disconnect();
  }
}

