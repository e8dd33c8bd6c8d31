import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { bullPrefix, QUEUES } from '../src/infra/queue/queues';
import { queueCommand, QueueCommandError } from '../src/modules/queues/queues-cli';
import { bearer, startWithBody } from './support/app';
import { addFailedJob } from './support/queues';

type Ctx = Awaited<ReturnType<typeof startWithBody>>;

const basic = (password: string, user = 'ops'): [string, string] => ['Authorization', `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`];

/** An SMTP server's answer as a failed mail job records it: it names the recipient. */
const SMTP_REJECTION = '550 5.1.1 <anna.beispiel@example.org>: Recipient address rejected';

describe('queue view (/admin/queues)', () => {
  let t: Ctx;

  beforeAll(async () => {
    t = await startWithBody();
  });
  afterAll(async () => {
    await t.close();
  });

  it('asks for a log-in without a key, with a wrong one and with keys that are not admin keys', async () => {
    for (const path of ['/admin/queues', '/admin/queues/queue/mail', '/admin/queues/api/queues', '/admin/queues/api/redis/stats', '/admin/queues/static/favicon-32x32.png']) {
      for (const credentials of [null, basic('rk_wrong'), basic(t.keys.editor), basic(t.keys.member), bearer(t.keys.editor), ['Authorization', 'Basic bm9wYXNzd29yZA=='] as [string, string]]) {
        const request = t.http().get(path);
        const res = await (credentials ? request.set(...credentials) : request);
        expect([path, res.status]).toEqual([path, 401]);
        expect(res.headers['www-authenticate']).toMatch(/^Basic realm="Ratsinfo queues"/);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.text).not.toMatch(/counts|failed|<html/i);
      }
    }
    // Paths the board does not have are 404 for everybody, never data.
    const unknown = await t.http().get('/admin/queues-x/api/queues');
    expect(unknown.status).toBe(404);
  });

  it('serves its page, assets and API to an admin key by Basic auth (any user name) or Bearer', async () => {
    const page = await t.http().get('/admin/queues').set(...basic(t.keys.admin)).expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('<base href="/admin/queues/"');
    const csp = page.headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("connect-src 'self'");
    // Everything else keeps the API's policy.
    const api = await t.http().get('/v1/bodies').expect(200);
    expect(api.headers['content-security-policy']).toMatch(/^default-src 'none'/);

    const script = /src="(static\/js\/main\.[^"]+\.js)"/.exec(page.text)?.[1];
    expect(script).toBeDefined();
    await t.http().get(`/admin/queues/${script}`).expect(401);
    const asset = await t.http().get(`/admin/queues/${script}`).set(...basic(t.keys.admin, '')).expect(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);

    const queues = await t.http().get('/admin/queues/api/queues').set(...bearer(t.keys.admin)).expect(200);
    expect((queues.body.queues as { name: string }[]).map((q) => q.name).sort()).toEqual(Object.values(QUEUES).sort());
  });

  it('shows failed jobs without the e-mail addresses in their errors', async () => {
    const id = await addFailedJob(t.config, QUEUES.mail, SMTP_REJECTION, { deliveryId: 'd-1' });
    const res = await t.http().get('/admin/queues/api/queues?activeQueue=mail&status=failed&page=1&jobsPerPage=10').set(...basic(t.keys.admin)).expect(200);
    const mail = (res.body.queues as { name: string; jobs: { id: string; failedReason: string; stacktrace: string[] }[] }[]).find((q) => q.name === 'mail');
    const job = mail?.jobs.find((j) => j.id === id);
    expect(job?.failedReason).toBe('550 5.1.1 <[address]>: Recipient address rejected');
    expect(JSON.stringify(res.body)).not.toContain('anna.beispiel');
    const one = await t.http().get(`/admin/queues/api/queues/mail/${id}`).set(...basic(t.keys.admin)).expect(200);
    expect(JSON.stringify(one.body)).not.toContain('anna.beispiel');
    expect(one.body.job.failedReason).toContain('[address]');
  });

  it('takes changes only from its own page', async () => {
    const id = await addFailedJob(t.config, QUEUES.markings, 'boom');
    await t.http().put(`/admin/queues/api/queues/markings/${id}/retry`).set(...basic(t.keys.admin)).set('Origin', 'https://evil.example').expect(403);
    await t.http().put(`/admin/queues/api/queues/markings/${id}/retry`).set(...basic(t.keys.admin)).set('Sec-Fetch-Site', 'cross-site').expect(403);
    await t.http().put(`/admin/queues/api/queues/markings/${id}/retry`).expect(401);
    const connection = new Redis(t.config.redisUrl, { maxRetriesPerRequest: null });
    const queue = new Queue(QUEUES.markings, { connection, prefix: bullPrefix(t.config) });
    try {
      expect(await (await queue.getJob(id))?.getState()).toBe('failed');
      await t.http().put(`/admin/queues/api/queues/markings/${id}/retry`).set(...basic(t.keys.admin)).set('Sec-Fetch-Site', 'same-origin').expect(204);
      expect(await (await queue.getJob(id))?.getState()).toBe('waiting');
    } finally {
      await queue.close();
      connection.disconnect();
    }
  });
});

describe('queue commands of the CLI', () => {
  let t: Ctx;
  let connection: Redis;
  let queue: Queue;

  beforeAll(async () => {
    t = await startWithBody();
    connection = new Redis(t.config.redisUrl, { maxRetriesPerRequest: null });
    queue = new Queue(QUEUES.mail, { connection, prefix: bullPrefix(t.config) });
  });
  afterAll(async () => {
    await queue.close();
    connection.disconnect();
    await t.close();
  });

  async function run(...argv: string[]): Promise<string[]> {
    const lines: string[] = [];
    const words = argv.filter((a) => !a.startsWith('--'));
    const flags = Object.fromEntries(argv.filter((a) => a.startsWith('--')).map((a) => [a.slice(2).split('=')[0], a.includes('=') ? a.split('=')[1] : 'true']));
    await queueCommand(words, flags, t.config, (line) => lines.push(line));
    return lines;
  }

  it('lists the counts of every queue', async () => {
    await addFailedJob(t.config, QUEUES.extract, 'no text');
    const lines = await run('status');
    expect(lines[0].split(/\s+/)).toEqual(['queue', 'waiting', 'active', 'failed', 'delayed']);
    expect(lines.slice(1).map((l) => l.split(/\s+/)[0]).sort()).toEqual(Object.values(QUEUES).sort());
    expect(lines.find((l) => l.startsWith('extract '))?.split(/\s+/)).toEqual(['extract', '0', '0', '1', '0']);
  });

  it('lists failed jobs with id, name, attempts and reason, never their data or addresses', async () => {
    const id = await addFailedJob(t.config, QUEUES.mail, SMTP_REJECTION, { deliveryId: 'delivery-secret-7' });
    const lines = await run('failed', 'mail', '--limit=5');
    const line = lines.find((l) => l.startsWith(`${id}\t`));
    expect(line?.split('\t')).toEqual([id, 'send', 'attempts 1', expect.stringMatching(/^\d{4}-\d\d-\d\dT/), '550 5.1.1 <[address]>: Recipient address rejected']);
    expect(lines.join('\n')).not.toMatch(/anna\.beispiel|delivery-secret-7/);
    await expect(run('failed', 'mail', '--limit=0')).rejects.toThrow(QueueCommandError);
  });

  it('retries one failed job, or all of them', async () => {
    const id = await addFailedJob(t.config, QUEUES.mail, 'timeout');
    expect(await run('retry', 'mail', id)).toEqual([`retrying job "${id}" of queue "mail"`]);
    expect(await (await queue.getJob(id))?.getState()).toBe('waiting');
    await expect(run('retry', 'mail', id)).rejects.toThrow(`job "${id}" of queue "mail" has not failed (it is waiting)`);
    await queue.drain();

    const failed = await queue.getFailedCount();
    await addFailedJob(t.config, QUEUES.mail, 'timeout');
    await addFailedJob(t.config, QUEUES.mail, 'timeout');
    expect(await run('retry', 'mail', '--all')).toEqual([`retrying ${failed + 2} failed job(s) of queue "mail"`]);
    expect(await queue.getFailedCount()).toBe(0);
    expect(await queue.getWaitingCount()).toBe(failed + 2);
    await queue.drain();
  });

  it('drops one failed job, or all of them', async () => {
    const id = await addFailedJob(t.config, QUEUES.mail, 'timeout');
    const other = await addFailedJob(t.config, QUEUES.mail, 'timeout');
    expect(await run('drop', 'mail', id)).toEqual([`removed job "${id}" of queue "mail"`]);
    expect(await queue.getJob(id)).toBeUndefined();
    expect(await (await queue.getJob(other))?.getState()).toBe('failed');
    expect(await run('drop', 'mail', '--all')).toEqual(['removed 1 failed job(s) of queue "mail"']);
    expect(await queue.getFailedCount()).toBe(0);
  });

  it('names an unknown queue or job and changes nothing', async () => {
    const id = await addFailedJob(t.config, QUEUES.extract, 'boom');
    await expect(run('retry', 'nope', id)).rejects.toThrow(/unknown queue "nope"; the queues are newsletter, /);
    await expect(run('drop', 'extract', 'missing-1')).rejects.toThrow('queue "extract" has no job "missing-1"');
    await expect(run('drop', 'extract')).rejects.toThrow('queue drop needs a job id or --all');
    await expect(run('drop', 'extract', id, '--all')).rejects.toThrow(QueueCommandError);
    await expect(run('purge', 'extract')).rejects.toThrow(QueueCommandError);
    const extract = new Queue(QUEUES.extract, { connection, prefix: bullPrefix(t.config) });
    try {
      expect(await (await extract.getJob(id))?.getState()).toBe('failed');
    } finally {
      await extract.close();
    }
  });
});
