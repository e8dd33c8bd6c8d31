import type { Processors } from './worker';

/** The handler of every queue in QUEUES (see src/infra/queue/queues.ts). */
export const PROCESSORS: Processors = {};
