import type { Job, Queue } from 'bullmq';
import { ConfigError, loadConfig } from '../src/config/config';
import { createCommittee } from './support/factories';
import { Client } from 'pg';
import { lockBodyExport } from '../src/modules/exports/export-builder';
import { NIGHTLY_EXPORT, NightlyExportResult } from '../src/modules/exports/exports.worker';
import { createProcessors } from '../src/worker/processors';
import { RunningWorker, startWorker } from '../src/worker/worker';
import { startWithBody } from './support/app';
import { eventually } from './support/search-worker';

type Ctx = Awaited<ReturnType<typeof startWithBody>>;

/** The worker's nightly build of every body's bulk export (EXPORT_SCHEDULE). */
describe('nightly exports', () => {
  let t: Ctx;
  let parts: ReturnType<typeof createProcessors>;
  let worker: RunningWorker;
  let queue: Queue;

  beforeAll(async () => {
    t = await startWithBody();
    await createCommittee(t.ds, { bodyId: t.body.id, name: 'Hauptausschuss' });
    parts = createProcessors(t.config);
    worker = await startWorker(t.config, parts);
    queue = parts.modules.exports.tick.queue();
  }, 60_000);
  afterAll(async () => {
    await worker?.stop();
    await t?.close();
  });

  /** Adds a run by hand (as the schedule would at night) and waits for its outcome. */
  async function run(id: string, data: Record<string, unknown> = {}): Promise<Job> {
    await queue.add(NIGHTLY_EXPORT, data, { jobId: id });
    let job: Job | undefined;
    await eventually(async () => {
      job = await queue.getJob(id);
      return ['completed', 'failed'].includes((await job?.getState()) ?? '');
    }, 60_000, `run ${id}`);
    return (await queue.getJob(id))!;
  }

  const exportsOf = async (slug: string): Promise<number> =>
    (await t.ds.query(`SELECT count(*)::int AS n FROM body_export e JOIN body b ON b.id = e.body_id WHERE b.slug = $1`, [slug]))[0].n;

  it('registers the nightly schedule at start, at 02:30 German time by default', async () => {
    await eventually(async () => (await queue.getJobScheduler('exports-nightly')) !== undefined, 10_000, 'the schedule');
    const scheduler = await queue.getJobScheduler('exports-nightly');
    expect(scheduler).toMatchObject({ name: NIGHTLY_EXPORT, pattern: '30 2 * * *', tz: 'Europe/Berlin' });
    const next = new Date(scheduler!.next!);
    const berlin = new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit' }).format(next);
    expect(berlin).toBe('02:30');
    expect(next.getTime() - Date.now()).toBeLessThanOrEqual(25 * 3600 * 1000);
    expect(await parts.modules.exports.tick.ensure()).toBe(false);
  });

  it('builds the export of every body when it runs, downloadable at once', async () => {
    const job = await run('by-hand-1');
    expect(await job.getState()).toBe('completed');
    expect(job.returnvalue as NightlyExportResult).toEqual({ built: ['andersdorf', 'musterstadt'], skipped: [] });
    expect(await exportsOf('musterstadt')).toBe(1);
    expect(await exportsOf('andersdorf')).toBe(1);
    const latest = await t.http().get('/v1/bodies/musterstadt/exports/latest').expect(200);
    expect(latest.headers['content-type']).toBe('application/zip');
    await t.http().get('/v1/bodies/andersdorf/exports/latest').expect(200);
  });

  it('builds only the bodies a retry of the same run has not built yet', async () => {
    const job = await run('by-hand-2', { built: ['musterstadt'] });
    expect(job.returnvalue as NightlyExportResult).toEqual({ built: ['andersdorf'], skipped: [] });
    expect(await exportsOf('musterstadt')).toBe(1);
    expect(await exportsOf('andersdorf')).toBe(2);
  });

  it('skips a body whose export another process is building, and builds the others', async () => {
    const other = new Client({ connectionString: t.config.databaseUrl });
    await other.connect();
    try {
      const [body] = await t.ds.query(`SELECT id, slug FROM body WHERE slug = 'musterstadt'`);
      await lockBodyExport(other, body);
      const before = await exportsOf('musterstadt');
      const job = await run('by-hand-locked');
      expect(await job.getState()).toBe('completed');
      expect(job.returnvalue as NightlyExportResult).toEqual({ built: ['andersdorf'], skipped: ['musterstadt'] });
      expect(await exportsOf('musterstadt')).toBe(before);
    } finally {
      await other.end();
    }
  });

  it('removes the schedule when EXPORT_SCHEDULE is off', async () => {
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: t.config.databaseUrl, REDIS_URL: t.config.redisUrl, REDIS_PREFIX: t.config.redisPrefix, EXPORT_SCHEDULE: 'off' });
    expect(config.exports.schedule).toBeNull();
    const off = createProcessors(config);
    const other = await startWorker(config, off);
    try {
      await eventually(async () => (await queue.getJobScheduler('exports-nightly')) === undefined, 10_000, 'the schedule removed');
      expect(await off.modules.exports.tick.ensure()).toBe(false);
    } finally {
      await other.stop();
    }
  });

  it('refuses a schedule that is not a cron pattern at boot', () => {
    const env = { NODE_ENV: 'test' };
    expect(loadConfig(env).exports.schedule).toBe('30 2 * * *');
    expect(loadConfig({ ...env, EXPORT_SCHEDULE: '0 4 * * 0' }).exports.schedule).toBe('0 4 * * 0');
    expect(() => loadConfig({ ...env, EXPORT_SCHEDULE: 'nightly' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...env, EXPORT_SCHEDULE: '30 25 * * *' })).toThrow(/EXPORT_SCHEDULE/);
  });
});
