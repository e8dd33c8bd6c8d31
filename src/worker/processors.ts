import type { Processors } from './worker';
import { sharedSearchJobs } from './search-jobs';
import { NEWSLETTER_PROCESSORS, startNewsletterWorker } from '../modules/newsletter/newsletter.worker';

/** The handler of every queue in QUEUES (see src/infra/queue/queues.ts). */
export const PROCESSORS: Processors = {
  search: (job) => sharedSearchJobs().search(job),
  extract: (job) => sharedSearchJobs().extract(job),
  ...NEWSLETTER_PROCESSORS,
};

/** Run once when a worker starts: search index settings, the newsletter's digest schedule. */
export const STARTUP: (() => Promise<void>)[] = [() => sharedSearchJobs().start(), startNewsletterWorker];
