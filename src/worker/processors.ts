import type { RelayRecorder } from './outbox-relay';
import type { Processors } from './worker';
import { sharedSearchJobs } from '../modules/search/search.worker';
import { NEWSLETTER_PROCESSORS, NEWSLETTER_RECORDER, startNewsletterWorker } from '../modules/newsletter/newsletter.worker';
import { ME_PROCESSORS, startMeWorker } from '../modules/me/me.worker';
import { startWebhookWorker, WEBHOOK_RECORDER } from '../modules/webhooks/webhooks.worker';

/** The handler of every queue in QUEUES (see src/infra/queue/queues.ts). */
export const PROCESSORS: Processors = {
  extract: (job) => sharedSearchJobs().extract(job),
  ...NEWSLETTER_PROCESSORS,
  ...ME_PROCESSORS,
};

/** Run once when a worker starts: search index settings, the newsletter's digest schedule, the accounts' housekeeping, webhook sending. */
export const STARTUP: (() => Promise<void>)[] = [() => sharedSearchJobs().start(), startNewsletterWorker, startMeWorker, startWebhookWorker];

/**
 * Work the outbox relay records in PostgreSQL with each batch of change events: search's
 * pending index work, the change events the newsletter still has to read, and webhook deliveries.
 */
export const RECORDERS: RelayRecorder[] = [
  { record: (manager, events) => sharedSearchJobs().recorder.record(manager, events), relayed: () => sharedSearchJobs().recorder.relayed?.() },
  NEWSLETTER_RECORDER,
  WEBHOOK_RECORDER,
];
