import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { Pool } from 'pg';
import { QUEUES } from '../src/infra/queue/queues';
import { OutboxRelay } from '../src/worker/outbox-relay';
import { createProcessors } from '../src/worker/processors';
import { startWorker } from '../src/worker/worker';
import { bearer, startWithBody } from './support/app';
import { TEST_REDIS_URL } from './support/env';
import { eventually } from './support/search-worker';

type Ctx = Awaited<ReturnType<typeof startWithBody>>;

describe('outbox relay', () => {
  let t: Ctx;
  let queue: Queue;
  let connection: Redis;
  const prefix = `test-relay-${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    t = await startWithBody();
    connection = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    queue = new Queue('changes-under-test', { connection, prefix });
  });
  afterAll(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
    connection.disconnect();
    await t.close();
  });

  async function write(name: string): Promise<void> {
    await t.http().post('/v1/bodies/musterstadt/sessions').set(...bearer(t.keys.editor)).send({ name, start: '2025-09-01T18:00:00+02:00' }).expect(201);
  }

  const unrelayed = async (): Promise<number> => (await t.ds.query(`SELECT count(*)::int AS n FROM change_event WHERE relayed_at IS NULL`))[0].n;

  it('keeps events while Redis is unreachable and delivers each exactly once afterwards', async () => {
    await write('A');
    await write('B');
    const deadConnection = new Redis('redis://127.0.0.1:1', { maxRetriesPerRequest: 0, enableOfflineQueue: false, lazyConnect: true, retryStrategy: () => null });
    const deadQueue = new Queue('changes-under-test', { connection: deadConnection, prefix });
    const broken = new OutboxRelay(t.ds, [deadQueue], 10);
    await expect(broken.drain()).rejects.toThrow();
    expect(await unrelayed()).toBe(2);
    await deadQueue.close().catch(() => undefined);
    deadConnection.disconnect();

    const relay = new OutboxRelay(t.ds, [queue], 10);
    expect(await relay.drain()).toBe(2);
    expect(await unrelayed()).toBe(0);
    expect(await relay.drain()).toBe(0);
    const jobs = await queue.getJobs(['waiting']);
    expect(jobs.map((j) => j.id).sort()).toEqual((await t.ds.query(`SELECT 'change-' || id AS id FROM change_event ORDER BY id`)).map((r: { id: string }) => r.id).sort());
    expect(jobs[0].data).toMatchObject({ resource: 'session', action: 'created' });
  });

  it('does not enqueue an event twice when a relay re-sends after a crash', async () => {
    await write('C');
    const [event] = await t.ds.query(`SELECT id::text FROM change_event WHERE relayed_at IS NULL`);
    const relay = new OutboxRelay(t.ds, [queue], 10);
    await relay.drain();
    // Simulate a relay that enqueued but died before marking the event as relayed.
    await t.ds.query(`UPDATE change_event SET relayed_at = NULL WHERE id = $1`, [event.id]);
    await relay.drain();
    const jobs = await queue.getJobs(['waiting']);
    expect(jobs.filter((j) => j.id === `change-${event.id}`)).toHaveLength(1);
  });

  it('closes every connection the production worker and its processors opened when it stops', async () => {
    // Every ioredis client connects on creation (BullMQ's duplicates too): record them all.
    const connect = jest.spyOn(Redis.prototype, 'connect');
    const pools = jest.spyOn(Pool.prototype, 'connect');
    // The test app's own pools (its API and t.ds) are not the worker's.
    await write('C');
    await unrelayed();
    const own = new Set(pools.mock.contexts as Pool[]);
    pools.mockClear();
    let clients: Redis[];
    let opened: Pool[];
    const parts = createProcessors(t.config);
    const worker = await startWorker(t.config, parts);
    try {
      // Each module's start-up step has opened what it keeps open (ticks, queues, pools).
      await eventually(async () => (await parts.modules.exports.tick.queue().getJobScheduler('exports-nightly')) !== undefined, 10_000, 'the start-up steps');
      await parts.modules.newsletter.maintain();
      await parts.modules.me.ensureTick();
      await write('D');
      await eventually(async () => (await unrelayed()) === 0, 10_000, 'the relay');
    } finally {
      await worker.stop();
      clients = [...new Set(connect.mock.contexts as Redis[])];
      opened = [...new Set(pools.mock.contexts as Pool[])].filter((p) => !own.has(p));
      connect.mockRestore();
      pools.mockRestore();
    }
    // The shared connection, a blocking duplicate per queue's worker, and the modules' own.
    expect(clients.length).toBeGreaterThan(1 + Object.values(QUEUES).length);
    await eventually(() => Promise.resolve(clients.every((c) => c.status === 'end')), 5000, 'all Redis connections closed');
    // PostgreSQL: the relay's, search's, the newsletter's, the accounts' pools; none left with a client.
    expect(opened.length).toBeGreaterThan(1);
    expect(opened.filter((p) => p.totalCount > 0)).toEqual([]);
  });
});
