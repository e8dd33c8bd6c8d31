import type { Audience } from '../../common/access/access';
import type { ResourceKind } from '../../common/access/resources';

/**
 * Every BullMQ queue of the system, in one place. A queue listed in CHANGE_QUEUES receives
 * every change event from the outbox relay; the worker refuses to start when a queue has
 * no processor.
 */
export const QUEUES = {} as const satisfies Record<string, string>;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** Queues that receive one job per change event (job id `change-<event id>`). */
export const CHANGE_QUEUES: readonly QueueName[] = [];

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
