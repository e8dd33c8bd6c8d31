import { createServer, Socket } from 'node:net';
import Redis from 'ioredis';
import { ConfigError, loadConfig } from '../src/config/config';
import { bearer, startWithBody } from './support/app';
import { TEST_REDIS_URL } from './support/env';

type Ctx = Awaited<ReturnType<typeof startWithBody>>;

const api = '/v1/bodies/musterstadt';
const session = { name: 'Sitzung', start: '2025-09-01T18:00:00+02:00' };

describe('rate limits', () => {
  describe('behind one reverse proxy (TRUST_PROXY=1)', () => {
    let t: Ctx;
    // Every test counts for addresses of its own: the budgets last a minute.
    const from = (ip: string): [string, string] => ['X-Forwarded-For', ip];

    beforeAll(async () => {
      t = await startWithBody({ TRUST_PROXY: '1', RATE_LIMIT_WRITES_PER_MINUTE: '3', RATE_LIMIT_READS_PER_MINUTE: '5', RATE_LIMIT_SEARCHES_PER_MINUTE: '2' });
    });
    afterAll(async () => t.close());

    it('count writes per API key, however the Authorization header is spelled', async () => {
      const key = t.keys.editor;
      const spellings = [`Bearer ${key}`, `bearer ${key}`, `BEARER   ${key}`];
      for (const [i, header] of spellings.entries()) {
        await t.http().post(`${api}/sessions`).set('Authorization', header).set(...from(`10.0.1.${i}`)).send(session).expect(201);
      }
      const limited = await t.http().post(`${api}/sessions`).set('Authorization', `Bearer\t${key}`).set(...from('10.0.1.9')).send(session).expect(429);
      expect(limited.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(limited.headers['retry-after']).toMatch(/^\d+$/);
      expect(limited.body).toMatchObject({ status: 429, code: 'rate_limited', title: 'Zu viele Anfragen', detail: expect.stringMatching(/^Zu viele Schreibzugriffe: höchstens 3 pro Minute/) });
      // Another key has a budget of its own; reads with a key are not limited.
      await t.http().post(`${api}/sessions`).set(...bearer(t.keys.admin)).send(session).expect(201);
      for (let i = 0; i < 8; i++) await t.http().get(`${api}/sessions`).set(...bearer(key)).expect(200);
    });

    it('keep no credential in Redis: counters are named by key id, account id or address', async () => {
      const redis = new Redis(TEST_REDIS_URL);
      try {
        const names = await redis.keys(`${t.config.redisPrefix}:rate:*`);
        const [{ id }] = await t.ds.query(`SELECT id FROM api_key WHERE role = 'editor' AND body_id = $1`, [t.body.id]);
        expect(names).toContain(`${t.config.redisPrefix}:rate:write:key:${id}`);
        for (const name of names) {
          expect(name).toMatch(new RegExp(`^${t.config.redisPrefix}:rate:(write|read|search):(key|account|ip):([0-9a-f.:-]+|unknown)$`));
          for (const key of Object.values(t.keys)) expect(name).not.toContain(key.slice(3, 13));
        }
      } finally {
        redis.disconnect();
      }
    });

    it('count an app account’s writes per account, across its devices', async () => {
      const created = await t.http().post('/v1/me/account').set(...from('10.0.2.1')).send({ deviceName: 'Tablet' }).expect(201);
      const first = { Authorization: `Bearer ${created.body.token as string}` };
      const code = await t.http().post('/v1/me/pairing-codes').set(first).expect(201);
      const paired = await t.http().post('/v1/me/pair').set(...from('10.0.2.2')).send({ code: code.body.code, deviceName: 'Telefon' }).expect(201);
      const second = { Authorization: `Bearer ${paired.body.token as string}` };
      // Pairing was the account's first write; invalid writes count too.
      await t.http().post('/v1/me/bookmarks').set(first).send({}).expect(400);
      await t.http().post('/v1/me/bookmarks').set(second).send({}).expect(400);
      await t.http().post('/v1/me/bookmarks').set(second).send({}).expect(429);
      await t.http().post('/v1/me/bookmarks').set(first).send({}).expect(429);
    });

    it('count anonymous writes and writes with a bad credential per client address', async () => {
      const ip = from('10.0.3.1');
      await t.http().post(`${api}/newsletter/confirm`).set(...ip).send({ token: 'x' }).expect(400);
      await t.http().post(`${api}/sessions`).set(...ip).set('Authorization', 'Bearer rk_unknown').send(session).expect(401);
      await t.http().post(`${api}/sessions`).set(...ip).set('Authorization', 'Basic abc').send(session).expect(401);
      await t.http().post(`${api}/newsletter/confirm`).set(...ip).send({ token: 'x' }).expect(429);
      await t.http().post(`${api}/newsletter/confirm`).set(...from('10.0.3.2')).send({ token: 'x' }).expect(400);
    });

    it('limit anonymous reads per client address, and app accounts’ reads per account', async () => {
      const ip = from('10.0.4.1');
      for (let i = 0; i < 5; i++) await t.http().get(`${api}/sessions`).set(...ip).expect(200);
      const limited = await t.http().get(`${api}/committees`).set(...ip).expect(429);
      expect(limited.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(limited.headers['retry-after']).toMatch(/^\d+$/);
      expect(limited.headers['access-control-allow-origin']).toBe('*');
      expect(limited.body).toMatchObject({ code: 'rate_limited', detail: expect.stringMatching(/^Zu viele Anfragen: höchstens 5 pro Minute/) });
      await t.http().get('/oparl/v1.1/system').set(...ip).expect(429);
      // Other addresses, keyed callers and health checks are not affected.
      await t.http().get(`${api}/sessions`).set(...from('10.0.4.2')).expect(200);
      await t.http().get(`${api}/sessions`).set(...ip).set(...bearer(t.keys.member)).expect(200);
      await t.http().get('/health/live').set(...ip).expect(200);

      const account = await t.http().post('/v1/me/account').set(...from('10.0.4.3')).send({}).expect(201);
      const token = { Authorization: `Bearer ${account.body.token as string}` };
      for (let i = 0; i < 5; i++) await t.http().get('/v1/me/account').set(token).set(...from(`10.0.4.${10 + i}`)).expect(200);
      await t.http().get(`${api}/sessions`).set(token).set(...from('10.0.4.20')).expect(429);
    });

    it('limit searches more strictly, on a budget of their own', async () => {
      const ip = from('10.0.5.1');
      await t.http().get(`${api}/search?q=Haushalt`).set(...ip).expect(200);
      await t.http().get(`${api}/search/suggest?q=Haus`).set(...ip).expect(200);
      const limited = await t.http().get('/v1/search?q=Haushalt&bodies=musterstadt').set(...ip).set('Accept-Language', 'en').expect(429);
      expect(limited.body).toMatchObject({ code: 'rate_limited', title: 'Too Many Requests', detail: expect.stringMatching(/^Too many searches: at most 2 per minute\. Retry after \d+ seconds\.$/) });
      expect(limited.headers['content-language']).toBe('en');
      await t.http().get(`${api}/sessions`).set(...ip).expect(200);
    });
  });

  describe('client addresses', () => {
    const read = (t: Ctx, forwarded: string) => t.http().get(`${api}/sessions`).set('X-Forwarded-For', forwarded);

    it('ignore X-Forwarded-For by default, so a client cannot pick its own', async () => {
      const t = await startWithBody({ RATE_LIMIT_READS_PER_MINUTE: '2' });
      try {
        await read(t, '192.0.2.1').expect(200);
        await read(t, '192.0.2.2').expect(200);
        await read(t, '192.0.2.3').expect(429);
      } finally {
        await t.close();
      }
    });

    it('believe only the hops the trusted proxies added (by count or by address)', async () => {
      for (const trust of ['1', 'loopback', '127.0.0.1/32,10.0.0.0/8']) {
        const t = await startWithBody({ TRUST_PROXY: trust, RATE_LIMIT_READS_PER_MINUTE: '2' });
        try {
          // The proxy appends the address it saw; what the client put before it is not believed.
          await read(t, '203.0.113.7, 198.51.100.1').expect(200);
          await read(t, '203.0.113.8, 198.51.100.1').expect(200);
          await read(t, '198.51.100.1').expect(429);
          await read(t, '203.0.113.7, 198.51.100.2').expect(200);
        } finally {
          await t.close();
        }
      }
    });

    it('count hops that are no address on one budget, without errors', async () => {
      const t = await startWithBody({ TRUST_PROXY: '1', RATE_LIMIT_READS_PER_MINUTE: '2' });
      try {
        await read(t, 'not-an-address').expect(200);
        await read(t, `x${'y'.repeat(2000)}`).expect(200);
        await read(t, 'unknown').expect(429);
        // IPv6 clients count by their /64: these three are one.
        await read(t, '2001:db8::1').expect(200);
        await read(t, '2001:db8::2').expect(200);
        await read(t, '2001:db8::3').expect(429);
      } finally {
        await t.close();
      }
    });

    it('are configured as false, a hop count or proxy addresses; true is refused', () => {
      const trust = (value: string) => loadConfig({ TRUST_PROXY: value }).trustProxy;
      expect(trust('')).toBe(false);
      expect(trust('false')).toBe(false);
      expect(trust('2')).toBe(2);
      expect(trust('10.0.0.0/8, loopback,2001:db8::/32')).toEqual(['10.0.0.0/8', 'loopback', '2001:db8::/32']);
      expect(() => trust('true')).toThrow(ConfigError);
      expect(() => trust('true')).toThrow(/TRUST_PROXY=true would believe any X-Forwarded-For/);
      for (const bad of ['10.0.0.0/33', 'proxy.example', '21', '10.0.0.1/8/1']) expect(() => trust(bad)).toThrow(/TRUST_PROXY/);
    });
  });

  it('let requests through while Redis is down, without errors', async () => {
    const t = await startWithBody({ REDIS_URL: 'redis://127.0.0.1:1', RATE_LIMIT_WRITES_PER_MINUTE: '1', RATE_LIMIT_READS_PER_MINUTE: '1', RATE_LIMIT_SEARCHES_PER_MINUTE: '1' });
    try {
      for (let i = 0; i < 3; i++) {
        await t.http().get(`${api}/sessions`).expect(200);
        await t.http().get(`${api}/search?q=Haushalt`).expect(200);
        await t.http().post(`${api}/sessions`).set(...bearer(t.keys.editor)).send(session).expect(201);
      }
    } finally {
      await t.close();
    }
  });

  it('let requests through while Redis hangs, after half a second', async () => {
    // A proxy in front of Redis that can stop passing anything on, as a partitioned network does.
    let frozen = false;
    const sockets: Socket[] = [];
    const target = new URL(TEST_REDIS_URL);
    const proxy = createServer((client) => {
      const upstream = new Socket().connect(Number(target.port || 6379), target.hostname);
      sockets.push(client, upstream);
      client.on('data', (chunk: Buffer) => void (frozen || upstream.write(chunk)));
      upstream.on('data', (chunk: Buffer) => void (frozen || client.write(chunk)));
      for (const socket of [client, upstream]) socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const port = (proxy.address() as { port: number }).port;
    const t = await startWithBody({ REDIS_URL: `redis://127.0.0.1:${port}`, RATE_LIMIT_READS_PER_MINUTE: '1000', RATE_LIMIT_WRITES_PER_MINUTE: '1000' });
    try {
      await t.http().get(`${api}/sessions`).expect(200);
      frozen = true;
      for (const request of [t.http().get(`${api}/sessions`), t.http().post(`${api}/sessions`).set(...bearer(t.keys.editor)).send(session)]) {
        const started = Date.now();
        const res = await request.timeout(5000);
        expect(res.status).toBeLessThan(300);
        expect(Date.now() - started).toBeLessThan(2000);
      }
    } finally {
      frozen = false;
      await t.close();
      for (const socket of sockets) socket.destroy();
      proxy.close();
    }
  });
});
