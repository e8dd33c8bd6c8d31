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
    const previous = process.env.DATABASE_URL;
    process.env.DATABASE_URL = t.config.databaseUrl;
    restore = () => {
      log.mockRestore();
      process.env.DATABASE_URL = previous;
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
    // The API caches keys briefly; a fresh app sees the revocation at once.
    const { ApiKeysService } = await import('../src/modules/api-keys/api-keys.service');
    expect(await new ApiKeysService(t.ds).resolve(key)).toBeNull();
  });

  it('refuses bad arguments', async () => {
    await expect(runCli(['api-key', 'create', '--role', 'king'])).rejects.toThrow(/--role/);
    await expect(runCli(['api-key', 'create', '--role', 'member'])).rejects.toThrow(/--body/);
    await expect(runCli(['api-key', 'create', '--role', 'member', '--body', 'atlantis'])).rejects.toThrow(/atlantis/);
    await expect(runCli(['api-key', 'revoke', 'rk_nothing'])).rejects.toThrow(/no single active key/);
  });
});
