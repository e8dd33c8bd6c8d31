import { Queue } from 'bullmq';
import type { AppConfig } from '../src/config/config';
import { bullPrefix, QUEUES } from '../src/infra/queue/queues';
import { closeRedis } from '../src/infra/redis/close-redis';
import { OutboxRelay } from '../src/worker/outbox-relay';
import { SearchJobs } from '../src/modules/search/search.worker';
import { createProcessors } from '../src/worker/processors';
import { bullConnection, startWorker } from '../src/worker/worker';
import { auth, createAccount } from './support/accounts';
import { bearer, startWithBody } from './support/app';
import { TestRedisServer } from './support/redis-server';
import { eventually, startSearchWorker } from './support/search-worker';

type Ctx = Awaited<ReturnType<typeof startWithBody>>;

/**
 * The worker's jobs other than the newsletter's against a Redis of its own that is killed and
 * started again empty: what Redis forgets is recovered from PostgreSQL.
 */
describe('worker jobs when Redis restarts empty', () => {
  let redis: TestRedisServer;
  let t: Ctx;
  let workerConfig: AppConfig;

  beforeAll(async () => {
    redis = await TestRedisServer.start();
    t = await startWithBody();
    workerConfig = { ...t.config, redisUrl: redis.url };
  });
  afterAll(async () => {
    await t.close();
    await redis.kill();
  });

  it('extracts the text of a file whose extract job Redis lost', async () => {
    const res = await t
      .http()
      .post('/v1/bodies/musterstadt/files')
      .set(...bearer(t.keys.editor))
      .field('publish', 'true')
      .attach('file', Buffer.from('Haushaltssatzung der Stadt Musterstadt für das Jahr 2031'), { filename: 'satzung.txt', contentType: 'text/plain' })
      .expect(201);
    const id = res.body.id as string;
    const file = async (): Promise<{ text_status: string | null; text: string | null }> => (await t.ds.query(`SELECT text_status, text FROM file WHERE id = $1`, [id]))[0];

    // The relay hands the change to the extract queue while no worker runs; the sweep leaves a waiting queue alone.
    const connection = bullConnection(workerConfig);
    const queue = new Queue(QUEUES.extract, { connection, prefix: bullPrefix(workerConfig) });
    const idle = new SearchJobs(workerConfig, { sweepGraceSeconds: 0 });
    try {
      expect(await new OutboxRelay(t.ds, [queue], 50).drain()).toBeGreaterThan(0);
      expect(await queue.getWaitingCount()).toBe(1);
      expect(await idle.sweepExtraction()).toBe(0);
      expect(await queue.getWaitingCount()).toBe(1);
    } finally {
      await idle.close();
      await queue.close();
      await closeRedis(connection);
    }

    await redis.kill();
    await redis.start();
    // Grace 0: as if the worker came up two minutes later.
    const worker = await startSearchWorker(workerConfig, { sweepMs: 200, sweepGraceSeconds: 0 });
    try {
      await eventually(async () => (await file()).text_status === 'done', 20_000, 'the text of the file');
      expect((await file()).text).toBe('Haushaltssatzung der Stadt Musterstadt für das Jahr 2031');
    } finally {
      await worker.stop();
    }
  });

  it('runs the accounts housekeeping and keeps the nightly export scheduled after Redis comes back empty, without restarting the worker', async () => {
    const config = { ...workerConfig, accounts: { ...workerConfig.accounts, tickSeconds: 1 } };
    const parts = createProcessors(config);
    const worker = await startWorker(config, parts);
    const account = await createAccount(t);
    /** A pairing code that has expired: the next housekeeping tick deletes it. */
    const expiredCode = async (): Promise<void> => {
      await t.http().post('/v1/me/pairing-codes').set(auth(account)).expect(201);
      await t.ds.query(`UPDATE app_pairing_code SET expires_at = now() - interval '1 minute' WHERE account_id = $1`, [account.id]);
    };
    const codes = async (): Promise<number> => (await t.ds.query(`SELECT count(*)::int AS n FROM app_pairing_code WHERE account_id = $1`, [account.id]))[0].n;
    const nightly = async (): Promise<{ pattern?: string; tz?: string } | undefined> => parts.modules.exports.tick.queue().getJobScheduler('exports-nightly');
    try {
      await expiredCode();
      await eventually(async () => (await codes()) === 0, 10_000, 'the first tick');
      await eventually(async () => (await nightly()) !== undefined, 10_000, 'the export schedule');

      await redis.kill();
      await redis.start();
      await expiredCode();
      await eventually(async () => (await codes()) === 0, 15_000, 'a tick after Redis came back');
      expect(await parts.modules.me.ensureTick()).toBe(false);
      // Registered again on reconnection, not by the minutely check.
      await eventually(async () => (await nightly()) !== undefined, 5_000, 'the export schedule after Redis came back');
      expect(await nightly()).toMatchObject({ pattern: '30 2 * * *', tz: 'Europe/Berlin' });
      expect(await parts.modules.exports.tick.ensure()).toBe(false);
    } finally {
      await worker.stop();
    }
  });
});
