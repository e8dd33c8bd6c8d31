import Redis from 'ioredis';
import { ReadCacheInvalidation, relayAnnouncer } from '../src/common/cache/invalidation';
import { ReadCache } from '../src/common/cache/read-cache';
import { closeRedis } from '../src/infra/redis/close-redis';
import { OutboxRelay } from '../src/worker/outbox-relay';
import { bearer, startAnotherApp, startWithBody, TestApp } from './support/app';
import { createSession } from './support/factories';

type Ctx = Awaited<ReturnType<typeof startWithBody>>;

/**
 * Several API processes behind a load balancer, each with its own page cache of minutes: a
 * write anywhere (another API process, the worker, an import) drops the body's pages in every
 * process at once, through Redis.
 */
describe('read cache across processes', () => {
  let a: Ctx;
  let b: TestApp;
  let redis: Redis;
  const path = '/v1/bodies/musterstadt/sessions';
  const names = (res: { body: { data: { name: string }[] } }): string[] => res.body.data.map((s) => s.name);
  let sessionId: string;

  beforeAll(async () => {
    a = await startWithBody({ READ_CACHE_MS: '600000' });
    b = await startAnotherApp(a, { READ_CACHE_MS: '600000' });
    redis = new Redis(a.config.redisUrl);
    sessionId = (await createSession(a.ds, { bodyId: a.body.id, name: 'Ratssitzung', start: new Date('2025-03-04T17:00:00Z') })).id;
  });
  afterAll(async () => {
    await closeRedis(redis);
    await b?.close();
    await a?.close();
  });

  it('starts listening before it serves', () => {
    expect(a.app.get(ReadCache).live).toBe(true);
    expect(b.app.get(ReadCache).live).toBe(true);
  });

  it('shows a write through one API process in the pages of another at once', async () => {
    expect(names(await b.http().get(path).expect(200))).toEqual(['Ratssitzung']);
    await a.http().patch(`${path}/${sessionId}`).set(...bearer(a.keys.editor)).send({ name: 'Ratssitzung (verlegt)' }).expect(200);
    // The announcement travels through Redis: give it the moment a message takes, far below the TTL.
    await until(async () => names(await b.http().get(path).expect(200))[0] === 'Ratssitzung (verlegt)');
    expect(names(await b.http().get(path).expect(200))).toEqual(['Ratssitzung (verlegt)']);
  });

  it('shows writes of the worker, imports and the CLI once the outbox relay passes them on', async () => {
    const before = await b.http().get(path).expect(200);
    // Written as an import does: the row and its change event, no API process involved.
    const imported = await createSession(a.ds, { bodyId: a.body.id, name: 'Importiert', start: new Date('2025-03-05T17:00:00Z') });
    await a.ds.query(`INSERT INTO change_event (body_id, resource, resource_id, action, audience_before, audience_after) VALUES ($1, 'session', $2, 'created', 0, 3)`, [a.body.id, imported.id]);
    // Cached for minutes: not seen yet …
    expect(names(await b.http().get(path).expect(200))).toEqual(names(before));
    const relay = new OutboxRelay(a.ds, [], 50, 500, [relayAnnouncer(redis, a.config.redisPrefix)]);
    await relay.drain();
    // … and seen by both processes once the relay announced the body.
    await until(async () => names(await b.http().get(path).expect(200)).includes('Importiert'));
    await until(async () => names(await a.http().get(path).expect(200)).includes('Importiert'));
  });

  it('keeps pages only briefly while it cannot listen, and drops them all when it listens again', async () => {
    const cache = b.app.get(ReadCache);
    const subscriber = b.app.get<ReadCacheInvalidation, { subscriber: Redis }>(ReadCacheInvalidation).subscriber;
    await b.http().get(path).expect(200);
    // The connection breaks (Redis restarted, network): ioredis reconnects by itself.
    subscriber.stream.destroy();
    await until(() => Promise.resolve(!cache.live));
    await createSession(a.ds, { bodyId: a.body.id, name: 'Während der Störung', start: new Date('2025-03-06T17:00:00Z') });
    await until(() => Promise.resolve(cache.live));
    expect(names(await b.http().get(path).expect(200))).toContain('Während der Störung');
  });
});

/** Polls `check` until it holds (a failing test fails on jest's timeout, with this message). */
async function until(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
