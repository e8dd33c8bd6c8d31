import type { AppConfig } from '../config/config';
import { closeTogether } from '../infra/process/shutdown';
import { QUEUES } from '../infra/queue/queues';
import type { RelayRecorder } from '../infra/queue/relay-recorder';
import { createExportsWorker, ExportsWorker } from '../modules/exports/exports.worker';
import { createMeWorker, MeWorker } from '../modules/me/me.worker';
import { createNewsletterWorker, NewsletterWorker } from '../modules/newsletter/newsletter.worker';
import { SearchJobs, SearchJobsOptions } from '../modules/search/search.worker';
import { OparlRenderWorker } from '../modules/oparl/oparl-rendered';
import { createWebhooksWorker, WebhooksWorker } from '../modules/webhooks/webhooks.worker';
import type { Processors, WorkerParts } from './worker';

/** The modules' worker parts, for tests and tools that look inside a running worker. */
export interface WorkerModules {
  search: SearchJobs;
  newsletter: NewsletterWorker;
  me: MeWorker;
  webhooks: WebhooksWorker;
  exports: ExportsWorker;
  oparl: OparlRenderWorker;
}

export interface ProcessorOptions {
  /** Intervals of search's backlog drain and extraction sweep (tests shorten them). */
  search?: SearchJobsOptions;
  /** How often the OParl rendering looks for bodies to render (tests shorten it). */
  oparlRenderPollMs?: number;
}

/**
 * The one place that wires the modules into the worker: every module's worker part built from
 * this configuration, with
 * - `processors`: the handler of every queue in QUEUES (see src/infra/queue/queues.ts);
 * - `startup`: run once when the worker starts (search index settings, the newsletter's digest
 *   schedule and reconciliation, the accounts' housekeeping tick, webhook sending, the nightly
 *   export schedule, the rendering of OParl objects ahead of reads);
 * - `recorders`: work the outbox relay records in PostgreSQL with each batch of change events
 *   (search's pending index work, the change events the newsletter still has to read, webhook
 *   deliveries);
 * - `close`: closes what the parts opened (pools and DataSources, Redis connections and queues,
 *   SMTP transports, the search engine, timers), after the worker stopped giving them jobs.
 * Connections are opened on first use.
 */
export function createProcessors(config: AppConfig, options: ProcessorOptions = {}): WorkerParts & { modules: WorkerModules } {
  const modules: WorkerModules = {
    search: new SearchJobs(config, options.search),
    newsletter: createNewsletterWorker(config),
    me: createMeWorker(config),
    webhooks: createWebhooksWorker(config),
    exports: createExportsWorker(config),
    oparl: new OparlRenderWorker(config, options.oparlRenderPollMs),
  };
  const { search, newsletter, me, webhooks, exports, oparl } = modules;
  const processors: Processors = {
    [QUEUES.extract]: (job) => search.extract(job),
    ...newsletter.processors,
    ...me.processors,
    ...exports.processors,
  };
  const recorders: RelayRecorder[] = [search.recorder, newsletter.recorder, webhooks.recorder];
  return {
    processors,
    startup: [() => search.start(), () => newsletter.start(), () => me.start(), () => webhooks.start(), () => exports.start(), () => oparl.start()],
    recorders,
    modules,
    close: () => closeTogether([() => oparl.close(), () => exports.close(), () => webhooks.close(), () => me.close(), () => newsletter.close(), () => search.close()]),
  };
}
