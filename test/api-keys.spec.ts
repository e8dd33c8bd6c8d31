import { runCli } from '../src/cli';
import { startWithBody } from './support/app';

type Ctx = Awaited<ReturnType<typeof startWithBody>>;

describe('api-key CLI', () => {
  let t: Ctx;
  let printed: string[];
  let restore: () => void;

  beforeAll(async () => {
    t = await startWithBody();
  });
  afterAll(async () => t.close());

  beforeEach(() => {
    printed = [];
    const log = jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void printed.push(args.join(' ')));
    const previous = { DATABASE_URL: process.env.DATABASE_URL, REDIS_URL: process.env.REDIS_URL, REDIS_PREFIX: process.env.REDIS_PREFIX };
    Object.assign(process.env, { DATABASE_URL: t.config.databaseUrl, REDIS_URL: t.config.redisUrl, REDIS_PREFIX: t.config.redisPrefix });
    restore = () => {
      log.mockRestore();
      for (const [name, value] of Object.entries(previous)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    };
  });
  afterEach(() => restore());

  it('creates a key whose last printed line works as a bearer token, lists it hashed, and revokes it', async () => {
    await runCli(['api-key', 'create', '--role', 'editor', '--body', 'musterstadt', '--name', 'Pressestelle']);
    const key = printed[printed.length - 1];
    expect(key).toMatch(/^rk_[A-Za-z0-9_-]{43}$/);
    const stored = await t.ds.query(`SELECT key_hash FROM api_key WHERE name = 'Pressestelle'`);
    expect(stored[0].key_hash).not.toContain(key.slice(3));

    await t.http().post('/v1/bodies/musterstadt/sessions').set('Authorization', `Bearer ${key}`).send({ name: 'Per CLI', start: '2025-09-01T18:00:00+02:00' }).expect(201);
    const [event] = await t.ds.query(`SELECT e.api_key_id FROM change_event e JOIN api_key k ON k.id = e.api_key_id WHERE k.name = 'Pressestelle'`);
    expect(event).toBeDefined();

    printed = [];
    await runCli(['api-key', 'list']);
    const line = printed.find((l) => l.includes('Pressestelle'));
    expect(line).toContain('editor');
    expect(line).toContain('musterstadt');
    expect(printed.join('\n')).not.toContain(key);

    const id = line!.split('\t')[0];
    await runCli(['api-key', 'revoke', id]);
    // The running API had the key cached; the CLI told it through Redis, which takes milliseconds.
    const started = Date.now();
    let status = 0;
    while (status !== 401 && Date.now() - started < 1000) {
      status = (await t.http().get('/v1/bodies/musterstadt/sessions').set('Authorization', `Bearer ${key}`)).status;
    }
    expect(status).toBe(401);
  });

  it('refuses bad arguments', async () => {
    await expect(runCli(['api-key', 'create', '--role', 'king'])).rejects.toThrow(/--role/);
    await expect(runCli(['api-key', 'create', '--role', 'member'])).rejects.toThrow(/--body/);
    await expect(runCli(['api-key', 'create', '--role', 'member', '--body', 'atlantis'])).rejects.toThrow(/atlantis/);
    await expect(runCli(['api-key', 'revoke', 'rk_nothing'])).rejects.toThrow(/no single active key/);
  });
});
