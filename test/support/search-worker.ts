import type { AppConfig } from '../../src/config/config';
import type { SearchJobs, SearchJobsOptions } from '../../src/modules/search/search.worker';
import { createProcessors } from '../../src/worker/processors';
import { RunningWorker, startWorker } from '../../src/worker/worker';

/** Runs the production worker (outbox relay, every processor and start-up step), with search's intervals as given. */
export async function startSearchWorker(config: AppConfig, options: SearchJobsOptions = {}): Promise<{ worker: RunningWorker; jobs: SearchJobs; stop(): Promise<void> }> {
  const parts = createProcessors(config, { search: options });
  const worker = await startWorker(config, parts);
  return { worker, jobs: parts.modules.search, stop: () => worker.stop() };
}

/** Polls until `check` returns true (or fails after `ms`). */
export async function eventually(check: () => Promise<boolean>, ms = 20_000, what = 'condition'): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    if (await check()) return;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
