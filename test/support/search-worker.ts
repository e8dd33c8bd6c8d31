import type { AppConfig } from '../../src/config/config';
import { QUEUES } from '../../src/infra/queue/queues';
import { SearchJobs, SearchJobsOptions } from '../../src/modules/search/search.worker';
import { Processors, RunningWorker, startWorker } from '../../src/worker/worker';

/** Runs the real worker (outbox relay + BullMQ) with search's relay recorder and extraction; other queues get no-ops. */
export async function startSearchWorker(config: AppConfig, options: SearchJobsOptions = {}): Promise<{ worker: RunningWorker; jobs: SearchJobs; stop(): Promise<void> }> {
  const jobs = new SearchJobs(config, options);
  const processors = Object.fromEntries(Object.values(QUEUES).map((name) => [name, () => Promise.resolve()])) as unknown as Processors;
  processors[QUEUES.extract] = (job) => jobs.extract(job);
  const worker = await startWorker(config, processors, [], [jobs.recorder]);
  return {
    worker,
    jobs,
    stop: async () => {
      await worker.stop();
      await jobs.close();
    },
  };
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
